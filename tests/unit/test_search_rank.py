"""Ranking over an in-memory index: tiers, fields, boosts, multi-word, and updates."""

from __future__ import annotations

from catalog.search import Kind
from graph.labels import Label, Rel
from identity import ids
from tests.support.search import Catalog


def test_exact_name_over_prefix_over_token():
    c = Catalog()
    token = c.dataset("sales.daily_orders")
    prefix = c.dataset("sales.orders_history")
    exact = c.dataset("sales.orders")
    assert c.ids("orders") == [exact, prefix, token]


def test_a_typo_ranks_below_the_same_words_typed_right():
    c = Catalog()
    exact = c.dataset("sales.orders")
    c.dataset("sales.customers")
    c.dataset("sales.order_lines")
    assert c.ids("ordres")[0] == exact  # fuzzy (transposition) still finds it first
    typo = c.search("ordres").hits[0].score
    right = c.search("orders").hits[0].score
    assert typo < right


def test_names_over_column_names_over_descriptions():
    c = Catalog()
    described = c.dataset("db.t1", description="every invoice we sent")
    by_column = c.dataset("db.t2", columns=["invoice"])
    named = c.dataset("db.invoices")
    assert c.ids("invoice", kinds=[Kind.DATASET]) == [named, by_column, described]


def test_a_column_is_found_by_its_dataset_name_and_the_name_wins():
    c = Catalog()
    customers = c.dataset("public.customers", columns=["email", "phone"])
    c.dataset("public.drivers", columns=["email"])
    both_in_name = c.dataset("public.delivery", columns=["customer_email"])
    got = c.ids("customer email", kinds=[Kind.COLUMN])
    assert got[:2] == [ids.column_id(both_in_name, "customer_email"),
                       ids.column_id(customers, "email")]
    # drivers.email matches one term of two: documents matching both are the results
    assert ids.column_id(ids.dataset_id("postgres://db:5432", "public.drivers"), "email") \
        not in got


def test_abbreviations_and_camel_case_meet_snake_case():
    c = Catalog()
    d = c.dataset("shop.orders", columns=["order_amt", "qty"])
    amt = ids.column_id(d, "order_amt")
    assert c.ids("ordAmt")[0] == amt
    assert c.ids("order amount")[0] == amt
    assert c.ids("quantity")[0] == ids.column_id(d, "qty")


def test_boosts_order_equal_matches_but_do_not_beat_a_better_match():
    c = Catalog()
    plain = c.dataset("orders", namespace="kafka://a")
    boosted = c.dataset("orders", namespace="kafka://b", description="All orders")
    c.node(Label.OWNER, ids.owner_id("team-x"), name="team-x")
    c.edge(Rel.OWNED_BY, boosted, ids.owner_id("team-x"))
    feeder = c.dataset("orders_raw", namespace="kafka://c")
    c.edge(Rel.FEEDS, feeder, boosted)
    got = c.ids("orders")
    assert got.index(boosted) < got.index(plain) < got.index(feeder)
    expl = c.search("orders", explain=True).hits[0].explanation
    assert set(expl.boosts) >= {"documented", "owned", "lineage degree"}


def test_renames_closes_and_reopens_follow_the_writes():
    c = Catalog()
    d = c.dataset("db.ledger")
    assert c.ids("ledger") == [d]
    c.node(Label.DATASET, d, name="db.journal")
    assert c.ids("ledger") == [] and c.ids("journal") == [d]
    c.commit()
    c.changes.closed[Label.DATASET].append(d)
    assert c.ids("journal") == []
    c.node(Label.DATASET, d, name="db.journal")  # an upsert reopens a closed node
    assert c.ids("journal") == [d]


def test_a_partial_upsert_keeps_the_other_properties():
    c = Catalog()
    d = c.dataset("db.t", description="monthly invoices")
    c.node(Label.DATASET, d, platform="postgres")  # no name, no description
    assert c.ids("invoices") == [d] and c.ids("t") == [d]


def test_tags_and_accepted_classifications_are_searchable_rejected_ones_are_not():
    c = Catalog()
    d = c.dataset("db.people", columns=["mail", "nick"])
    mail, nick = ids.column_id(d, "mail"), ids.column_id(d, "nick")
    c.node(Label.CLASSIFICATION, ids.classification_id("PII.Email"), name="PII.Email")
    c.edge(Rel.CLASSIFIED_AS, mail, ids.classification_id("PII.Email"), status="accepted")
    c.edge(Rel.CLASSIFIED_AS, nick, ids.classification_id("PII.Email"), status="rejected")
    got = c.ids("pii", kinds=[Kind.COLUMN])
    assert got == [mail]


def test_synonyms_declared_on_a_tag_lead_to_what_it_tags():
    c = Catalog()
    d = c.dataset("db.turnover_monthly")
    c.node(Label.TAG, ids.tag_id("revenue"), name="revenue", synonyms=["sales", "turnover"])
    c.edge(Rel.TAGGED, d, ids.tag_id("revenue"))
    hit = c.search("sales", explain=True).hits[0]
    assert hit.id == d
    assert hit.explanation.terms[0].tier in ("synonym", "exact")


def test_stopword_only_queries_find_nothing_and_star_finds_everything():
    c = Catalog()
    c.dataset("db.a")
    c.dataset("db.b")
    assert c.search("the of").total == 0
    assert c.search("*").total == c.search("").total == 2


def test_writing_the_same_facts_again_keeps_the_derived_arrays():
    c = Catalog()
    d = c.dataset("db.orders", columns=["id"], description="Orders")
    c.search("orders")
    version = c.index.version
    c.dataset("db.orders", columns=["id"], description="All the orders")  # a re-harvest
    c.commit()
    assert c.index.version == version
    c.dataset("db.orders", columns=["id", "amount"])                    # a new column
    c.commit()
    assert c.index.version > version
    assert c.ids("amount")[0] == ids.column_id(d, "amount")
