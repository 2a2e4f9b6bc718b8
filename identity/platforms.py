"""The platforms datasets live on: one row each, with every name the platform goes by.

Adding a platform is adding a row here (and, when its namespace is built from other fields
than host and port, a rule in `identity.namespaces`).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Platform:
    name: str                                # the OpenLineage namespace scheme
    aliases: tuple[str, ...] = ()            # SQLAlchemy dialects, dbt adapters, ODCS server
    #                                          types and namespace schemes naming it too
    default_port: int | None = None
    sql_dialect: str | None = None           # openlineage-sql's dialect for its SQL
    parts: tuple[str, ...] = ()              # a table's name: the parts joined with "."
    default_schema: str | None = None        # the schema an unqualified table is in
    file_backed: bool = False                # namespace is <scheme>://<file path>
    bare: bool = False                       # a namespace without `://` names it by itself
    kind: str | None = None                  # what its datasets are (file, topic) if it says
    sqlglot: str | None = None               # sqlglot's dialect, when not `sql_dialect`


PLATFORMS: tuple[Platform, ...] = (
    Platform("postgres", ("postgresql",), 5432, "postgres",
             ("database", "schema", "table"), "public"),
    Platform("mysql", ("mariadb", "mysql+pymysql"), 3306, "mysql", ("database", "table")),
    Platform("mssql", ("sqlserver",), 1433, "mssql", ("database", "schema", "table"), "dbo",
             sqlglot="tsql"),
    Platform("oracle", (), 1521, None, ("service", "schema", "table"), "", sqlglot="oracle"),
    Platform("trino", (), 8080, None, ("catalog", "schema", "table"), "", sqlglot="trino"),
    Platform("sqlite", (), None, "sqlite", ("table",), file_backed=True),
    Platform("duckdb", (), None, "duckdb", ("database", "schema", "table"), "main",
             file_backed=True),
    Platform("redshift", ("redshift+psycopg2",), None, "redshift"),
    Platform("snowflake", (), None, "snowflake", bare=True),
    Platform("bigquery", (), None, "bigquery", bare=True),
    Platform("databricks", (), None, "databricks", bare=True),
    Platform("clickhouse", (), None, "clickhouse"),
    Platform("spark", (), None, "hive", sqlglot="spark"),
    Platform("hive", (), None, "hive", bare=True),
    Platform("dremio", sqlglot="dremio"),
    Platform("teradata", (), 1025, None, ("database", "table"), sqlglot="teradata"),
    Platform("awsathena", ("athena",), sqlglot="athena"),
    Platform("kafka", bare=True, kind="topic"),
    Platform("file", bare=True, kind="file"),
    Platform("dbfs", bare=True, kind="file"),
    Platform("hdfs", kind="file"),
    Platform("s3", ("s3a", "s3n"), kind="file"),
    Platform("gs", ("gcs",), kind="file"),
    Platform("abfss", ("abfs",), kind="file"),
    Platform("wasbs", ("wasb",), kind="file"),
)

_BY_NAME: dict[str, Platform] = {
    n: p for p in PLATFORMS for n in (p.name, *p.aliases)}

# openlineage-sql's dialects: the platforms' and the two generic ones
SQL_DIALECTS = frozenset({"ansi", "generic"} | {p.sql_dialect for p in PLATFORMS
                                                if p.sql_dialect})


def lookup(name: str | None) -> Platform | None:
    """The platform a name (any alias, any case) stands for; None when unknown."""
    return _BY_NAME.get((name or "").lower())


def canonical(name: str) -> str:
    """The platform's own name for any of its aliases; an unknown name is kept (lowercased)."""
    p = lookup(name)
    return p.name if p else name.lower()


def sql_dialect(name: str | None, default: str | None = "generic") -> str | None:
    """The openlineage-sql dialect of a platform (or a dialect name itself), else `default`."""
    p = lookup(name)
    if p is not None and p.sql_dialect:
        return p.sql_dialect
    if name and name.lower() in SQL_DIALECTS:
        return name.lower()
    return default


# sqlglot's dialects we name (ingestors.sql): every platform's, plus names a `sql` facet uses
SQLGLOT_DIALECTS = frozenset(
    {"athena", "bigquery", "clickhouse", "databricks", "doris", "drill", "dremio", "duckdb",
     "exasol", "hive", "materialize", "mysql", "oracle", "postgres", "presto", "prql",
     "redshift", "risingwave", "singlestore", "snowflake", "spark", "spark2", "sqlite",
     "starrocks", "tableau", "teradata", "trino", "tsql"})
_SQLGLOT_ALIASES = {"mssql": "tsql", "sqlserver": "tsql", "postgresql": "postgres",
                    "mariadb": "mysql", "sparksql": "spark", "bq": "bigquery"}


def sqlglot_dialect(name: str | None) -> str | None:
    """sqlglot's dialect for a platform or dialect name; None (sqlglot's generic SQL) when
    unknown or generic."""
    key = (name or "").lower()
    p = lookup(key)
    if p is not None and (p.sqlglot or p.sql_dialect):
        key = p.sqlglot or p.sql_dialect or ""
    key = _SQLGLOT_ALIASES.get(key, key)
    return key if key in SQLGLOT_DIALECTS else None
