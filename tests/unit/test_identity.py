"""One platform table: every source names the same table the same way."""

from __future__ import annotations

from types import SimpleNamespace

from sqlalchemy.engine import make_url

from identity import ids, platforms
from identity.namespaces import (
    DatabaseNaming,
    dbt_namespace,
    namespace_kind,
    namespace_platform,
    odcs_dataset,
)


def test_aliases_resolve_to_one_platform():
    for alias, name in [("postgresql", "postgres"), ("mariadb", "mysql"), ("sqlserver", "mssql"),
                        ("s3a", "s3"), ("gcs", "gs"), ("athena", "awsathena")]:
        assert platforms.canonical(alias) == name
    assert platforms.canonical("Exotic") == "exotic"


def test_sql_dialects_come_from_the_table():
    assert platforms.sql_dialect("postgresql") == "postgres"
    assert platforms.sql_dialect("sqlserver") == "mssql"
    assert platforms.sql_dialect("spark") == "hive"
    assert platforms.sql_dialect("oracle") == "generic"
    assert platforms.sql_dialect("ansi", None) == "ansi"
    assert platforms.sql_dialect("nonsense", None) is None
    assert all(p.sql_dialect in platforms.SQL_DIALECTS for p in platforms.PLATFORMS
               if p.sql_dialect)


def test_every_source_names_a_postgres_table_alike():
    want = "dataset:postgres://db:5432:shop.public.orders"
    url = DatabaseNaming.from_url(make_url("postgresql+psycopg2://u@db/shop"))
    assert url.dataset("public", "orders") == want
    ns = dbt_namespace("postgres", SimpleNamespace(host="db", port=5432))
    assert ids.dataset_id(ns, "shop.public.orders") == want
    assert odcs_dataset("postgresql", "db", None, "shop", None, "orders") == want
    assert namespace_platform(ids.split_dataset_id(want)[0]) == "postgres"


def test_namespaces_imply_platforms_and_kinds():
    assert namespace_platform("s3a://bucket") == "s3"
    assert namespace_platform("kafka") == "kafka"
    assert namespace_platform("food_delivery") is None
    assert namespace_platform("x", "postgresql://h:5432/db") == "postgres"
    assert namespace_kind("kafka") == "topic"
    assert namespace_kind("gs://bucket") == "file"
    assert namespace_kind("postgres://h:5432") is None
    assert odcs_dataset("snowflake", "h", None, "db", None, "t") is None
