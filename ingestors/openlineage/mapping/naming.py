"""Platform and kind of a dataset from its OpenLineage namespace and facets."""

from __future__ import annotations

from urllib.parse import urlsplit, urlunsplit

# namespace schemes that name the same platform differently
_ALIASES = {"postgresql": "postgres", "mysql+pymysql": "mysql", "s3a": "s3", "s3n": "s3",
            "gcs": "gs", "abfs": "abfss", "wasb": "wasbs", "redshift+psycopg2": "redshift"}
# namespaces without `://` that are a platform by themselves (OpenLineage naming spec)
_BARE = {"bigquery", "file", "hive", "kafka", "snowflake", "databricks", "dbfs"}
_FILES = {"s3", "gs", "file", "hdfs", "abfss", "wasbs", "dbfs"}
_KINDS = {"table": "table", "view": "view", "materialized_view": "view", "file": "file",
          "stream": "topic", "topic": "topic", "model": "model"}


def platform(namespace: str, datasource_uri: str | None = None) -> str | None:
    for candidate in (namespace, datasource_uri or ""):
        if "://" in candidate:
            scheme = candidate.split("://", 1)[0].lower()
            return _ALIASES.get(scheme, scheme)
    if namespace.lower() in _BARE:
        return namespace.lower()
    return None


def kind(dataset_type: str | None, namespace: str) -> str | None:
    """table/view/file/topic/model: the datasetType facet, else what the namespace implies."""
    if dataset_type:
        key = dataset_type.strip().lower().replace(" ", "_")
        return _KINDS.get(key, key)
    plat = platform(namespace)
    if plat == "kafka":
        return "topic"
    if plat in _FILES:
        return "file"
    return None


def without_credentials(uri: str) -> str:
    """A data source URI with any user:password@ removed before it is stored."""
    try:
        parts = urlsplit(uri)
    except ValueError:
        return uri
    if "@" not in parts.netloc:
        return uri
    return urlunsplit(parts._replace(netloc=parts.netloc.rsplit("@", 1)[1]))
