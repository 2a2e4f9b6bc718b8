"""The database source against the local PostgreSQL: northwind and pagila, real harvests
into the embedded engine, staleness and its guard, sampling, naming convergence."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import sqlalchemy as sa

from graph import Label, Rel, StaleGuardError
from graph.labels import Direction
from identity import ids
from identity.namespaces import table_dataset
from ingestors.base import RunContext
from ingestors.recipe import parse_recipe
from ingestors.runner import run_recipe
from tests.conftest import FIXTURES
from tests.support.databases import (
    PG_HOST,
    PG_PORT,
    load_fixture,
    pg_database,
    pg_exec,
    pg_url,
)


def recipe(db: str, staleness: dict | None = None, **config):
    doc = {"source": {"type": "database", "config": {"url": pg_url(db), **config}}}
    if staleness is not None:
        doc["staleness"] = staleness
    return parse_recipe(doc, base_dir=Path.cwd())


def pg_id(db: str, table: str, schema: str = "public") -> str:
    return table_dataset("postgres", host=PG_HOST, port=PG_PORT,
                         database=db, schema=schema, table=table)


def tables_in(db: str, schema: str = "public") -> set[str]:
    engine = sa.create_engine(pg_url(db).replace("postgresql://", "postgresql+psycopg2://"))
    with engine.connect() as conn:
        rows = conn.execute(sa.text(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = :s"),
            {"s": schema}).all()
    engine.dispose()
    return {r[0] for r in rows}


@pytest.fixture(scope="module")
def northwind():
    with pg_database("ingest_nw", load_fixture(FIXTURES, "northwind")) as db:
        pg_exec(db, "COMMENT ON TABLE customers IS 'Who buys';"
                    "COMMENT ON COLUMN customers.contact_name IS 'Person to call'")
        yield db


@pytest.fixture(scope="module")
def pagila():
    with pg_database("ingest_pagila", load_fixture(FIXTURES, "pagila")) as db:
        yield db


def test_northwind_tables_columns_keys_and_comments(store, northwind):
    summary = run_recipe(recipe(northwind), store)
    expected = {pg_id(northwind, t) for t in tables_in(northwind)}
    nodes = store.get_nodes(expected)
    assert set(nodes) == expected and len(expected) == 14
    assert summary.added["Dataset"] == 14
    customers = nodes[pg_id(northwind, "customers")]
    assert customers["description"] == "Who buys" and customers["kind"] == "table"
    assert customers["namespace"] == f"postgres://{PG_HOST}:{PG_PORT}"
    assert customers["name"] == f"{northwind}.public.customers"
    assert customers["source"] == "database"
    assert customers["scope"] == f"database:postgres://{PG_HOST}:{PG_PORT}/{northwind}"
    cols = {n["name"]: n for _, n in
            store.neighbours([customers["id"]], Rel.HAS_COLUMN)[customers["id"]]}
    assert [c for c, _ in sorted(cols.items(), key=lambda kv: kv[1]["ordinal"])][:3] == [
        "customer_id", "company_name", "contact_name"]
    assert cols["customer_id"]["primary_key"] is True and cols["customer_id"]["nullable"] is False
    assert cols["company_name"]["type"] == "VARCHAR(40)"
    assert cols["contact_name"]["description"] == "Person to call"
    assert cols["fax"]["nullable"] is True and cols["fax"]["primary_key"] is False
    # foreign keys: orders.customer_id -> customers.customer_id, column to column
    fk_src = ids.column_id(pg_id(northwind, "orders"), "customer_id")
    refs = store.neighbours([fk_src], Rel.REFERENCES)[fk_src]
    assert [n["id"] for _, n in refs] == [ids.column_id(customers["id"], "customer_id")]
    assert refs[0][0]["constraint"] == "fk_orders_customers"
    total_fks = sum(len(v) for v in store.neighbours(
        [ids.column_id(pg_id(northwind, t), "employee_id") for t in ("orders", "employees")],
        Rel.REFERENCES).values())
    assert total_fks == 1  # orders.employee_id -> employees; employees.reports_to is no FK


def test_second_unchanged_run_rewrites_nothing_and_moves_last_seen(store, northwind):
    run_recipe(recipe(northwind), store)
    node_id = pg_id(northwind, "orders")
    before = store.get_node(node_id)
    summary = run_recipe(recipe(northwind), store)
    after = store.get_node(node_id)
    assert summary.added == {} and summary.updated == {} and summary.closed == {}
    assert summary.unchanged["Dataset"] == 14 and summary.unchanged["Column"] > 80
    assert after["last_seen"] > before["last_seen"]
    assert after["first_seen"] == before["first_seen"]


def test_pagila_views_become_lineage(store, pagila):
    summary = run_recipe(recipe(pagila), store)
    view = pg_id(pagila, "actor_info")
    node = store.get_node(view)
    assert node["kind"] == "view" and "jsonb_object_agg" in node["sql"]
    upstream = {n["id"] for _, n in
                store.neighbours([view], Rel.FEEDS, Direction.IN)[view]}
    assert upstream == {pg_id(pagila, t) for t in
                        ("actor", "film_actor", "film_category", "category", "film")}
    job = ids.job_id(f"postgres://{PG_HOST}:{PG_PORT}", f"{pagila}.public.actor_info")
    reads = {n["id"] for _, n in store.neighbours([job], Rel.READS)[job]}
    assert reads == upstream
    writes = [n["id"] for _, n in store.neighbours([job], Rel.WRITES)[job]]
    assert writes == [view]
    # column level, typed: actor_info.first_name is a copy of actor.first_name; the joins
    # and the grouping of the whole view are indirect dependencies of the view (dataset)
    def typed(node: str) -> dict[str, set[tuple[str, str]]]:
        return {n["id"]: {(t["type"], t["subtype"]) for t in json.loads(e["transformations"])}
                for e, n in store.neighbours([node], Rel.DERIVES_FROM)[node]}

    col = ids.column_id(view, "first_name")
    actor = pg_id(pagila, "actor")
    assert typed(col) == {ids.column_id(actor, "first_name"): {("DIRECT", "IDENTITY")}}
    wide = typed(view)
    assert wide[ids.column_id(actor, "actor_id")] == {("INDIRECT", "JOIN"),
                                                      ("INDIRECT", "GROUP_BY")}
    assert wide[ids.column_id(actor, "first_name")] == {("INDIRECT", "GROUP_BY")}
    both = store.neighbours([col, view], Rel.DERIVES_FROM)
    edges = [e for node in (col, view) for e, _ in both[node]]
    assert {(e["source"], e["job"], e["confidence"]) for e in edges} == {("sql-parse", job, 1.0)}
    assert store.get_node(job).get("sql_parse_error") is None
    mat = store.get_node(pg_id(pagila, "rental_by_category"))
    assert mat["kind"] == "view" and mat["materialized"] is True
    assert summary.added["Job"] == 8  # 7 views + 1 materialized view


def test_include_exclude_patterns(store, pagila):
    only = recipe(pagila, tables={"include": ["film*", "public.actor"],
                                  "exclude": ["film_embedding"]}, views=False)
    harvest = only.source_cls(only.config, RunContext(store=store)).harvest()
    names = {n["table"] for n in harvest.nodes[Label.DATASET].values()}
    assert names == {"film", "film_actor", "film_category", "actor"}
    ctx = RunContext(store=store)
    none = recipe(pagila, schemas={"exclude": ["public"]})
    assert not none.source_cls(none.config, ctx).harvest().nodes.get(Label.DATASET)
    assert any("no schema matched" in w for w in ctx.warnings)


def test_row_counts(store, northwind):
    run_recipe(recipe(northwind, row_counts=True), store)
    assert store.get_node(pg_id(northwind, "region"))["row_count"] == 4
    assert store.get_node(pg_id(northwind, "shippers"))["row_count"] == 6


def test_samples_reach_the_callback_and_are_not_stored(store, northwind):
    got = []
    # a partial harvest of the scope: staleness off, or it would close the other tables
    run_recipe(recipe(northwind, classification={"enabled": True, "sample_size": 5},
                      tables={"include": ["customers"]}, staleness={"enabled": False}),
               store, on_samples=got.extend)
    by_col = {s.column: s for s in got}
    assert set(by_col) >= {"customer_id", "company_name", "contact_name"}
    assert len(by_col["company_name"].values) == 5
    assert "Alfreds Futterkiste" in by_col["company_name"].values
    assert by_col["company_name"].dataset_id == pg_id(northwind, "customers")
    assert by_col["company_name"].type == "VARCHAR(40)"
    # nothing sampled is in the graph: no property of the scope's nodes or edges holds one
    scope = f"database:postgres://{PG_HOST}:{PG_PORT}/{northwind}"
    rows = store.query("MATCH (n) WHERE n.scope = $scope RETURN n {.*} AS p",
                                scope=scope)
    rows += store.query("MATCH ()-[e]->() WHERE e.scope = $scope RETURN e {.*} AS p",
                                 scope=scope)
    stored = {str(v) for r in rows for v in r["p"].values()}
    values = {v for s in got for v in s.values if len(v) > 3}
    assert len(rows) > 100 and values and not values & stored


def test_staleness_closes_a_dropped_table_and_the_guard_refuses_mass_closing(store):
    ddl = "".join(f"CREATE TABLE t{i} (id int PRIMARY KEY, v text);" for i in range(10))
    with pg_database("ingest_stale", ddl) as db:
        rec = recipe(db)
        run_recipe(rec, store)
        pg_exec(db, "DROP TABLE t9")
        summary = run_recipe(rec, store)
        assert summary.closed == {"Dataset": 1, "Column": 2, "HAS_COLUMN": 2}
        dropped = store.get_node(pg_id(db, "t9"))
        assert dropped["valid_to"] is not None
        assert store.get_node(ids.column_id(pg_id(db, "t9"), "v"))["valid_to"] is not None
        assert store.get_node(pg_id(db, "t0")).get("valid_to") is None
        page, total = store.list_nodes(Label.DATASET, namespace=f"postgres://{PG_HOST}:{PG_PORT}",
                                       name_contains=f"{db}.public.", first=50)
        assert total == 9

        # drop most tables and add one: refused, and nothing at all is written
        before = {n["id"]: n for n in store.get_nodes([pg_id(db, f"t{i}") for i in range(9)])
                  .values()}
        pg_exec(db, "".join(f"DROP TABLE t{i};" for i in range(1, 9))
                + "CREATE TABLE fresh (id int)")
        with pytest.raises(StaleGuardError) as err:
            run_recipe(rec, store)
        assert err.value.stale == 8 * 5 and err.value.max_ratio == pytest.approx(0.2)
        after = store.get_nodes([pg_id(db, f"t{i}") for i in range(9)] + [pg_id(db, "fresh")])
        assert pg_id(db, "fresh") not in after
        for node_id, node in before.items():
            assert after[node_id].get("valid_to") is None
            assert after[node_id]["last_seen"] == node["last_seen"]

        # a recipe that allows it closes them
        allowed = parse_recipe({"source": {"type": "database", "config": {"url": pg_url(db)}},
                                "staleness": {"max_close_ratio": 0.95}}, base_dir=Path.cwd())
        summary = run_recipe(allowed, store)
        assert summary.closed["Dataset"] == 8 and summary.added["Dataset"] == 1


def _event_for(db: str, table: str):
    from openlineage.client.event_v2 import InputDataset, Job, Run, RunEvent, RunState
    from openlineage.client.naming.dataset import Postgres
    from openlineage.client.uuid import generate_new_uuid

    naming = Postgres(host=PG_HOST, port=str(PG_PORT), database=db, schema="public",
                      table=table)
    return RunEvent(eventType=RunState.COMPLETE, eventTime="2026-01-01T00:00:00Z",
                    run=Run(runId=str(generate_new_uuid())),
                    job=Job(namespace=f"etl-{db}", name=f"load_{table}"), producer="test",
                    inputs=[InputDataset(namespace=naming.get_namespace(),
                                         name=naming.get_name())])


def test_harvested_ids_follow_the_openlineage_naming_of_events(store, northwind):
    """The openlineage-python client's naming helper and event classes name the table with
    the id the harvest wrote."""
    run_recipe(recipe(northwind), store)
    ds = _event_for(northwind, "orders").inputs[0]
    node = store.get_node(ids.dataset_id(ds.namespace, ds.name))
    assert node["source"] == "database" and node["table"] == "orders"


def test_a_table_and_the_same_table_in_an_openlineage_event_are_one_node(store,
                                                                         northwind):
    """Harvest, then ingest an event built with the openlineage-python client through the
    catalog's OpenLineage ingestor: one Dataset node, holding both."""
    from openlineage.client.serde import Serde

    from ingestors.openlineage import ingest_events

    run_recipe(recipe(northwind), store)
    event = _event_for(northwind, "orders")
    result = ingest_events(store, [Serde.to_dict(event)])
    assert result.ok, [r.as_dict() for r in result.results]
    name = event.inputs[0].name
    same = store.query("MATCH (d:Dataset) WHERE d.name = $n RETURN d.id AS id",
                                n=name)
    assert [r["id"] for r in same] == [pg_id(northwind, "orders")]
    job = ids.job_id(f"etl-{northwind}", "load_orders")
    reads = [n["id"] for _, n in store.neighbours([job], Rel.READS)[job]]
    assert reads == [pg_id(northwind, "orders")]
    cols = store.neighbours([reads[0]], Rel.HAS_COLUMN)[reads[0]]
    assert len(cols) == 14  # the harvested columns are on the node the event reads
