"""Stable ids of ARCHITECTURE section 1, derived from names, and their parts.

The prefixes are the labels' own (`graph.labels`), so an id built here is one the graph takes.
Dataset ids follow the OpenLineage dataset naming spec: `dataset:<namespace>:<name>`
(`identity.namespaces` builds the namespace and name of a platform's tables).
"""

from __future__ import annotations

import re

from graph.labels import COLUMN_SEP, Label, label_of


def domain_id(name: str) -> str:
    return f"{Label.DOMAIN.prefix}{name}"


def product_id(domain: str, name: str) -> str:
    return f"{Label.DATA_PRODUCT.prefix}{domain}/{name}"


def dataset_id(namespace: str, name: str) -> str:
    if not namespace or not name:
        raise ValueError(f"dataset needs a namespace and a name, got {namespace!r}, {name!r}")
    return f"{Label.DATASET.prefix}{namespace}:{name}"


def column_id(dataset: str, path: str) -> str:
    if label_of(dataset) is not Label.DATASET:
        raise ValueError(f"{dataset!r} is not a dataset id")
    return f"{dataset}{COLUMN_SEP}{path}"


def job_id(namespace: str, name: str) -> str:
    return f"{Label.JOB.prefix}{namespace}:{name}"


def run_id(run_uuid: str) -> str:
    return f"{Label.RUN.prefix}{run_uuid}"


def owner_id(name: str, kind: str = "team") -> str:
    return f"{Label.OWNER.prefix}{kind}:{name}"


def tag_id(name: str) -> str:
    return f"{Label.TAG.prefix}{name}"


def classification_id(name: str) -> str:
    return f"{Label.CLASSIFICATION.prefix}{name}"


def classification_name(cid: str) -> str:
    """The info type name of a classification id (`classification:PII.Email` -> `PII.Email`)."""
    return cid.removeprefix(Label.CLASSIFICATION.prefix)


_NS_URI = re.compile(r"^(?P<ns>[A-Za-z][\w+.-]*://[^:/]*(?::\d+)?(?:/[^:]*)?):(?P<name>.+)$")


def split_dataset_id(ds_id: str) -> tuple[str, str]:
    """(namespace, name) of a dataset id; a URI namespace may hold `:` (host:port)."""
    body = ds_id.removeprefix(Label.DATASET.prefix)
    m = _NS_URI.match(body)
    if m:
        return m["ns"], m["name"]
    namespace, _, name = body.partition(":")
    return namespace, name


def as_domain_id(domain: str) -> str:
    """A domain given by id or by name, as its id."""
    return domain if domain.startswith(Label.DOMAIN.prefix) else domain_id(domain)
