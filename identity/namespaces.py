"""Namespaces and dataset ids from what each source knows of a table's home: a SQLAlchemy
URL (database harvests), a dbt target, an ODCS server, an OpenLineage namespace.

All follow the OpenLineage dataset naming spec (namespace = scheme://authority, name =
db.schema.table as the platform nests them), so a table harvested from a database, the same
table in a dbt manifest or an ODCS contract, and in an OpenLineage event are one node.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from identity.ids import dataset_id
from identity.platforms import canonical, lookup, sqlglot_dialect

if TYPE_CHECKING:
    from sqlalchemy.engine import URL


# -- tables of SQL platforms ----------------------------------------------------------------
def table_dataset(platform: str, *, host: str = "", port: int | None = None,
                  database: str = "", schema: str | None = None, table: str) -> str:
    """The dataset id of a table. `database` is the file path on a file-backed platform
    (SQLite, DuckDB); a platform the table does not list gets scheme://host[:port], a.b.c."""
    p = lookup(platform)
    if p is not None and p.file_backed:
        if p.name == "duckdb":  # as OpenLineage's dbt integration names DuckDB relations
            return dataset_id(f"duckdb://{database}",
                              f"{Path(database).stem}.{schema or p.default_schema}.{table}")
        return dataset_id(f"{p.name}://{database}", table)  # the spec has no SQLite entry
    if p is not None and p.parts:
        values = {"schema": schema or p.default_schema or "", "table": table}
        name = ".".join(values.get(part, database) for part in p.parts)
        return dataset_id(f"{p.name}://{host}:{port or p.default_port}", name)
    authority = f"{host}:{port}" if port else host
    return dataset_id(f"{canonical(platform)}://{authority}",
                      ".".join(x for x in (database, schema or "", table) if x))


@dataclass(frozen=True)
class DatabaseNaming:
    """How a database reached through a SQLAlchemy URL names its tables."""

    dialect: str          # SQLAlchemy dialect name
    host: str
    port: int | None
    database: str         # database name, or the file path for SQLite/DuckDB

    @classmethod
    def from_url(cls, url: URL, *, host: str | None = None, port: int | None = None,
                 database: str | None = None) -> DatabaseNaming:
        """The URL's naming; `host`, `port`, `database` name it as other producers do."""
        dialect = url.get_backend_name()
        p = lookup(dialect)
        if p is not None and p.file_backed:
            path = url.database or ":memory:"
            if path != ":memory:":
                path = str(Path(path).resolve())
            return cls(dialect, "", None, database or path)
        return cls(dialect, host or url.host or "localhost",
                   port or url.port or (p.default_port if p else None),
                   database or url.database or "")

    @property
    def platform(self) -> str:
        return canonical(self.dialect)

    @property
    def sql_dialect(self) -> str | None:
        """sqlglot's dialect for this database's view definitions (None: generic SQL)."""
        return sqlglot_dialect(self.dialect)

    @property
    def one_level(self) -> bool:
        """MySQL-like: the SQLAlchemy schema *is* the database (names are db.table)."""
        p = lookup(self.dialect)
        return p is not None and not p.file_backed and bool(p.parts) and "schema" not in p.parts

    def dataset(self, schema: str | None, table: str) -> str:
        if self.one_level:
            return table_dataset(self.dialect, host=self.host, port=self.port,
                                 database=schema or self.database, table=table)
        return table_dataset(self.dialect, host=self.host, port=self.port,
                             database=self.database, schema=schema, table=table)

    @property
    def scope(self) -> str:
        """`database:<namespace>/<database>`: what one recipe's harvest owns."""
        p = lookup(self.dialect)
        if p is not None and p.file_backed:
            return f"database:{self.platform}://{self.database}"
        port = f":{self.port}" if self.port else ""
        db = f"/{self.database}" if self.database else ""
        return f"database:{self.platform}://{self.host}{port}{db}"


# -- ODCS servers ---------------------------------------------------------------------------
_ODCS_TYPES = frozenset({"postgres", "mysql", "mssql"})


def odcs_dataset(server_type: str, host: str | None, port: int | None,
                 database: str | None, schema: str | None, table: str) -> str | None:
    """The dataset id of a table on an ODCS server of a known type; None when unknown."""
    p = lookup(server_type)
    if not host or not database or p is None or p.name not in _ODCS_TYPES:
        return None
    return table_dataset(p.name, host=host, port=port, database=database, schema=schema,
                         table=table)


# -- dbt targets ----------------------------------------------------------------------------
class NamespaceError(ValueError):
    """A dbt target lacks `field`, by which its adapter names datasets; or (field None) no
    naming is known for the adapter."""

    def __init__(self, adapter: str, field: str | None = None):
        self.adapter, self.field = adapter, field
        super().__init__(f"the {adapter} adapter names datasets by `{field}`" if field
                         else f"no dataset naming is known for the {adapter} adapter")


_SPARK_PORTS = {"http": "443", "odbc": "443", "thrift": "10001"}


# adapter -> (the target fields it names datasets by, the namespace made of them)
_DBT_NAMESPACES: dict[str, tuple[tuple[str, ...], str]] = {
    **{a: (("host", "port"), a + "://{host}:{port}")
       for a in ("postgres", "redshift", "trino", "clickhouse")},
    "databricks": (("host",), "databricks://{host}"),
    "sqlserver": (("server", "port"), "mssql://{server}:{port}"),
    "dremio": (("software_host", "port"), "dremio://{software_host}:{port}"),
    "athena": (("region_name",), "awsathena://athena.{region_name}.amazonaws.com"),
}


def _need(target: Any, adapter: str, *fields: str) -> dict[str, str]:
    values = {}
    for f in fields:
        v = getattr(target, f, None)
        if v in (None, ""):
            raise NamespaceError(adapter, f)
        values[f] = str(v)
    return values


def dbt_namespace(adapter: str, target: Any, base_dir: Path | None = None) -> str:
    """The namespace of a dbt target's relations, as OpenLineage's dbt integration
    (openlineage-integration-common `DbtArtifactProcessor.extract_namespace`) names them.
    `target` has the profile's fields (host, port, account, path, ...) as attributes."""
    a = adapter.lower()
    if a in _DBT_NAMESPACES:
        fields, template = _DBT_NAMESPACES[a]
        return template.format(**_need(target, a, *fields))
    if a == "bigquery":
        return "bigquery"
    if a == "snowflake":
        return f"snowflake://{_need(target, a, 'account')['account'].lower()}"
    if a == "spark":
        host = _need(target, a, "host")["host"]
        port = str(target.port) if target.port else _SPARK_PORTS.get(target.method or "", "")
        return f"spark://{host}:{port}" if port else f"spark://{host}"
    if a == "duckdb":
        path = _need(target, a, "path")["path"]
        p = Path(path).expanduser()
        if base_dir is not None and not p.is_absolute() and path != ":memory:":
            p = (base_dir / p).resolve()
        return f"duckdb://{p}"
    raise NamespaceError(a)


# -- OpenLineage namespaces -----------------------------------------------------------------
def namespace_platform(namespace: str, datasource_uri: str | None = None) -> str | None:
    """The platform of an OpenLineage namespace (or else of its data source URI)."""
    for candidate in (namespace, datasource_uri or ""):
        if "://" in candidate:
            return canonical(candidate.split("://", 1)[0])
    p = lookup(namespace)
    return p.name if p is not None and p.bare else None


def namespace_kind(namespace: str) -> str | None:
    """What a namespace implies its datasets are (file, topic), if anything."""
    p = lookup(namespace_platform(namespace))
    return p.kind if p else None
