"""Stable ids of ARCHITECTURE section 1, derived from names.

Dataset ids follow the OpenLineage dataset naming spec: `dataset:<namespace>:<name>`, with
the namespace and name built by openlineage-python's naming helpers where a platform has one,
so a table harvested from a database and the same table in an OpenLineage event meet.
"""

from __future__ import annotations

import re

from openlineage.client.naming import dataset as naming

from graph.labels import Label, label_of


def domain_id(name: str) -> str:
    return f"domain:{name}"


def product_id(domain: str, name: str) -> str:
    return f"product:{domain}/{name}"


def dataset_id(namespace: str, name: str) -> str:
    if not namespace or not name:
        raise ValueError(f"dataset needs a namespace and a name, got {namespace!r}, {name!r}")
    return f"dataset:{namespace}:{name}"


def column_id(dataset: str, path: str) -> str:
    if label_of(dataset) is not Label.DATASET:
        raise ValueError(f"{dataset!r} is not a dataset id")
    return f"{dataset}#{path}"


def job_id(namespace: str, name: str) -> str:
    return f"job:{namespace}:{name}"


def run_id(run_uuid: str) -> str:
    return f"run:{run_uuid}"


def owner_id(name: str, kind: str = "team") -> str:
    return f"owner:{kind}:{name}"


def tag_id(name: str) -> str:
    return f"tag:{name}"


def classification_id(name: str) -> str:
    return f"classification:{name}"


_NS_URI = re.compile(r"^(?P<ns>[A-Za-z][\w+.-]*://[^:/]*(?::\d+)?(?:/[^:]*)?):(?P<name>.+)$")


def split_dataset_id(ds_id: str) -> tuple[str, str]:
    """(namespace, name) of a dataset id; a URI namespace may hold `:` (host:port)."""
    body = ds_id.removeprefix("dataset:")
    m = _NS_URI.match(body)
    if m:
        return m["ns"], m["name"]
    namespace, _, name = body.partition(":")
    return namespace, name


# -- OpenLineage naming for the platforms the database ingestor harvests ------------------
def postgres_dataset(host: str, port: int | None, database: str, schema: str,
                     table: str) -> str:
    n = naming.Postgres(host=host, port=str(port or 5432), database=database, schema=schema,
                        table=table)
    return dataset_id(n.get_namespace(), n.get_name())


def mysql_dataset(host: str, port: int | None, database: str, table: str) -> str:
    n = naming.MySQL(host=host, port=str(port or 3306), database=database, table=table)
    return dataset_id(n.get_namespace(), n.get_name())


def sqlite_dataset(path: str, table: str) -> str:
    # The spec has no SQLite entry; file-backed stores use file://<path> as namespace.
    return dataset_id(f"sqlite://{path}", table)


def trino_dataset(host: str, port: int | None, catalog: str, schema: str, table: str) -> str:
    n = naming.Trino(host=host, port=str(port or 8080), catalog=catalog, schema=schema,
                     table=table)
    return dataset_id(n.get_namespace(), n.get_name())


def oracle_dataset(host: str, port: int | None, service: str, schema: str, table: str) -> str:
    n = naming.Oracle(host=host, port=str(port or 1521), service_name=service, schema=schema,
                      table=table)
    return dataset_id(n.get_namespace(), n.get_name())


def mssql_dataset(host: str, port: int | None, database: str, schema: str, table: str) -> str:
    # The spec's SQL Server entry (no client helper): mssql://host:port, database.schema.table
    return dataset_id(f"mssql://{host}:{port or 1433}", f"{database}.{schema}.{table}")


def duckdb_dataset(path: str, database: str, schema: str, table: str) -> str:
    # As OpenLineage's dbt integration names DuckDB relations: duckdb://<file>
    return dataset_id(f"duckdb://{path}", f"{database}.{schema}.{table}")


def sql_dataset(scheme: str, host: str, port: int | None, *parts: str) -> str:
    """Fallback for a SQL platform the spec does not list: scheme://host:port, a.b.c."""
    authority = f"{host}:{port}" if port else host
    return dataset_id(f"{scheme}://{authority}", ".".join(p for p in parts if p))
