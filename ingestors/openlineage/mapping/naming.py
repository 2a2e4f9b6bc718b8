"""Platform and kind of a dataset from its OpenLineage namespace and facets."""

from __future__ import annotations

from urllib.parse import urlsplit, urlunsplit

from identity.namespaces import namespace_kind
from identity.namespaces import namespace_platform as platform

__all__ = ["kind", "platform", "without_credentials"]

_KINDS = {"table": "table", "view": "view", "materialized_view": "view", "file": "file",
          "stream": "topic", "topic": "topic", "model": "model"}


def kind(dataset_type: str | None, namespace: str) -> str | None:
    """table/view/file/topic/model: the datasetType facet, else what the namespace implies."""
    if dataset_type:
        key = dataset_type.strip().lower().replace(" ", "_")
        return _KINDS.get(key, key)
    return namespace_kind(namespace)


def without_credentials(uri: str) -> str:
    """A data source URI with any user:password@ removed before it is stored."""
    try:
        parts = urlsplit(uri)
    except ValueError:
        return uri
    if "@" not in parts.netloc:
        return uri
    return urlunsplit(parts._replace(netloc=parts.netloc.rsplit("@", 1)[1]))
