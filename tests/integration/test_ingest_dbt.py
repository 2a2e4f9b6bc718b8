"""The dbt source on the real jaffle_shop artifacts (dbt 1.12: manifest v12, catalog v1,
run_results v6), and on copies edited to carry owners, tags, explicit SQL and old schemas."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest

from graph import Label, Rel
from graph.labels import Direction
from identity import ids
from ingestors.base import RunContext
from ingestors.dbt.artifacts import ArtifactError
from ingestors.recipe import parse_recipe
from ingestors.runner import run_recipe
from tests.conftest import FIXTURES

JAFFLE = FIXTURES / "dbt" / "jaffle_shop_1.12"
MANIFEST = json.loads((JAFFLE / "manifest_1.12.json").read_text())
RELATION_TYPES = ("model.", "seed.", "snapshot.", "source.")


def recipe(tmp: Path, manifest: dict | None = None, run_results: dict | None = None,
           **config):
    """A dbt recipe in `tmp`; edited artifacts are written next to it."""
    m = JAFFLE / "manifest_1.12.json"
    r = JAFFLE / "run_results_1.12.json"
    if manifest is not None:
        m = tmp / "manifest.json"
        m.write_text(json.dumps(manifest))
    if run_results is not None:
        r = tmp / "run_results.json"
        r.write_text(json.dumps(run_results))
    cfg = {"manifest_path": str(m), "catalog_path": str(JAFFLE / "catalog_1.12.json"),
           "run_results_path": str(r), "target": {"path": "jaffle_shop.duckdb"}, **config}
    return parse_recipe({"source": {"type": "dbt", "config": cfg}}, base_dir=tmp)


def dataset(tmp: Path, node: dict) -> str:
    name = node.get("alias") or node.get("identifier") or node["name"]
    return ids.dataset_id(f"duckdb://{(tmp / 'jaffle_shop.duckdb').resolve()}",
                          f"{node['database']}.{node['schema']}.{name}")


def node_of(uid: str) -> dict:
    return MANIFEST["nodes"].get(uid) or MANIFEST["sources"][uid]


def test_model_lineage_equals_the_manifest_parent_map(store, tmp_path):
    summary = run_recipe(recipe(tmp_path), store)
    scope = summary.scope
    relations = [u for u in MANIFEST["parent_map"] if u.startswith(RELATION_TYPES)]
    expected = {dataset(tmp_path, node_of(u)): {dataset(tmp_path, node_of(p))
                                                for p in MANIFEST["parent_map"][u]
                                                if p.startswith(RELATION_TYPES)}
                for u in relations}
    # a seed and the source that reads it name one table: one dataset
    assert len(expected) == 19 and summary.added["Dataset"] == 19
    upstream = store.neighbours(list(expected), Rel.FEEDS, Direction.IN)
    actual = {ds: {n["id"] for e, n in pairs if e["scope"] == scope}
              for ds, pairs in upstream.items()}
    assert actual == expected
    assert sum(map(len, expected.values())) == 17


def test_datasets_columns_jobs_and_assertions(store, tmp_path):
    summary = run_recipe(recipe(tmp_path), store)
    customers = dataset(tmp_path, node_of("model.jaffle_shop.customers"))
    node = store.get_node(customers)
    assert node["kind"] == "table" and node["platform"] == "duckdb"
    assert node["description"].startswith("Customer overview data mart")
    assert node["last_run_status"] == "success" and node["source"] == "dbt"
    cols = {n["name"]: n for _, n in
            store.neighbours([customers], Rel.HAS_COLUMN)[customers]}
    assert len(cols) == 9
    assert cols["lifetime_spend"]["type"] == "DECIMAL(38,2)"   # from catalog.json
    assert cols["customer_id"]["ordinal"] == 1
    assert cols["customer_id"]["description"] == "The unique key of the orders mart."
    stg = store.get_node(dataset(tmp_path, node_of("model.jaffle_shop.stg_products")))
    assert stg["kind"] == "view"
    assertions = json.loads(stg["quality_assertions"])
    assert {(a["assertion"], a["column"]) for a in assertions} == {
        ("not_null", "product_id"), ("unique", "product_id")}
    job = ids.job_id("dbt", "jaffle_shop.main.jaffle_shop.customers")
    assert store.get_node(job)["type"] == "MODEL"
    # job ids do not depend on the dataset namespace: other tests' runs read other datasets
    reads = {n["id"] for e, n in store.neighbours([job], Rel.READS)[job]
             if e["scope"] == summary.scope}
    assert reads == {dataset(tmp_path, node_of("model.jaffle_shop.orders")),
                     dataset(tmp_path, node_of("model.jaffle_shop.stg_customers"))}


def test_owner_tags_statuses_and_column_lineage_from_sql(store, tmp_path):
    m = copy.deepcopy(MANIFEST)
    cust = m["nodes"]["model.jaffle_shop.stg_customers"]
    cust["config"]["meta"] = {"owner": "data-team"}
    cust["meta"] = {"owner": "ada@example.com"}
    cust["tags"] = ["pii"]
    cust["columns"]["customer_name"] = {"name": "customer_name", "tags": ["pii.name"],
                                        "description": "Full name"}
    # an explicit select in place of the real model's `select *` CTEs
    cust["compiled_code"] = ('select id as customer_id, upper(name) as customer_name '
                             'from "jaffle_shop"."raw"."raw_customers"')
    rr = json.loads((JAFFLE / "run_results_1.12.json").read_text())
    for r in rr["results"]:
        if r["unique_id"].startswith("test.jaffle_shop.not_null_stg_customers"):
            r["status"] = "fail"
    summary = run_recipe(recipe(tmp_path, manifest=m, run_results=rr), store)
    ds = dataset(tmp_path, cust)
    owners = {n["id"] for _, n in store.neighbours([ds], Rel.OWNED_BY)[ds]}
    assert owners == {ids.owner_id("ada@example.com", "user")}  # node meta wins over config
    assert store.get_node(ids.owner_id("ada@example.com", "user"))["email"] == \
        "ada@example.com"
    assert [n["name"] for _, n in store.neighbours([ds], Rel.TAGGED)[ds]] == ["pii"]
    name_col = ids.column_id(ds, "customer_name")
    assert [n["id"] for _, n in store.neighbours([name_col], Rel.TAGGED)[name_col]
            ] == [ids.tag_id("pii.name")]
    raw = dataset(tmp_path, node_of("source.jaffle_shop.ecom.raw_customers"))
    derived = store.neighbours([name_col], Rel.DERIVES_FROM)[name_col]
    assert [n["id"] for _, n in derived] == [ids.column_id(raw, "name")]
    assert derived[0][0]["source"] == "sql-parse"
    assert json.loads(derived[0][0]["transformations"]) == [
        {"type": "DIRECT", "subtype": "TRANSFORMATION", "description": None, "masking": False}]
    failed = [a for a in json.loads(store.get_node(ds)["quality_assertions"])
              if a["status"] == "fail"]
    assert [a["assertion"] for a in failed] == ["not_null"] and failed[0]["success"] is False
    # every other model is traced too, `select *` ones through catalog.json's columns
    assert summary.added.get("DERIVES_FROM", 0) > 80


def _as_v4(m: dict) -> dict:
    """The same project in manifest v4's spelling: compiled_sql, no attached_node,
    meta and tags only at the top level."""
    old = copy.deepcopy(m)
    old["metadata"]["dbt_schema_version"] = "https://schemas.getdbt.com/dbt/manifest/v4.json"
    for n in old["nodes"].values():
        if "compiled_code" in n:
            n["compiled_sql"] = n.pop("compiled_code")
            n["raw_sql"] = n.pop("raw_code", "")
        n.pop("attached_node", None)
        n.get("config", {}).pop("meta", None)
        n.get("config", {}).pop("tags", None)
    return old


def test_older_manifest_schemas_give_the_same_harvest(tmp_path):
    new = recipe(tmp_path)
    h_new = new.source_cls(new.config, RunContext(base_dir=tmp_path)).harvest()
    old = recipe(tmp_path, manifest=_as_v4(MANIFEST))
    h_old = old.source_cls(old.config, RunContext(base_dir=tmp_path)).harvest()
    assert h_old.report["manifest_version"] == "v4"
    for rel in (Rel.FEEDS, Rel.HAS_COLUMN, Rel.READS, Rel.WRITES):
        assert h_old.edges[rel].keys() == h_new.edges[rel].keys()
    qa = {k: v.get("quality_assertions") for k, v in h_new.nodes[Label.DATASET].items()}
    assert {k: v.get("quality_assertions") for k, v in h_old.nodes[Label.DATASET].items()} == qa
    tested = {dataset(tmp_path, node_of(n["attached_node"]))
              for n in MANIFEST["nodes"].values() if n["resource_type"] == "test"}
    assert {k for k, v in qa.items() if v} == tested


@pytest.mark.parametrize("version", [3, 13])
def test_unsupported_manifest_versions_are_refused(tmp_path, version):
    m = copy.deepcopy(MANIFEST)
    m["metadata"]["dbt_schema_version"] = \
        f"https://schemas.getdbt.com/dbt/manifest/v{version}.json"
    rec = recipe(tmp_path, manifest=m)
    with pytest.raises(ArtifactError) as err:
        rec.source_cls(rec.config, RunContext(base_dir=tmp_path)).harvest()
    assert err.value.path == "source.config.manifest_path"
    assert f"v{version} is not supported" in str(err.value)
