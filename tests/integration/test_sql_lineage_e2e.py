"""SQL lineage end to end: a real PostgreSQL view, the real jaffle_shop dbt project, and
OpenLineage events that carry only a `sql` facet, each ingested into the session's graph
and read back as typed column edges (and, for the view, as classification propagation)."""

from __future__ import annotations

import json
from pathlib import Path

from openlineage.client.uuid import generate_new_uuid

from catalog.classification.propagation import Propagator
from catalog.stewardship import ClassificationItem, StewardshipService
from graph import Rel
from graph import classification as gc
from identity import ids
from identity.namespaces import table_dataset
from ingestors.openlineage.ingest import ingest_event
from ingestors.recipe import parse_recipe
from ingestors.runner import run_recipe
from tests.conftest import FIXTURES
from tests.support.databases import PG_HOST, PG_PORT, pg_database, pg_url
from tests.support.server import gql

JAFFLE = FIXTURES / "dbt" / "jaffle_shop_1.12"

SHOP = """
CREATE TABLE customers (id int PRIMARY KEY, email text, full_name text, country text);
CREATE TABLE invoice (id int PRIMARY KEY, customer_id int REFERENCES customers (id),
                      total numeric, issued date);
CREATE VIEW customer_spend AS
  SELECT c.id, c.email, md5(c.email) AS email_key, sum(i.total) AS spend, max(i.issued) AS last
  FROM customers c JOIN invoice i ON i.customer_id = c.id
  WHERE c.country <> 'XX'
  GROUP BY c.id, c.email;
CREATE VIEW everything AS SELECT * FROM customers;
"""


def typed(store, col: str) -> dict[str, set[str]]:
    """Input column (`table.column`) -> its transformations, of the DERIVES_FROM edges of a
    column (or of a dataset: the statement-wide indirect dependencies)."""
    out: dict[str, set[str]] = {}
    for e, n in store.neighbours([col], Rel.DERIVES_FROM)[col]:
        key = n["id"].split(":")[-1].rsplit(".", 1)[-1].replace("#", ".")
        out[key] = {f"{t['type']}/{t['subtype']}" + ("/masking" if t["masking"] else "")
                    for t in json.loads(e["transformations"])}
    return out


def test_postgres_view_aggregate_and_hash_stop_pii(store):
    with pg_database("sql_lineage_shop", SHOP) as db:
        recipe = parse_recipe({"source": {"type": "database", "config": {"url": pg_url(db)}}},
                              base_dir=Path.cwd())
        run_recipe(recipe, store)

        def ds(t: str) -> str:
            return table_dataset("postgres", host=PG_HOST, port=PG_PORT, database=db,
                                 schema="public", table=t)

        view = ds("customer_spend")
        assert typed(store, ids.column_id(view, "spend")) == {
            "invoice.total": {"DIRECT/AGGREGATION"}}
        assert typed(store, ids.column_id(view, "email_key")) == {
            "customers.email": {"DIRECT/TRANSFORMATION/masking"}}
        # the join, filter and grouping hold for every column: edges from the view itself
        assert typed(store, view) == {
            "invoice.customer_id": {"INDIRECT/JOIN"},
            "customers.id": {"INDIRECT/JOIN", "INDIRECT/GROUP_BY"},
            "customers.email": {"INDIRECT/GROUP_BY"},
            "customers.country": {"INDIRECT/FILTER"}}
        # `select *` expanded from the harvested columns
        assert typed(store, ids.column_id(ds("everything"), "full_name")) == {
            "customers.full_name": {"DIRECT/IDENTITY"}}

        steward = StewardshipService(store, propagate=False)
        steward.decide([ClassificationItem(ids.column_id(ds("customers"), "email"),
                                           "PII.Email"),
                        ClassificationItem(ids.column_id(ds("invoice"), "total"),
                                           "PII.Financial")], "accepted", "alice")
        Propagator(store).run()
        on = gc.edges_of(store.query, [ids.column_id(view, c) for c in
                                       ("email", "email_key", "spend", "id")])
        assert set(on.get(ids.column_id(view, "email"), {})) == {"PII.Email"}
        assert on.get(ids.column_id(view, "email_key"), {}) == {}  # masked by md5
        assert on.get(ids.column_id(view, "spend"), {}) == {}      # an aggregate
        assert on.get(ids.column_id(view, "id"), {}) == {}         # only grouped by email
        everything = ids.column_id(ds("everything"), "email")
        assert set(gc.edges_of(store.query, [everything])[everything]) == {"PII.Email"}


def test_jaffle_shop_select_star_models_get_column_lineage(store, tmp_path):
    cfg = {"manifest_path": str(JAFFLE / "manifest_1.12.json"),
           "catalog_path": str(JAFFLE / "catalog_1.12.json"),
           "run_results_path": str(JAFFLE / "run_results_1.12.json"),
           "target": {"path": "jaffle_shop.duckdb"}}
    summary = run_recipe(parse_recipe({"source": {"type": "dbt", "config": cfg}},
                                      base_dir=tmp_path), store)
    assert not [w for w in summary.warnings if "did not parse" in w]
    ns = f"duckdb://{(tmp_path / 'jaffle_shop.duckdb').resolve()}"

    def col(table: str, c: str, schema: str = "main") -> str:
        return ids.column_id(ids.dataset_id(ns, f"jaffle_shop.{schema}.{table}"), c)

    # stg_customers: `select * from renamed`, renamed reads `select * from source`
    assert typed(store, col("stg_customers", "customer_name")) == {
        "raw_customers.name": {"DIRECT/IDENTITY"}}
    # customers: `customers.*` from stg_customers, aggregates over orders, a CASE
    assert typed(store, col("customers", "customer_name"))["stg_customers.customer_name"] \
        == {"DIRECT/IDENTITY"}
    assert typed(store, col("customers", "lifetime_spend")) == {
        "orders.order_total": {"DIRECT/AGGREGATION"}}
    wide = typed(store, col("customers", "x").split("#")[0])
    assert wide["orders.customer_id"] == {"INDIRECT/GROUP_BY", "INDIRECT/JOIN"}
    assert wide["stg_customers.customer_id"] == {"INDIRECT/JOIN"}
    kind = typed(store, col("customers", "customer_type"))
    assert kind["orders.order_id"] == {"INDIRECT/CONDITIONAL"}
    # every model the catalog describes, and that reads a table, has column lineage
    models = [n for u, n in json.loads((JAFFLE / "manifest_1.12.json").read_text())[
        "nodes"].items() if u.startswith("model.") and n["depends_on"]["nodes"]]
    missing = [m["name"] for m in models
               if not any(store.neighbours([col(m["name"], c)], Rel.DERIVES_FROM)[
                   col(m["name"], c)] for c in m["columns"] or ["__none__"])
               and m["columns"]]
    assert missing == []
    job = store.get_node(ids.job_id("dbt", "jaffle_shop.main.jaffle_shop.customers"))
    assert job.get("sql_parse_error") is None
    assert job["sql_parse_confidence"] == 1.0


def _event(uid: str, query: str, inputs: list[dict], outputs: list[dict],
           dialect: str | None = None) -> dict:
    sql = {"query": query, **({"dialect": dialect} if dialect else {})}
    return {"eventType": "COMPLETE", "eventTime": "2024-05-01T10:00:00Z",
            "producer": "https://example.com/airflow", "run": {"runId": str(generate_new_uuid())},
            "job": {"namespace": "airflow", "name": f"sql_{uid}", "facets": {"sql": sql}},
            "inputs": inputs, "outputs": outputs}


def _schema(*names: str) -> dict:
    return {"schema": {"fields": [{"name": n, "type": "string"} for n in names]}}


def test_openlineage_sql_facet_only_gives_typed_column_edges(store, uid):
    ns = f"snowflake://acme-{uid}"
    orders = {"namespace": ns, "name": "SHOP.PUBLIC.ORDERS",
              "facets": _schema("ID", "CUSTOMER_ID", "AMOUNT", "EMAIL")}
    out = {"namespace": ns, "name": "SHOP.MARTS.CUSTOMER_TOTALS",
           "facets": _schema("CUSTOMER_ID", "TOTAL", "EMAIL_HASH")}
    # a plain SELECT and one output: the select list maps onto the output's columns
    query = ("SELECT customer_id, SUM(amount), SHA2(email) FROM shop.public.orders "
             "WHERE amount > 0 GROUP BY customer_id, email")
    assert ingest_event(store, _event(uid, query, [orders], [out])).accepted
    target = ids.dataset_id(ns, "SHOP.MARTS.CUSTOMER_TOTALS")
    assert typed(store, ids.column_id(target, "TOTAL")) == {
        "ORDERS.AMOUNT": {"DIRECT/AGGREGATION"}}
    assert typed(store, ids.column_id(target, "EMAIL_HASH")) == {
        "ORDERS.EMAIL": {"DIRECT/TRANSFORMATION/masking"}}
    assert typed(store, target) == {
        "ORDERS.AMOUNT": {"INDIRECT/FILTER"}, "ORDERS.CUSTOMER_ID": {"INDIRECT/GROUP_BY"},
        "ORDERS.EMAIL": {"INDIRECT/GROUP_BY"}}
    edge = store.neighbours([ids.column_id(target, "CUSTOMER_ID")],
                            Rel.DERIVES_FROM)[ids.column_id(target, "CUSTOMER_ID")][0][0]
    assert edge["source"] == "sql-parse" and edge["confidence"] == 1.0
    assert edge["job"] == ids.job_id("airflow", f"sql_{uid}")


def test_graphql_lineage_shows_the_typed_parsed_edges(store, server, uid):
    ns = f"mysql://shop-{uid}:3306"
    src = {"namespace": ns, "name": "shop.payments", "facets": _schema("id", "card", "amount")}
    out = {"namespace": ns, "name": "shop.card_keys", "facets": _schema("card_key", "total")}
    query = "SELECT md5(card), sum(amount) FROM shop.payments GROUP BY card"
    assert ingest_event(store, _event(uid, query, [src], [out], dialect="mysql")).accepted
    q = """query($input: LineageInput!) { lineage(input: $input) {
      edges { upstream downstream type source confidence
              transformations { type subtype masking } } } }"""
    key = ids.column_id(ids.dataset_id(ns, "shop.card_keys"), "card_key")
    body = gql(server, q, {"input": {"id": key, "direction": "UPSTREAM", "depth": 1}})
    edges = body["data"]["lineage"]["edges"]
    assert [(e["upstream"].split("#")[1], e["source"], e["confidence"]) for e in edges] == [
        ("card", "sql-parse", 1.0)]
    assert [(t["type"], t["subtype"], t["masking"]) for t in edges[0]["transformations"]
            ] == [("DIRECT", "TRANSFORMATION", True)]


def test_sql_that_does_not_parse_is_listed_in_graphql(store, server, uid):
    ns = f"postgres://bad-{uid}:5432"
    event = _event(uid, "INSERT INTO t SELECT FROM WHERE ((", [],
                   [{"namespace": ns, "name": "db.public.t"}], dialect="postgres")
    assert ingest_event(store, event).accepted  # the event itself is fine
    job = ids.job_id("airflow", f"sql_{uid}")
    found = gql(server, "{ sqlParseFailures(first: 1000) { job error dialect } }")
    mine = [f for f in found["data"]["sqlParseFailures"] if f["job"] == job]
    assert len(mine) == 1 and mine[0]["dialect"] == "postgres"
    assert mine[0]["error"].startswith("postgres:")
    bad = gql(server, "{ sqlParseFailures(first: 0) { job } }")
    assert bad["errors"][0]["extensions"]["field"] == "first"
    # parsed again, fixed: the failure is gone
    event["job"]["facets"]["sql"]["query"] = "INSERT INTO t SELECT 1 AS a"
    event["run"]["runId"] = str(generate_new_uuid())
    assert ingest_event(store, event).accepted
    found = gql(server, "{ sqlParseFailures(first: 1000) { job } }")
    assert job not in [f["job"] for f in found["data"]["sqlParseFailures"]]


def test_openlineage_sql_reads_schemas_of_undeclared_tables_from_the_graph(store, uid):
    ns = f"postgres://wh-{uid}:5432"
    known = {"namespace": ns, "name": "wh.public.customers",
             "facets": _schema("id", "email", "country")}
    assert ingest_event(store, _event(f"{uid}_load", "SELECT 1", [], [known])).accepted
    # the job declares its output only; the SQL names its input unqualified, with `*`
    copy = {"namespace": ns, "name": "wh.public.customers_eu"}
    query = "INSERT INTO customers_eu SELECT * FROM customers WHERE country = 'EU'"
    assert ingest_event(store, _event(uid, query, [], [copy])).accepted
    out = ids.dataset_id(ns, "wh.public.customers_eu")
    for name in ("id", "email", "country"):
        assert typed(store, ids.column_id(out, name)) == {
            f"customers.{name}": {"DIRECT/IDENTITY"}}
    assert typed(store, out) == {"customers.country": {"INDIRECT/FILTER"}}
    # a table nobody reported gets no lineage
    ghost = {"namespace": ns, "name": "wh.public.ghost_copy"}
    assert ingest_event(store, _event(f"{uid}_g", "INSERT INTO ghost_copy SELECT a FROM nowhere",
                                      [], [ghost])).accepted
    col = ids.column_id(ids.dataset_id(ns, "wh.public.ghost_copy"), "a")
    assert store.neighbours([col], Rel.DERIVES_FROM)[col] == []
