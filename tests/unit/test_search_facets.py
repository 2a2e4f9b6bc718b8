"""Filters, facets over the whole result, paging, explanations and autocomplete."""

from __future__ import annotations

import pytest

from catalog.search import Kind, SearchRequest
from graph.errors import InvalidInput
from graph.labels import Label, Rel
from identity import ids
from tests.support.search import Catalog


@pytest.fixture
def mesh() -> Catalog:
    """sales/orders (owned by team-sales) holds 2 postgres datasets; 1 kafka dataset alone."""
    c = Catalog()
    c.node(Label.DOMAIN, ids.domain_id("sales"), name="sales")
    c.node(Label.DATA_PRODUCT, ids.product_id("sales", "orders"), name="orders")
    c.edge(Rel.HAS_PRODUCT, ids.domain_id("sales"), ids.product_id("sales", "orders"))
    c.node(Label.OWNER, ids.owner_id("team-sales"), name="team-sales")
    c.edge(Rel.OWNED_BY, ids.product_id("sales", "orders"), ids.owner_id("team-sales"))
    c.node(Label.TAG, ids.tag_id("gold"), name="gold")
    c.node(Label.CLASSIFICATION, ids.classification_id("PII.Email"), name="PII.Email")
    a = c.dataset("shop.ledger_a", namespace="postgres://db:5432", columns=["ledger_mail"])
    b = c.dataset("shop.ledger_b", namespace="postgres://db:5432", columns=["ledger_id"])
    k = c.dataset("ledger_events", namespace="kafka://broker:9092", columns=["ledger_key"])
    for d in (a, b):
        c.edge(Rel.CONTAINS, ids.product_id("sales", "orders"), d)
    c.edge(Rel.TAGGED, k, ids.tag_id("gold"))
    c.edge(Rel.CLASSIFIED_AS, ids.column_id(a, "ledger_mail"),
           ids.classification_id("PII.Email"), status="accepted")
    c.ds = {"a": a, "b": b, "k": k}
    return c.commit()


def test_values_of_documents_with_several_count_each_once():
    c = Catalog()
    for tag in ("gold", "silver", "bronze"):
        c.node(Label.TAG, ids.tag_id(tag), name=tag)
    for cls in ("PII.Email", "PII.Phone"):
        c.node(Label.CLASSIFICATION, ids.classification_id(cls), name=cls)
    a = c.dataset("shop.parcel_a", columns=["parcel_mail", "parcel_phone", "parcel_id"])
    b = c.dataset("shop.parcel_b", columns=["parcel_code"])
    for d, tags in ((a, ("gold", "silver")), (b, ("silver",))):
        for tag in tags:
            c.edge(Rel.TAGGED, d, ids.tag_id(tag))
    c.edge(Rel.TAGGED, ids.column_id(b, "parcel_code"), ids.tag_id("bronze"))
    for col, cls in (("parcel_mail", "PII.Email"), ("parcel_phone", "PII.Phone"),
                     ("parcel_id", "PII.Email")):
        c.edge(Rel.CLASSIFIED_AS, ids.column_id(a, col), ids.classification_id(cls),
               status="accepted")
    c.commit()
    r = c.search("parcel")
    assert r.total == 6
    assert facet(r, "tag") == {"tag:gold": 1, "tag:silver": 2, "tag:bronze": 1}
    # the dataset carries both classes of its columns, once each
    assert facet(r, "classification") == {"classification:PII.Email": 3,
                                          "classification:PII.Phone": 2}


def facet(result, name: str) -> dict[str, int]:
    return {v.value: v.count for f in result.facets if f.field == name for v in f.values}


def test_facets_count_the_whole_result_not_the_page(mesh):
    r = mesh.search("ledger", first=2)
    assert r.total == 6 and len(r.hits) == 2 and r.has_next
    assert facet(r, "kind") == {"DATASET": 3, "COLUMN": 3}
    assert facet(r, "domain") == {"domain:sales": 4}   # 2 datasets and their 2 columns
    assert facet(r, "platform") == {"postgres": 4, "kafka": 2}
    assert facet(r, "tag") == {"tag:gold": 1}
    # the dataset of a classified column carries the classification too
    assert facet(r, "classification") == {"classification:PII.Email": 2}


@pytest.mark.parametrize("filters, expect", [
    ({"domain": ["sales"]}, {"a", "b", "a#ledger_mail", "b#ledger_id"}),
    ({"domain": ["domain:sales"]}, {"a", "b", "a#ledger_mail", "b#ledger_id"}),
    ({"dataProduct": ["product:sales/orders"]}, {"a", "b", "a#ledger_mail", "b#ledger_id"}),
    ({"platform": ["kafka"]}, {"k", "k#ledger_key"}),
    ({"tag": ["gold"]}, {"k"}),
    ({"classification": ["PII.Email"]}, {"a", "a#ledger_mail"}),
    ({"owner": ["team-sales"]}, {"a", "b", "a#ledger_mail", "b#ledger_id"}),
    ({"platform": ["postgres"], "classification": ["classification:PII.Email"]},
     {"a", "a#ledger_mail"}),
    ({"domain": ["nowhere"]}, set()),
])
def test_filters(mesh, filters, expect):
    names = {}
    for key, d in mesh.ds.items():
        names[d] = key
        for col in ("ledger_mail", "ledger_id", "ledger_key"):
            names[ids.column_id(d, col)] = f"{key}#{col}"
    got = {names[i] for i in mesh.ids("ledger", filters=filters)}
    assert got == expect


def test_a_facet_ignores_its_own_filter(mesh):
    r = mesh.search("ledger", filters={"platform": ["kafka"]})
    assert r.total == 2
    assert facet(r, "platform") == {"postgres": 4, "kafka": 2}  # other values stay offered
    assert facet(r, "kind") == {"DATASET": 1, "COLUMN": 1}     # other facets are filtered
    r = mesh.search("ledger", kinds=[Kind.COLUMN])
    assert facet(r, "kind") == {"DATASET": 3, "COLUMN": 3} and r.total == 3


def test_pages_follow_one_another_without_overlap(mesh):
    seen, offset = [], 0
    while True:
        r = mesh.service.search(SearchRequest(query="ledger", first=4, offset=offset))
        seen += [h.id for h in r.hits]
        assert [h.position for h in r.hits] == list(range(offset, offset + len(r.hits)))
        if not r.has_next:
            break
        offset += 4
    assert len(seen) == len(set(seen)) == 6
    all_at_once = [h.id for h in mesh.search("ledger", first=50).hits]
    assert seen == all_at_once


def test_bad_requests_name_the_field(mesh):
    for req, field in ((SearchRequest(query="x", first=0), "first"),
                       (SearchRequest(query="x", first=10_000), "first"),
                       (SearchRequest(query="x" * 501), "query"),
                       (SearchRequest(query="x", filters={"colour": ["red"]}), "filters")):
        with pytest.raises(InvalidInput) as err:
            mesh.service.search(req)
        assert err.value.path == field
    with pytest.raises(InvalidInput) as err:
        mesh.service.autocomplete("led", limit=0)
    assert err.value.path == "limit"


def test_matched_fields_and_highlights(mesh):
    hit = mesh.search("ledgerMail", kinds=[Kind.COLUMN]).hits[0]
    assert hit.highlight == "<em>ledger</em>_<em>mail</em>"
    fields = {m.field: m.highlight for m in hit.matched_fields}
    assert fields["name"] == hit.highlight
    assert fields["dataset"] == "shop.<em>ledger</em>_a"
    hit = mesh.search("ledger mail", kinds=[Kind.DATASET]).hits[0]
    assert hit.id == mesh.ds["a"]
    assert {m.field for m in hit.matched_fields} >= {"name", "columns"}


def test_explanations_add_up_to_the_score(mesh):
    for query in ("ledgr mail", "ledger", "shop ledger a", "led"):
        hits = mesh.search(query, explain=True).hits
        assert hits, query  # the sum below is checked on something
        for hit in hits:
            e = hit.explanation
            calc = ((e.coverage * sum(t.weight for t in e.terms) + e.name_bonus)
                    * (1 + sum(e.boosts.values())))
            assert calc == pytest.approx(hit.score, abs=2e-3), (query, hit.id, e)
    e = mesh.search("ledgr", explain=True).hits[0].explanation
    assert (e.terms[0].tier, e.terms[0].edits, e.terms[0].token) == ("fuzzy", 1, "ledger")
    assert mesh.search("ledger").hits[0].explanation is None


def test_autocomplete_completes_the_last_word_one_suggestion_per_name(mesh):
    got = mesh.service.autocomplete("ledger_m")
    assert [(s.text, s.kind) for s in got] == [("ledger_mail", Kind.COLUMN)]
    assert got[0].highlight == "<em>ledger</em>_<em>m</em>ail"
    got = mesh.service.autocomplete("led", kinds=[Kind.DATASET])
    assert {s.text for s in got} == {"shop.ledger_a", "shop.ledger_b", "ledger_events"}
    assert len(mesh.service.autocomplete("led", limit=2)) == 2
    assert mesh.service.autocomplete("zzz") == []


def test_autocomplete_a_common_name_leaves_room_for_the_others():
    """Hundreds of columns named `mail` are one suggestion; `mailbox` and `mail_sent` still
    come (each completion's documents are gathered as distinct names, not documents)."""
    c = Catalog()
    for i in range(400):
        c.dataset(f"db.t{i}", columns=["mail", "id"])
    c.dataset("db.inbox", columns=["mailbox", "mail_sent"])
    c.commit()
    got = c.service.autocomplete("mai", kinds=[Kind.COLUMN], limit=3)
    assert [s.text for s in got] == ["mail", "mail_sent", "mailbox"]


def test_autocomplete_prefers_names_that_start_with_the_word_and_shorter_completions():
    c = Catalog()
    c.dataset("db.old_mail")
    c.dataset("db.mail_log")
    c.dataset("db.mailbox_archive")
    c.commit()
    assert [s.text for s in c.service.autocomplete("mai")] == [
        "db.mail_log", "db.mailbox_archive", "db.old_mail"]
    # earlier words must match the name (or the dataset's name)
    c.dataset("db.customers", columns=["mail", "phone"])
    c.commit()
    got = c.service.autocomplete("customers ma", kinds=[Kind.COLUMN])
    assert [s.text for s in got] == ["mail"]
    c.dataset("db.orders", columns=["customer_mail"])
    c.commit()
    got = c.service.autocomplete("customer ma", kinds=[Kind.COLUMN])
    assert [s.text for s in got] == ["customer_mail", "mail"]


def test_queries_leave_the_scratch_buffers_clean(mesh):
    """Every buffer a query scatters into is zeroed again: a bit left over would make the
    next query count a term its documents do not hold."""
    for q in ("ledger", "ledger mail", "ledgr key events", "shop ledger_a", "xyzzy ledger"):
        mesh.search(q)
        mesh.service.autocomplete(f"{q} le")
        s = mesh.service._scratch
        for name in ("mark", "terms", "pos", "bits"):
            assert not getattr(s, name).any(), (q, name)
