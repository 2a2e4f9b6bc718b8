"""A product's live preview over HTTP: a PostgreSQL (and MariaDB) table harvested and
classified, its preview source configured (password from the environment), and
`datasetSample` read from the real server: values returned, PII columns masked (a
rejected classification unmasks), unharvested columns absent; errors named by argument."""

from __future__ import annotations

from pathlib import Path

import pytest

from catalog.api.app import create_app
from catalog.auth import Role, TokenStore
from catalog.settings import Settings
from graph import Label, Rel
from identity import ids
from identity.namespaces import table_dataset
from ingestors.recipe import parse_recipe
from ingestors.runner import run_recipe
from tests.conftest import bearer
from tests.support.databases import (
    MY_HOST,
    MY_PORT,
    PG_HOST,
    PG_PORT,
    mariadb_database,
    my_url,
    pg_database,
    pg_exec,
)
from tests.support.server import err, gql, ok, running

SAMPLE = """query($id: ID!, $rows: Int!) { datasetSample(id: $id, rows: $rows) {
  datasetId source masking columns { name type masked classifications } rows } }"""
CLASSIFY = "mutation($id: ID!) { classifyDataset(id: $id) { columns } }"
REJECT = """mutation($in: ClassificationDecisionInput!) { rejectClassification(input: $in) {
  status } }"""
SECRET = "s3cr3t-never-shown"

CUSTOMERS = """
CREATE TABLE customers (id integer PRIMARY KEY, email varchar(120), phone varchar(40),
                        plan text, signed_up date);
INSERT INTO customers VALUES
  (1, 'ann.lee@mail.example.com', '+44 20 7946 0958', 'gold', '2024-03-07'),
  (2, 'bob@example.org', '+1 555 0100', 'free', '2024-05-01'),
  (3, NULL, NULL, 'free', '2024-06-30');
"""


def harvest(store, url: str) -> None:
    run_recipe(parse_recipe({"source": {"type": "database", "config": {"url": url}}},
                            base_dir=Path.cwd()), store)


@pytest.fixture(scope="module")
def shop():
    with pg_database("preview_shop", CUSTOMERS) as db:
        yield db


@pytest.fixture(scope="module")
def people(store) -> dict[str, dict[str, str]]:
    made = TokenStore(store)
    return {role: bearer(made.create(f"preview-{role}", role)[1])
            for role in (Role.READER, Role.STEWARD)}


@pytest.fixture(scope="module")
def preview_server(store, shop, tmp_path_factory):
    """The real app with two preview sources: the shop's PostgreSQL (user from the
    environment) and one nothing answers, whose password must never show."""
    monkey = pytest.MonkeyPatch()
    monkey.setenv("PREVIEW_TEST_PG_USER", "postgres")
    settings = Settings(
        data_dir=tmp_path_factory.mktemp("preview-server"), governance_continuous=False,
        preview_timeout_s=3, preview_sources=[
            {"url": f"postgresql://${{PREVIEW_TEST_PG_USER}}@{PG_HOST}:{PG_PORT}/{shop}"},
            {"name": "gone-warehouse", "url": f"postgresql://reader:{SECRET}@127.0.0.1:9/x",
             "naming": {"port": PG_PORT, "database": f"{shop}_gone"}}])
    try:
        with running(create_app(settings, store=store)) as base:
            yield base
    finally:
        monkey.undo()


def pg_table(db: str, table: str) -> str:
    return table_dataset("postgres", host=PG_HOST, port=PG_PORT, database=db,
                         schema="public", table=table)


def test_sample_values_with_pii_masked(preview_server, shop, people, store):
    harvest(store, f"postgresql://postgres@{PG_HOST}:{PG_PORT}/{shop}")
    ds = pg_table(shop, "customers")
    ok(gql(preview_server, CLASSIFY, {"id": ds}, headers=people[Role.STEWARD]))
    # a column added after the harvest is not the catalog's: never selected
    pg_exec(shop, "ALTER TABLE customers ADD COLUMN IF NOT EXISTS note text DEFAULT 'x'")

    got = ok(gql(preview_server, SAMPLE, {"id": ds, "rows": 10},
                 headers=people[Role.READER]))["datasetSample"]
    assert got["datasetId"] == ds and "postgres@" in got["source"]
    cols = {c["name"]: c for c in got["columns"]}
    assert list(cols) == ["id", "email", "phone", "plan", "signed_up"]  # no `note`
    assert cols["email"]["masked"] and "PII.Email" in cols["email"]["classifications"]
    assert cols["phone"]["masked"]
    assert not cols["plan"]["masked"] and not cols["id"]["masked"]
    rows = sorted(got["rows"], key=lambda r: int(r[0]))
    assert len(rows) == 3
    assert rows[0] == ["1", "xxx.xxx@xxxx.xxxxxxx.xxx", "+99 99 9999 9999", "gold",
                       "2024-03-07"]
    assert rows[2][1] is None and rows[2][3] == "free"  # NULL stays NULL
    assert not any("ann" in (v or "") or "bob" in (v or "") for r in rows for v in r)

    # a steward's rejection unmasks the column; `rows` bounds the answer
    ok(gql(preview_server, REJECT, {"in": {"subjectId": ids.column_id(ds, "phone"),
                                           "classification": "PII.Phone"}},
           headers=people[Role.STEWARD]))
    got = ok(gql(preview_server, SAMPLE, {"id": ds, "rows": 1},
                 headers=people[Role.READER]))["datasetSample"]
    assert len(got["rows"]) == 1
    phone = next(c for c in got["columns"] if c["name"] == "phone")
    assert not phone["masked"] and phone["classifications"] == []
    assert got["rows"][0][2] is None or got["rows"][0][2].startswith("+")


def test_bad_rows_unknown_dataset_and_no_source(preview_server, shop, people, store, uid):
    ds = pg_table(shop, "customers")
    for rows in (0, 51):
        e = err(gql(preview_server, SAMPLE, {"id": ds, "rows": rows},
                    headers=people[Role.READER]))
        assert e["extensions"]["code"] == "BAD_INPUT" and e["extensions"]["field"] == "rows"
    unknown = pg_table(shop, f"nothing_{uid}")
    e = err(gql(preview_server, SAMPLE, {"id": unknown, "rows": 5},
                headers=people[Role.READER]))
    assert e["extensions"]["code"] == "NOT_FOUND" and unknown in e["message"]
    assert e["extensions"]["field"] == "id"
    e = err(gql(preview_server, SAMPLE, {"id": "not-an-id", "rows": 5},
                headers=people[Role.READER]))
    assert e["extensions"]["code"] == "BAD_INPUT" and e["extensions"]["field"] == "id"

    # a dataset no source names: said so, naming the dataset
    elsewhere = ids.dataset_id(f"test://{uid}", "shop.orders")
    store.upsert_nodes(Label.DATASET, [{"id": elsewhere, "name": "shop.orders"}],
                       source="manual")
    e = err(gql(preview_server, SAMPLE, {"id": elsewhere, "rows": 5},
                headers=people[Role.READER]))
    assert e["extensions"]["code"] == "NO_PREVIEW_SOURCE" and elsewhere in e["message"]
    assert e["extensions"]["field"] == "id"

    # no token: refused even though reads are open
    e = err(gql(preview_server, SAMPLE, {"id": ds, "rows": 5}))
    assert e["extensions"]["code"] == "UNAUTHENTICATED"


def test_an_unreachable_source_is_named_without_its_password(preview_server, shop, people,
                                                             store):
    ds = pg_table(f"{shop}_gone", "customers")
    store.upsert_nodes(Label.DATASET, [{"id": ds, "name": f"{shop}_gone.public.customers",
                                        "schema": "public", "table": "customers"}],
                       source="manual")
    store.upsert_nodes(Label.COLUMN, [{"id": ids.column_id(ds, "id"), "name": "id",
                                       "path": "id"}], source="manual")
    store.upsert_edges(Rel.HAS_COLUMN, [{"src": ds, "dst": ids.column_id(ds, "id")}],
                       source="manual")
    data = gql(preview_server, SAMPLE, {"id": ds, "rows": 5}, headers=people[Role.READER])
    e = err(data)
    assert e["extensions"]["code"] == "PREVIEW_SOURCE_UNAVAILABLE"
    assert "gone-warehouse" in e["message"] and SECRET not in str(data)


def test_a_mariadb_table(store, people, tmp_path):
    with mariadb_database("preview_my", [
            "CREATE TABLE contacts (id int PRIMARY KEY, email varchar(120), city varchar(40))",
            "INSERT INTO contacts VALUES (1, 'zoe@example.com', 'Lyon')"]) as db:
        harvest(store, my_url(db))
        ds = table_dataset("mysql", host=MY_HOST, port=MY_PORT, database=db, table="contacts")
        settings = Settings(data_dir=tmp_path, governance_continuous=False,
                            preview_sources=[{"name": "crm", "url": my_url(db)}])
        with running(create_app(settings, store=store)) as base:
            ok(gql(base, CLASSIFY, {"id": ds}, headers=people[Role.STEWARD]))
            got = ok(gql(base, SAMPLE, {"id": ds, "rows": 3},
                         headers=people[Role.READER]))["datasetSample"]
    assert got["source"] == "crm"
    cols = {c["name"]: c["masked"] for c in got["columns"]}
    assert list(cols) == ["id", "email", "city"] and cols["email"] and not cols["id"]
    assert got["rows"][0][:2] == ["1", "xxx@xxxxxxx.xxx"]
