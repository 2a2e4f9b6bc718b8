"""Data-product manifests and contracts (own format and ODCS v3) against a harvested
PostgreSQL schema; the product as the GraphQL API serves it."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import httpx
import pytest
import yaml

from graph import Rel
from identity import ids
from identity.namespaces import table_dataset
from ingestors.recipe import RecipeError, parse_recipe
from ingestors.runner import run_recipe
from tests.support.databases import PG_HOST, PG_PORT, pg_database, pg_url

SCHEMA = """
CREATE TABLE customers (id int PRIMARY KEY, email varchar(120) NOT NULL, name text);
CREATE TABLE orders (
  id int PRIMARY KEY,
  customer_id int NOT NULL REFERENCES customers(id),
  amount numeric(10,2) NOT NULL,
  placed_at timestamp,
  note text
);
"""


@pytest.fixture(scope="module")
def shop(store):
    with pg_database("ingest_shop", SCHEMA) as db:
        rec = parse_recipe({"source": {"type": "database", "config": {"url": pg_url(db)}}},
                           base_dir=Path.cwd())
        run_recipe(rec, store)
        yield db


def pg(db: str, table: str) -> str:
    return table_dataset("postgres", host=PG_HOST, port=PG_PORT,
                         database=db, schema="public", table=table)


def write(path: Path, doc: dict | str) -> Path:
    path.write_text(doc if isinstance(doc, str) else yaml.safe_dump(doc, sort_keys=False))
    return path


def product_recipe(tmp: Path, *manifests: Path, **config):
    return parse_recipe({"source": {"type": "data-product", "config": {
        "paths": [str(m.relative_to(tmp)) for m in manifests], **config}}}, base_dir=tmp)


def manifest(db: str, uid: str, contract: str | None, **extra) -> dict:
    return {
        "name": f"orders-{uid}", "domain": f"sales-{uid}",
        "owner": {"name": f"team-sales-{uid}", "email": "sales@example.com"},
        "version": "1.2.0", "description": "Orders placed on the web shop",
        "sla": {"completeness": 0.99, "accuracy": 0.98, "freshness": "24h",
                "availability": 0.995},
        "output_ports": [{"name": "warehouse", "endpoint": f"postgres://{PG_HOST}:{PG_PORT}/{db}",
                          "query_interface": "SQL", "formats": ["table"],
                          "authentication": "password"}],
        "lineage": {"source_systems": ["web-shop", "crm"]},
        "datasets": [pg(db, "orders"),
                     {"namespace": f"postgres://{PG_HOST}:{PG_PORT}",
                      "name": f"{db}.public.customers"},
                     pg(db, "not_harvested")],
        "tags": ["gold"],
        **({"contract": contract} if contract else {}), **extra}


def test_manifest_and_own_contract_check(store, shop, tmp_path, uid):
    write(tmp_path / "orders.contract.yaml", {
        "kind": "DataContract", "id": "orders", "version": "1.0.0",
        "table": "orders",
        "fields": [
            {"name": "id", "type": "integer", "nullable": False},
            {"name": "customer_id", "type": "int", "nullable": False},
            {"name": "amount", "type": "integer"},                   # numeric in the table
            {"name": "placed_at", "type": "timestamp", "nullable": False},  # nullable there
            {"name": "currency", "type": "string"},                  # not in the table
        ],
        "sla": {"freshness": "24h", "completeness": 0.99, "availability": 0.995},
        "versioning": {"policy": "semver", "breaking_changes": "major"}})
    m = write(tmp_path / "orders.product.yaml", manifest(shop, uid, "orders.contract.yaml"))
    summary = run_recipe(product_recipe(tmp_path, m), store)

    pid = ids.product_id(f"sales-{uid}", f"orders-{uid}")
    product = store.get_node(pid)
    assert product["source"] == "manifest" and product["version"] == "1.2.0"
    assert json.loads(product["sla"])["freshness"] == "24h"
    assert json.loads(product["output_ports"])[0]["query_interface"] == "SQL"
    assert product["source_systems"] == ["web-shop", "crm"]
    assert product["contract_status"] == "fail" and product["contract_format"] == "mesh"
    violations = {(v["kind"], v.get("column")) for v in
                  json.loads(product["contract_violations"])}
    assert violations == {("type", "amount"), ("nullability", "placed_at"),
                          ("missing_column", "currency"), ("extra_column", "note")}
    contains = {n["id"] for _, n in store.neighbours([pid], Rel.CONTAINS)[pid]}
    assert contains == {pg(shop, "orders"), pg(shop, "customers")}
    assert any("not_harvested" in w and "not in the catalog" in w for w in summary.warnings)
    domain = ids.domain_id(f"sales-{uid}")
    assert [n["id"] for _, n in store.neighbours([domain], Rel.HAS_PRODUCT)[domain]
            ] == [pid]
    owner = store.neighbours([pid], Rel.OWNED_BY)[pid]
    assert [(e["role"], n["name"], n["email"]) for e, n in owner] == [
        ("owner", f"team-sales-{uid}", "sales@example.com")]
    report = summary.report["contracts"][0]
    assert report["status"] == "fail" and len(report["violations"]) == 4


def test_odcs_v3_contract_resolves_datasets_from_its_server(store, shop, tmp_path,
                                                           uid):
    write(tmp_path / "customers.odcs.yaml", textwrap.dedent(f"""\
        apiVersion: v3.0.2
        kind: DataContract
        id: customers-{uid}
        name: customers
        version: 2.0.0
        status: active
        servers:
          - server: prod
            type: postgres
            host: {PG_HOST}
            port: {PG_PORT}
            database: {shop}
            schema: public
        schema:
          - name: customers
            physicalName: customers
            physicalType: table
            properties:
              - name: id
                logicalType: integer
                physicalType: int
                required: true
              - name: email
                logicalType: string
                physicalType: varchar(120)
                required: true
                logicalTypeOptions: {{pattern: "^[^@]+@[^@]+$"}}
              - name: name
                logicalType: string
        slaProperties:
          - property: latency
            value: 4
            unit: h
        customProperties:
          - property: anything-odcs-allows
            value: kept out of the way
        """))
    doc = manifest(shop, uid, "customers.odcs.yaml", datasets=[])
    m = write(tmp_path / "customers.product.yaml", doc)
    run_recipe(product_recipe(tmp_path, m), store)
    product = store.get_node(ids.product_id(f"sales-{uid}", f"orders-{uid}"))
    assert product["contract_format"] == "odcs-v3" and product["contract_version"] == "2.0.0"
    assert product["contract_status"] == "pass", product.get("contract_violations")
    assert json.loads(product["contract_sla"]) == {"latency": "4h"}


def test_odcs_errors_name_the_path(store, shop, tmp_path, uid):
    bad = {"apiVersion": "v3.0.2", "kind": "DataContract", "id": "x", "version": "1",
           "status": "active", "schema": [{"name": "customers", "properties": [{"type": "x"}]}]}
    write(tmp_path / "bad.odcs.yaml", bad)
    m = write(tmp_path / "p.yaml", manifest(shop, uid, "bad.odcs.yaml"))
    with pytest.raises(RecipeError) as err:
        run_recipe(product_recipe(tmp_path, m), store)
    assert ("schema[0].properties[0].name", "required key is missing") in err.value.errors
    assert err.value.file.endswith("bad.odcs.yaml")


def test_manifest_errors_name_file_and_key(store, tmp_path, uid):
    doc = {"name": "p", "domain": "d", "owner": "o", "version": "1",
           "sla": {"freshnes": "1h"}, "output_ports": [{"name": "x", "format": "csv"}]}
    m = write(tmp_path / "p.yaml", doc)
    with pytest.raises(RecipeError) as err:
        run_recipe(product_recipe(tmp_path, m), store)
    paths = {p for p, _ in err.value.errors}
    assert paths == {"sla.freshnes", "output_ports[0].format"}
    assert err.value.file.endswith("p.yaml")


def test_removed_product_closes_but_shared_owner_and_domain_stay(store, shop,
                                                                 tmp_path, uid):
    docs = []
    for i in range(5):
        d = manifest(shop, uid, None, datasets=[pg(shop, "orders")])
        d["name"] = f"p{i}-{uid}"
        docs.append(write(tmp_path / f"p{i}.yaml", d))
    rec = parse_recipe({"source": {"type": "data-product",
                                   "config": {"paths": ["p*.yaml"]}},
                        "staleness": {"max_close_ratio": 0.3}}, base_dir=tmp_path)
    run_recipe(rec, store)
    docs[4].unlink()
    summary = run_recipe(rec, store)
    assert summary.closed == {"DataProduct": 1, "HAS_PRODUCT": 1, "CONTAINS": 1, "OWNED_BY": 1,
                              "TAGGED": 1}
    gone = store.get_node(ids.product_id(f"sales-{uid}", f"p4-{uid}"))
    assert gone["valid_to"] is not None
    assert store.get_node(ids.domain_id(f"sales-{uid}")).get("valid_to") is None
    assert store.get_node(
        ids.owner_id(f"team-sales-{uid}")).get("valid_to") is None


def test_graphql_serves_the_product(server, store, shop, tmp_path, uid):
    m = write(tmp_path / "orders.product.yaml", manifest(shop, uid, None))
    run_recipe(product_recipe(tmp_path, m), store)
    pid = ids.product_id(f"sales-{uid}", f"orders-{uid}")
    query = """query($id: ID!) { dataProduct(id: $id) {
        name version sla outputPorts domain { name } owners { name }
        datasets { id name } } }"""
    r = httpx.post(f"{server}/graphql", json={"query": query, "variables": {"id": pid}},
                   timeout=30)
    body = r.json()
    assert "errors" not in body, body
    p = body["data"]["dataProduct"]
    assert p["sla"]["availability"] == 0.995
    assert p["outputPorts"][0]["endpoint"] == f"postgres://{PG_HOST}:{PG_PORT}/{shop}"
    assert p["domain"]["name"] == f"sales-{uid}" and p["owners"][0]["name"] == \
        f"team-sales-{uid}"
    assert {d["id"] for d in p["datasets"]} == {pg(shop, "orders"), pg(shop, "customers")}


FAILING_CONTRACT = {"kind": "DataContract", "id": "orders", "version": "1.0.0",
                    "table": "orders",
                    "fields": [{"name": "id", "type": "integer", "nullable": False},
                               {"name": "currency", "type": "string"}]}  # not in the table


def test_ingest_exits_4_on_a_failed_contract_with_fail_on_contract(store, shop, cli_env,
                                                                   tmp_path, uid, capsys):
    """`catalog ingest --fail-on-contract` (the real CLI, in-process on the session graph)."""
    from catalog.cli import main

    write(tmp_path / "orders.contract.yaml", FAILING_CONTRACT)
    write(tmp_path / "orders.product.yaml", manifest(shop, uid, "orders.contract.yaml"))
    recipe = write(tmp_path / "products.yaml", {"source": {"type": "data-product", "config": {
        "paths": ["orders.product.yaml"]}}})
    assert main(["ingest", "--no-progress", str(recipe)]) == 0  # reported, not an error
    assert "contract" in capsys.readouterr().out
    assert main(["ingest", "--no-progress", "--fail-on-contract", str(recipe)]) == 4
    out = capsys.readouterr().out
    assert ": fail" in out and "missing_column" in out, out
    product = store.get_node(ids.product_id(f"sales-{uid}", f"orders-{uid}"))
    assert product["contract_status"] == "fail"  # written all the same
    # a contract that passes: exit 0 even with the flag
    write(tmp_path / "orders.contract.yaml", {**FAILING_CONTRACT, "fields": [
        {"name": "id", "type": "integer", "nullable": False},
        {"name": "customer_id", "type": "int", "nullable": False},
        {"name": "amount", "type": "numeric"},
        {"name": "placed_at", "type": "timestamp"},
        {"name": "note", "type": "string"}]})
    assert main(["ingest", "--no-progress", "--fail-on-contract", str(recipe)]) == 0
    assert store.get_node(ids.product_id(f"sales-{uid}", f"orders-{uid}"))[
        "contract_status"] != "fail"


def test_ingest_exits_1_when_a_source_fails_and_stops_there(store, cli_env, tmp_path, uid,
                                                           capsys):
    """A database that cannot be read is a failed source (1), not an invalid recipe (2);
    the recipes after it do not run."""
    from catalog.cli import main

    broken = write(tmp_path / "broken.yaml", {"source": {"type": "database", "config": {
        "url": f"postgresql://postgres@{PG_HOST}:{PG_PORT}/no_such_db_{uid}"}}})
    after = write(tmp_path / "after.yaml", {"source": {"type": "data-product", "config": {
        "paths": ["after.product.yaml"]}}})
    write(tmp_path / "after.product.yaml", {"name": f"after-{uid}", "domain": f"d-{uid}",
                                            "datasets": []})
    assert main(["ingest", "--no-progress", str(broken), str(after)]) == 1
    err = capsys.readouterr().err
    assert f"error: {broken}" in err and f"no_such_db_{uid}" in err, err
    assert store.get_nodes([ids.product_id(f"d-{uid}", f"after-{uid}")]) == {}
