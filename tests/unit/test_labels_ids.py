import pytest

from graph import InvalidInput, Label, Rel
from graph.cypher import cypher
from graph.labels import label_of, parse_label
from identity import ids
from identity.namespaces import table_dataset


@pytest.mark.parametrize("node_id,label", [
    ("domain:sales", Label.DOMAIN), ("product:sales/orders", Label.DATA_PRODUCT),
    ("dataset:postgres://h:5432:db.public.t", Label.DATASET),
    ("dataset:postgres://h:5432:db.public.t#email", Label.COLUMN),
    ("job:ns:etl", Label.JOB), ("run:0176a8c2", Label.RUN), ("owner:team:x", Label.OWNER),
    ("tag:pii", Label.TAG), ("classification:PII.Email", Label.CLASSIFICATION)])
def test_label_of(node_id, label):
    assert label_of(node_id) is label


@pytest.mark.parametrize("bad", ["", "nope:x", "dataset:", "dataset:noname", "domain:",
                                 "dataset:ns:t#", 42])
def test_malformed_ids_are_refused_with_the_id_named(bad):
    with pytest.raises(InvalidInput) as exc:
        label_of(bad)
    assert exc.value.path == "id"
    assert repr(bad) in str(exc.value) or "non-empty" in str(exc.value)


def test_unknown_label_is_named():
    with pytest.raises(InvalidInput, match="'Table'"):
        parse_label("Table")


def test_dataset_ids_follow_openlineage_naming():
    assert table_dataset("postgres", host="db", port=5432, database="shop", schema="public",
                         table="customers") == "dataset:postgres://db:5432:shop.public.customers"
    assert table_dataset("mysql", host="db", database="shop", table="orders") == \
        "dataset:mysql://db:3306:shop.orders"
    ds = table_dataset("postgresql", host="db", port=5432, database="shop", table="customers")
    assert ids.split_dataset_id(ds) == ("postgres://db:5432", "shop.public.customers")
    assert ids.split_dataset_id("dataset:food_delivery:public.orders") == \
        ("food_delivery", "public.orders")
    assert label_of(ids.column_id(ds, "address.city")) is Label.COLUMN


def test_cypher_slots_take_enums_only():
    assert "MERGE (n:Dataset" in cypher("upsert_nodes", label=Label.DATASET)
    with pytest.raises(TypeError):
        cypher("upsert_nodes", label="Dataset) DETACH DELETE (n")
    with pytest.raises(KeyError):
        cypher("upsert_edges", rel=Rel.FEEDS)  # src and dst left unfilled
