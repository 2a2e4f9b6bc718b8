"""search and autocomplete over the real server: consistency with writes, filters, facets,
paging, explanations and errors. Each test names its entities with a word of its own."""

from __future__ import annotations

import pytest

from graph import Label, Rel
from graph.props import now_iso
from identity import ids
from tests.support.server import gql

SEARCH = """query($input: SearchInput!) { search(input: $input) { total query
  hits { id kind score cursor highlight matchedFields { name value highlight }
         explanation { score coverage nameTier nameBonus
                       terms { term token field tier edits weight } boosts { reason value } }
         entity { __typename id name } }
  pageInfo { hasNextPage endCursor }
  facets { field aggregations { value displayName count } } } }"""
AUTOCOMPLETE = """query($input: AutocompleteInput!) { autocomplete(input: $input) {
  prefix suggestions { text kind id highlight entity { id name } } } }"""


@pytest.fixture
def word(uid) -> str:
    """A word no other test uses: the uid in letters only (digits would split it)."""
    return uid.translate(str.maketrans("0123456789", "ghijklmnop"))


def search(server, **input_) -> dict:
    data = gql(server, SEARCH, {"input": input_})
    assert "errors" not in data, data
    return data["data"]["search"]


def hit_ids(server, **input_) -> list[str]:
    return [h["id"] for h in search(server, **input_)["hits"]]


def facet(result, name) -> dict[str, int]:
    return {a["value"]: a["count"] for f in result["facets"] if f["field"] == name
            for a in f["aggregations"]}


def write_dataset(store, name: str, *, namespace="postgres://db:5432", columns=(),
                  scope="search-test", **props) -> str:
    d = ids.dataset_id(namespace, name)

    def write(tx):
        tx.upsert_nodes(Label.DATASET, [{"id": d, "name": name, "namespace": namespace,
                                         **props}], source="manual", scope=scope)
        if columns:
            tx.upsert_nodes(Label.COLUMN, [{"id": ids.column_id(d, c), "name": c, "path": c}
                                           for c in columns], source="manual", scope=scope)
            tx.upsert_edges(Rel.HAS_COLUMN, [{"src": d, "dst": ids.column_id(d, c)}
                                             for c in columns], source="manual", scope=scope)

    store.write(write)
    return d


def test_a_write_is_found_by_the_next_query(server, store, word):
    d = write_dataset(store, f"sales.{word}_ledger", columns=[f"{word}_amount"])
    result = search(server, query=word)
    assert {h["id"] for h in result["hits"]} == {d, ids.column_id(d, f"{word}_amount")}
    top = result["hits"][0]
    assert top["entity"] == {"__typename": "Dataset", "id": d, "name": f"sales.{word}_ledger"}
    typo = word[:3] + word[4] + word[3] + word[5:]  # two letters swapped
    assert hit_ids(server, query=f"{typo} ledger")[0] == d
    assert hit_ids(server, query=f"{word}Amount")[0] == ids.column_id(d, f"{word}_amount")


def test_a_closed_dataset_drops_out_and_an_upsert_brings_it_back(server, store, word):
    d = write_dataset(store, f"db.{word}")
    assert hit_ids(server, query=word) == [d]
    store.write(lambda tx: tx.close_nodes(Label.DATASET, [d]))
    assert hit_ids(server, query=word) == []
    write_dataset(store, f"db.{word}")
    assert hit_ids(server, query=word) == [d]


def test_edges_closed_by_a_later_harvest_leave_the_index(server, store, word):
    d = write_dataset(store, f"db.{word}")
    tag = ids.tag_id(f"{word}tag")

    def tag_it(tx):
        tx.upsert_nodes(Label.TAG, [{"id": tag, "name": f"{word}tag"}], source="manual")
        tx.upsert_edges(Rel.TAGGED, [{"src": d, "dst": tag}], source="manual",
                        scope=f"tags-{word}")

    store.write(tag_it)
    assert hit_ids(server, query=word, filters={"tag": [f"{word}tag"]}) == [d]
    store.close_stale(f"tags-{word}", now_iso(), labels=[], rels=[Rel.TAGGED],
                               max_ratio=1.0)
    assert hit_ids(server, query=word, filters={"tag": [f"{word}tag"]}) == []
    assert hit_ids(server, query=word) == [d]


@pytest.fixture
def mesh(store, word) -> dict[str, str]:
    """A domain with a product (owned) of two postgres datasets; one kafka topic alone."""
    rev = word[::-1]  # names the query must not match
    dom, prod = ids.domain_id(f"{rev}dom"), ids.product_id(f"{rev}dom", "orders")
    owner, tag = ids.owner_id(f"{rev}team"), ids.tag_id(f"{rev}gold")
    pii = ids.classification_id(f"{rev}.Email")
    a = write_dataset(store, f"shop.{word}_a", columns=[f"{word}_mail"])
    b = write_dataset(store, f"shop.{word}_b", columns=[f"{word}_id"])
    k = write_dataset(store, f"{word}_events", namespace="kafka://broker:9092")

    def write(tx):
        kw = {"source": "manual", "scope": "search-test"}
        tx.upsert_nodes(Label.DOMAIN, [{"id": dom, "name": f"{rev}dom"}], **kw)
        tx.upsert_nodes(Label.DATA_PRODUCT, [{"id": prod, "name": "orders"}], **kw)
        tx.upsert_nodes(Label.OWNER, [{"id": owner, "name": f"{rev}team"}], **kw)
        tx.upsert_nodes(Label.TAG, [{"id": tag, "name": f"{rev}gold"}], **kw)
        tx.upsert_nodes(Label.CLASSIFICATION, [{"id": pii, "name": f"{rev}.Email"}], **kw)
        tx.upsert_edges(Rel.HAS_PRODUCT, [{"src": dom, "dst": prod}], **kw)
        tx.upsert_edges(Rel.CONTAINS, [{"src": prod, "dst": a}, {"src": prod, "dst": b}], **kw)
        tx.upsert_edges(Rel.OWNED_BY, [{"src": prod, "dst": owner, "role": "owner"}], **kw)
        tx.upsert_edges(Rel.TAGGED, [{"src": k, "dst": tag}], **kw)
        tx.upsert_edges(Rel.CLASSIFIED_AS, [
            {"src": ids.column_id(a, f"{word}_mail"), "dst": pii, "status": "accepted"},
            {"src": ids.column_id(b, f"{word}_id"), "dst": pii, "status": "rejected"}], **kw)

    store.write(write)
    return {"a": a, "b": b, "k": k, "a_mail": ids.column_id(a, f"{word}_mail"),
            "b_id": ids.column_id(b, f"{word}_id"), "dom": dom, "prod": prod, "pii": pii}


def test_facets_count_every_hit_and_filters_narrow(server, mesh, word):
    rev = word[::-1]
    r = search(server, query=word, first=1)
    assert r["total"] == 5 and len(r["hits"]) == 1 and r["pageInfo"]["hasNextPage"]
    assert facet(r, "kind") == {"DATASET": 3, "COLUMN": 2}
    assert facet(r, "domain") == {mesh["dom"]: 4}
    assert facet(r, "platform") == {"postgres": 4, "kafka": 1}
    assert facet(r, "tag") == {ids.tag_id(f"{rev}gold"): 1}
    assert facet(r, "classification") == {mesh["pii"]: 2}  # the column and its dataset
    cases = [({"domain": [f"{rev}dom"]}, {"a", "b", "a_mail", "b_id"}),
             ({"dataProduct": [mesh["prod"]]}, {"a", "b", "a_mail", "b_id"}),
             ({"owner": [f"{rev}team"]}, {"a", "b", "a_mail", "b_id"}),
             ({"platform": ["kafka"]}, {"k"}),
             ({"tag": [f"{rev}gold"]}, {"k"}),
             ({"classification": [f"{rev}.Email"]}, {"a", "a_mail"}),
             ({"platform": ["postgres"], "owner": [f"{rev}team"]},
              {"a", "b", "a_mail", "b_id"})]
    by_id = {v: k for k, v in mesh.items()}
    for filters, expect in cases:
        got = {by_id[i] for i in hit_ids(server, query=word, filters=filters, first=50)}
        assert got == expect, filters
    r = search(server, query=word, kinds=["COLUMN"], filters={"platform": ["postgres"]})
    assert r["total"] == 2
    assert facet(r, "kind") == {"DATASET": 2, "COLUMN": 2}  # its own filter left out
    assert facet(r, "platform") == {"postgres": 2}


def test_pages_with_cursors(server, store, word):
    made = {write_dataset(store, f"db.{word}_{i}") for i in range(7)}
    seen, after = [], None
    while True:
        r = search(server, query=word, first=3, after=after)
        seen += [h["id"] for h in r["hits"]]
        assert r["total"] == 7
        if not r["pageInfo"]["hasNextPage"]:
            break
        after = r["pageInfo"]["endCursor"]
    assert len(seen) == 7 and set(seen) == made
    scores = [h["score"] for h in search(server, query=word, first=7)["hits"]]
    assert scores == sorted(scores, reverse=True)


@pytest.mark.parametrize("input_, field", [
    ({"query": "x", "first": 0}, "input.first"),
    ({"query": "x", "after": "bm90LWEtY3Vyc29y"}, "input.after"),
    ({"query": "x", "after": "%%%"}, "input.after"),
    ({"query": "x" * 600}, "input.query"),
])
def test_bad_input_is_an_error_naming_the_field(server, input_, field):
    data = gql(server, SEARCH, {"input": input_})
    err = data["errors"][0]
    assert err["extensions"]["code"] == "BAD_INPUT" and err["extensions"]["field"] == field


def test_explain_says_why(server, store, word):
    d = write_dataset(store, f"db.{word}_orders", description="orders of the shop")
    typo = word[:2] + word[3:]  # a letter dropped
    hit = search(server, query=f"{typo} ordrs", explain=True)["hits"][0]
    assert hit["id"] == d
    e = hit["explanation"]
    assert [(t["tier"], t["field"], t["edits"]) for t in e["terms"]] == [
        ("fuzzy", "name", 1), ("fuzzy", "name", 1)]
    assert e["coverage"] == 1.0 and e["nameTier"] == "exact name"
    assert {b["reason"] for b in e["boosts"]} >= {"documented", "kind"}
    assert search(server, query=word)["hits"][0]["explanation"] is None


def test_autocomplete(server, store, word):
    d = write_dataset(store, f"db.{word}_invoices", columns=["invoice_total"])
    data = gql(server, AUTOCOMPLETE, {"input": {"prefix": word[:6]}})
    got = data["data"]["autocomplete"]["suggestions"]
    assert [(s["text"], s["kind"], s["id"]) for s in got] == [
        (f"db.{word}_invoices", "DATASET", d)]
    assert got[0]["highlight"] == f"db.<em>{word[:6]}</em>{word[6:]}_invoices"
    assert got[0]["entity"]["id"] == d
    data = gql(server, AUTOCOMPLETE, {"input": {"prefix": f"{word} invoice_t",
                                                "kinds": ["COLUMN"]}})
    assert [s["text"] for s in data["data"]["autocomplete"]["suggestions"]] == [
        "invoice_total"]
    data = gql(server, AUTOCOMPLETE, {"input": {"prefix": "x", "limit": 500}})
    assert data["errors"][0]["extensions"]["field"] == "input.limit"
