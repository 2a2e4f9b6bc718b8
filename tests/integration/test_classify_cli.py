"""`catalog classify`: name-only over the graph, and a database recipe sampled for real on
the local PostgreSQL (Northwind), with the values classified and never stored."""

from __future__ import annotations

from catalog.cli import main
from graph import Label
from graph import classification as gc
from identity import ids
from identity.namespaces import table_dataset
from tests.conftest import FIXTURES
from tests.support.catalog_graph import add_dataset, add_product
from tests.support.databases import (
    PG_HOST,
    PG_PORT,
    load_fixture,
    pg_database,
    pg_url,
)


def test_classify_a_domain_by_name(cli_env, store, uid, capsys):
    _, prod = add_product(store, uid, "shop")
    ds = add_dataset(store, uid, "shop.clients", [("correo", "varchar"),
                                                            ("telefono", "varchar"),
                                                            ("total", "numeric")],
                     product=prod)
    assert main(["classify", "--domain", uid]) == 0
    out = capsys.readouterr().out
    assert "classified 3 columns of 1 datasets" in out and "2 accepted" in out
    found = gc.edges_of(store.query, [ids.column_id(ds, "correo"),
                                               ids.column_id(ds, "telefono")])
    assert found[ids.column_id(ds, "correo")]["PII.Email"]["status"] == "accepted"
    assert found[ids.column_id(ds, "telefono")]["PII.Phone"]["status"] == "accepted"


def test_classify_refuses_an_empty_or_unknown_selection(cli_env, capsys):
    assert main(["classify"]) == 2
    assert main(["classify", "--dataset", "dataset:test://nowhere:a.b"]) == 2
    assert "nowhere" in capsys.readouterr().err


def test_classify_a_database_recipe_with_sampled_values(cli_env, store, tmp_path,
                                                        capsys):
    def table(name):
        return table_dataset("postgres", host=PG_HOST, port=PG_PORT,
                             database=db, schema="public", table=name)

    def col(name, column):
        return ids.column_id(table(name), column)

    with pg_database("cls_nw", load_fixture(FIXTURES, "northwind")) as db:
        recipe = tmp_path / "northwind.yaml"
        recipe.write_text(f"source:\n  type: database\n  config:\n    url: {pg_url(db)}\n")
        # first only one table of the harvest is classified
        assert main(["classify", str(recipe), "--dataset", table("customers")]) == 0
        assert "of 1 datasets" in capsys.readouterr().out
        first = gc.edges_of(store.query, [col("customers", "phone"),
                                                   col("employees", "home_phone")])
        assert "PII.Phone" in first[col("customers", "phone")]
        assert not first.get(col("employees", "home_phone"))
        assert main(["classify", str(recipe), "--sample-size", "40"]) == 0
    out = capsys.readouterr().out
    assert "classified" in out and "accepted" in out

    wanted = {col("customers", "contact_name"): "PII.PersonName",
              col("customers", "phone"): "PII.Phone",
              col("customers", "postal_code"): "PII.PostalCode",
              col("customers", "city"): "PII.City",
              col("employees", "birth_date"): "PII.DateOfBirth",
              col("employees", "home_phone"): "PII.Phone",
              col("employees", "first_name"): "PII.FirstName"}
    found = gc.edges_of(store.query, list(wanted) + [
        col("products", "product_name"), col("customers", "company_name")])
    for column, itype in wanted.items():
        edge = found[column][itype]
        assert edge["status"] == "accepted" and edge["sampled"] is True, (column, edge)
    phone = found[col("customers", "phone")]["PII.Phone"]
    assert any("sampled values" in r for r in phone["reasons"])
    assert not found.get(col("products", "product_name"))
    assert not found.get(col("customers", "company_name"))
    # the samples were looked at, never stored: no value appears on any node or edge
    values = {"Maria Anders", "030-0074321", "Alfreds Futterkiste", "12209"}
    columns = gc.columns_of(store, [table_dataset("postgres", host=PG_HOST, port=PG_PORT,
                                                  database=db, schema="public", table="customers")])
    nodes = store.get_nodes([c["column_id"] for c in columns])
    edges = gc.edges_of(store.query, [c["column_id"] for c in columns])
    text = repr(nodes) + repr(edges)
    assert not [v for v in values if v in text]
    assert Label.COLUMN.value in {n["label"] for n in nodes.values()}


def test_ingest_classifies_when_the_recipe_enables_it(cli_env, store, tmp_path, capsys):
    """`catalog ingest` honours `classification.enabled`: the harvest's samples are
    classified (never stored) and the summary is `catalog classify`'s; no warning."""
    with pg_database("cls_ing", load_fixture(FIXTURES, "northwind")) as db:
        recipe = tmp_path / "northwind.yaml"
        recipe.write_text(f"source:\n  type: database\n  config:\n    url: {pg_url(db)}\n"
                          "    classification: {enabled: true, sample_size: 50}\n")
        assert main(["ingest", "--no-progress", str(recipe)]) == 0
    out = capsys.readouterr().out
    assert "no classifier" not in out
    assert "classified" in out and "accepted" in out and "propagation:" in out
    customers = table_dataset("postgres", host=PG_HOST, port=PG_PORT, database=db,
                              schema="public", table="customers")
    phone = ids.column_id(customers, "phone")
    edge = gc.edges_of(store.query, [phone])[phone]["PII.Phone"]
    assert edge["status"] == "accepted" and edge["sampled"] is True
    columns = gc.columns_of(store, [customers])
    text = repr(store.get_nodes([c["column_id"] for c in columns]))
    text += repr(gc.edges_of(store.query, [c["column_id"] for c in columns]))
    assert "030-0074321" not in text and "Maria Anders" not in text
