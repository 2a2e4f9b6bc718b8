"""Dataset naming of harvested tables and dbt relations; contract parsing and checking."""

from __future__ import annotations

from pathlib import Path

import pytest
from openlineage.client.naming import dataset as ol
from sqlalchemy.engine import make_url

from identity import ids
from identity.namespaces import DatabaseNaming as Naming
from ingestors.data_products.check import check, family, types_match
from ingestors.data_products.contracts import (
    ContractError,
    ContractField,
    from_own,
    load_contract,
)
from ingestors.database.config import NamingOptions
from ingestors.dbt import TargetError
from ingestors.dbt import target_namespace as dataset_namespace
from ingestors.dbt.config import TargetConfig


def naming(url: str, **overrides) -> Naming:
    o = NamingOptions(**overrides)
    return Naming.from_url(make_url(url), host=o.host, port=o.port, database=o.database)


def test_database_ids_follow_openlineage_naming():
    pg = ol.Postgres(host="db", port="5432", database="shop", schema="public", table="orders")
    assert naming("postgresql://u@db/shop").dataset("public", "orders") == \
        ids.dataset_id(pg.get_namespace(), pg.get_name())
    my = ol.MySQL(host="db", port="3306", database="shop", table="orders")
    assert naming("mysql+pymysql://u@db/shop").dataset("shop", "orders") == \
        ids.dataset_id(my.get_namespace(), my.get_name())
    assert naming("sqlite:////data/app.db").dataset("main", "t") == \
        "dataset:sqlite:///data/app.db:t"
    renamed = naming("postgresql://u@127.0.0.1:6543/shop", host="db.prod", port=5432)
    assert renamed.dataset("s", "t") == "dataset:postgres://db.prod:5432:shop.s.t"
    assert renamed.scope == "database:postgres://db.prod:5432/shop"


def test_split_of_harvested_ids_round_trips():
    ds = naming("postgresql://u@db:5432/shop").dataset("public", "orders")
    assert ids.split_dataset_id(ds) == ("postgres://db:5432", "shop.public.orders")
    lite = naming("sqlite:////data/app.db").dataset("main", "t")
    assert ids.split_dataset_id(lite) == ("sqlite:///data/app.db", "t")


def test_dbt_namespaces_per_adapter(tmp_path: Path):
    assert dataset_namespace("postgres", TargetConfig(host="db", port=5432)) == \
        "postgres://db:5432"
    assert dataset_namespace("snowflake", TargetConfig(account="acme-eu")) == \
        "snowflake://acme-eu"
    assert dataset_namespace("bigquery", TargetConfig()) == "bigquery"
    assert dataset_namespace("duckdb", TargetConfig(path="x.duckdb"), tmp_path) == \
        f"duckdb://{tmp_path / 'x.duckdb'}"
    assert dataset_namespace("spark", TargetConfig(host="h", method="thrift")) == \
        "spark://h:10001"
    with pytest.raises(TargetError) as err:
        dataset_namespace("postgres", TargetConfig(host="db"))
    assert err.value.path == "source.config.target.port"
    with pytest.raises(ValueError, match="source.config.namespace"):
        dataset_namespace("exotic", TargetConfig())


def test_dbt_postgres_relation_meets_the_database_harvest():
    from ingestors.dbt.artifacts import DbtNode
    from ingestors.dbt.lineage import job_name

    node = DbtNode("model.shop.orders", "model", "orders", "shop", "shop", "public", "orders",
                   None, "table", [], {}, {}, [])
    ns = dataset_namespace("postgres", TargetConfig(host="db", port=5432))
    assert ids.dataset_id(ns, f"{node.database}.{node.schema}.{node.relation}") == \
        naming("postgresql://u@db:5432/shop").dataset("public", "orders")
    assert job_name(node) == "shop.public.shop.orders"


@pytest.mark.parametrize(("declared", "actual", "ok"), [
    ("string", "VARCHAR(40)", True), ("string", "TEXT", True), ("string", "INTEGER", False),
    ("integer", "BIGINT", True), ("integer", "NUMERIC(10, 2)", False),
    ("number", "INTEGER", True), ("number", "DOUBLE PRECISION", True),
    ("timestamp", "TIMESTAMP WITH TIME ZONE", True), ("date", "TIMESTAMP", True),
    ("timestamp", "DATE", False), ("boolean", "BOOLEAN", True), ("array", "TEXT[]", True),
    ("varchar(40)", "VARCHAR(40)", True), ("varchar(40)", "VARCHAR(64)", False),
    ("character varying(40)", "VARCHAR(40)", True), ("object", "JSONB", True),
])
def test_type_families(declared, actual, ok):
    assert types_match(ContractField("c", declared), actual) is ok


def test_unknown_types_compare_by_name():
    assert family("mpaa_rating") is None
    assert types_match(ContractField("c", "mpaa_rating"), "mpaa_rating")
    assert not types_match(ContractField("c", "mpaa_rating"), "TEXT")


def test_check_reports_each_kind_of_violation():
    contract = from_own({"version": "1", "dataset": "dataset:pg://h:1:db.s.t", "fields": [
        {"name": "id", "type": "integer", "nullable": False},
        {"name": "email", "type": "string", "nullable": False},
        {"name": "gone", "type": "string"}]}, "c.yaml")
    cols = {"dataset:pg://h:1:db.s.t": [
        {"name": "id", "type": "INTEGER", "nullable": False},
        {"name": "email", "type": "INTEGER", "nullable": True},
        {"name": "extra", "type": "TEXT", "nullable": True}]}
    result = check(contract, [], cols)
    assert result.status == "fail"
    assert {(v.kind, v.column, v.severity) for v in result.violations} == {
        ("type", "email", "error"), ("nullability", "email", "error"),
        ("missing_column", "gone", "error"), ("extra_column", "extra", "warning")}
    missing = check(contract, [], {})
    assert [(v.kind, v.dataset) for v in missing.violations] == [
        ("missing_dataset", "dataset:pg://h:1:db.s.t")]


def test_own_contract_errors_name_the_key(tmp_path):
    with pytest.raises(ContractError) as err:
        from_own({"version": "1", "fields": [{"name": "a", "nulable": True}]}, "c.yaml")
    assert ("fields[0].nulable", "unknown key (allowed: description, name, nullable, "
                                 "pattern, type)") in err.value.errors
    with pytest.raises(ContractError, match="either `fields`"):
        from_own({"version": "1"}, "c.yaml")
    p = tmp_path / "odcs.yaml"
    p.write_text("apiVersion: v3.0.2\nkind: DataContract\nversion: '1'\nstatus: active\n")
    with pytest.raises(ContractError) as err:
        load_contract(p)
    assert ("id", "required key is missing") in err.value.errors
