"""Document ids: a column is kept as its path beside its dataset's document, and is found and
answered by its whole id exactly like any other document."""

from __future__ import annotations

from catalog.search import Kind, SearchIndex, SearchRequest, SearchService
from graph.labels import Label, Rel
from identity import ids


def _column(index: SearchIndex, dataset: str, path: str) -> str:
    col = ids.column_id(dataset, path)
    index.upsert_node(Label.COLUMN, {"id": col, "name": path.rsplit(".", 1)[-1], "path": path})
    index.upsert_edge(Rel.HAS_COLUMN, {"src": dataset, "dst": col})
    return col


def test_columns_of_a_known_dataset_are_not_held_as_whole_ids():
    index = SearchIndex()
    ds = ids.dataset_id("postgres://db:5432", "shop.public.orders")
    index.upsert_node(Label.DATASET, {"id": ds, "name": "shop.public.orders"})
    cols = [_column(index, ds, p) for p in ("order_id", "amount", "address.city", "a#b")]
    docs = index.docs
    assert ds in docs.index and not any(c in docs.index for c in cols)
    for col in cols:
        d = docs.get(col)
        assert d is not None and docs.id_of(d) == col and docs.kind[d] == Kind.COLUMN
    assert docs.get(ids.column_id(ds, "missing")) is None
    assert docs.get(ids.column_id(ds, "order")) is None  # a prefix of a path is another path
    # a second dataset with the same column names: its own documents
    other = ids.dataset_id("postgres://db:5432", "shop.public.refunds")
    index.upsert_node(Label.DATASET, {"id": other, "name": "shop.public.refunds"})
    again = _column(index, other, "amount")
    assert docs.get(again) != docs.get(cols[1])
    service = SearchService(index)
    hits = service.search(SearchRequest(query="amount")).hits
    assert {h.id for h in hits if h.kind is Kind.COLUMN} == {cols[1], again}


def test_a_column_named_before_its_dataset_keeps_its_whole_id():
    index = SearchIndex()
    ds = ids.dataset_id("kafka://broker:9092", "orders")
    early = ids.column_id(ds, "amount")
    index.upsert_node(Label.COLUMN, {"id": early, "name": "amount"})  # before its dataset
    index.upsert_node(Label.DATASET, {"id": ds, "name": "orders"})
    late = _column(index, ds, "currency")
    odd_col = _column(index, ds, "v2#currency")  # a '#' in the path: split at the first
    docs = index.docs
    assert early in docs.index and late not in docs.index
    for col in (early, late, odd_col):
        assert docs.id_of(docs.get(col)) == col
    assert docs.get(late) != docs.get(odd_col)
    index.upsert_node(Label.COLUMN, {"id": early, "name": "amount", "description": "total"})
    assert len([d for d in range(docs.n) if docs.kind[d] == Kind.COLUMN]) == 3
    service = SearchService(index)
    hits = service.search(SearchRequest(query="total")).hits
    assert [h.id for h in hits if h.kind is Kind.COLUMN] == [early]


def test_tags_of_a_document_follow_adds_and_removals():
    index = SearchIndex()
    ds = ids.dataset_id("s3://lake", "events")
    index.upsert_node(Label.DATASET, {"id": ds, "name": "events"})
    gold, pii = ids.tag_id("gold"), ids.tag_id("pii")
    for tag, name in ((gold, "gold"), (pii, "pii")):
        index.upsert_node(Label.TAG, {"id": tag, "name": name})
        index.upsert_edge(Rel.TAGGED, {"src": ds, "dst": tag})
    d = index.docs.get(ds)
    assert index.tags.values(d) == {gold, pii}
    index.close_edge(Rel.TAGGED, ds, gold)
    assert index.tags.values(d) == {pii} and d not in index.tags.members[gold]
    index.close_edge(Rel.TAGGED, ds, pii)
    assert index.tags.values(d) == set() and d not in index.tags.of_doc
    service = SearchService(index)
    assert service.search(SearchRequest(query="pii")).hits == []
