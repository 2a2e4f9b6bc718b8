"""Dataset namespaces of dbt relations, per adapter, as OpenLineage's dbt integration
(openlineage-integration-common `DbtArtifactProcessor.extract_namespace`) names them, so
a model seen here and in `dbt-ol` events (or a database harvest) is one node."""

from __future__ import annotations

from pathlib import Path

from ingestors.dbt.config import TargetConfig

_SPARK_PORTS = {"http": "443", "odbc": "443", "thrift": "10001"}


class NamespaceError(ValueError):
    def __init__(self, adapter: str, missing: str):
        super().__init__(f"the {adapter} adapter names datasets by `{missing}`: set "
                         f"source.config.target.{missing} (or source.config.namespace)")
        self.path = f"source.config.target.{missing}"


def _need(t: TargetConfig, adapter: str, *fields: str) -> list[str]:
    values = []
    for f in fields:
        v = getattr(t, f)
        if v in (None, ""):
            raise NamespaceError(adapter, f)
        values.append(str(v))
    return values


def dataset_namespace(adapter: str, t: TargetConfig, base_dir: Path | None = None) -> str:
    a = adapter.lower()
    if a == "bigquery":
        return "bigquery"
    if a in ("postgres", "redshift", "trino", "clickhouse"):
        host, port = _need(t, a, "host", "port")
        return f"{a}://{host}:{port}"
    if a == "snowflake":
        (account,) = _need(t, a, "account")
        return f"snowflake://{account.lower()}"
    if a == "databricks":
        (host,) = _need(t, a, "host")
        return f"databricks://{host}"
    if a == "sqlserver":
        server, port = _need(t, a, "server", "port")
        return f"mssql://{server}:{port}"
    if a == "dremio":
        host, port = _need(t, a, "software_host", "port")
        return f"dremio://{host}:{port}"
    if a == "athena":
        (region,) = _need(t, a, "region_name")
        return f"awsathena://athena.{region}.amazonaws.com"
    if a == "spark":
        (host,) = _need(t, a, "host")
        port = str(t.port) if t.port else _SPARK_PORTS.get(t.method or "", "")
        return f"spark://{host}:{port}" if port else f"spark://{host}"
    if a == "duckdb":
        (path,) = _need(t, a, "path")
        p = Path(path).expanduser()
        if base_dir is not None and not p.is_absolute() and path != ":memory:":
            p = (base_dir / p).resolve()
        return f"duckdb://{p}"
    raise ValueError(f"no dataset naming is known for the {a} adapter: set "
                     "source.config.namespace")
