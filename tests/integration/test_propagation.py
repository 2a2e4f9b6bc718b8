"""Propagation along DERIVES_FROM on graphs written straight through the store."""

from __future__ import annotations

from catalog.classification.propagation import Propagator, carries
from catalog.settings import Settings
from catalog.stewardship import ClassificationItem, StewardshipService
from graph import Label, Rel
from graph import classification as gc
from identity import ids
from tests.support.catalog_graph import add_dataset, derive


def chain(store, uid, *hops):
    """Datasets t0..tn with one column `c`; hop i derives t(i+1).c from t(i).c."""
    cols = [ids.column_id(add_dataset(store, uid, f"db.t{i}", [("c", "varchar")]), "c")
            for i in range(len(hops) + 1)]
    for i, kw in enumerate(hops):
        derive(store, cols[i + 1], cols[i], job=f"job:test:{uid}-{i}", **kw)
    return cols


def classify(store, col, itype="PII.Email", status="accepted", by="alice"):
    StewardshipService(store, propagate=False).decide([ClassificationItem(col, itype)],
                                                      status, by)


def state(store, cols, itype="PII.Email"):
    found = gc.edges_of(store.query, cols)
    return [found.get(c, {}).get(itype) for c in cols]


def test_identity_and_direct_transformations_carry_with_the_path(store, uid):
    Propagator(store).run()  # settle what other tests left in the shared store first
    cols = chain(store, uid, {"subtype": "IDENTITY"}, {"subtype": "TRANSFORMATION"})
    classify(store, cols[0])
    counts = Propagator(store).run()
    assert counts["propagated"] == 2
    _, one, two = state(store, cols)
    assert one["source"] == "propagated" and one["status"] == "accepted"
    assert one["path"] == cols[:2] and two["path"] == cols
    assert one["decided_by"] == "propagation" and "2 column-lineage hops" in two["reasons"][0]
    again = Propagator(store).run()
    assert again["propagated"] == again["closed"] == 0  # idempotent


def test_masking_stops_propagation(store, uid):
    cols = chain(store, uid, {"subtype": "IDENTITY"}, {"subtype": "TRANSFORMATION",
                                                       "masking": True},
                 {"subtype": "IDENTITY"})
    classify(store, cols[0])
    Propagator(store).run()
    s = state(store, cols)
    assert s[1]["path"] == cols[:2]
    assert s[2] is None and s[3] is None


def test_aggregation_stops_unless_the_setting_allows_it(store, uid):
    cols = chain(store, uid, {"subtype": "AGGREGATION"})
    classify(store, cols[0])
    Propagator(store).run()
    assert state(store, cols)[1] is None
    Propagator(store, Settings(classification_through_aggregation=True)).run()
    assert state(store, cols)[1]["path"] == cols


def test_indirect_dependencies_carry_nothing(store, uid):
    cols = chain(store, uid, {"kind": "INDIRECT", "subtype": "JOIN"})
    classify(store, cols[0])
    Propagator(store).run()
    assert state(store, cols)[1] is None


def test_a_propagated_classification_disappears_with_its_path(store, uid):
    cols = chain(store, uid, {"subtype": "IDENTITY"}, {"subtype": "IDENTITY"})
    classify(store, cols[0])
    Propagator(store).run()
    assert all(e and e.get("valid_to") is None for e in state(store, cols))
    # the lineage edge t1 -> t0 is closed by a later harvest
    store.write(lambda tx: gc.close_edges(tx, Rel.DERIVES_FROM, Label.COLUMN, [
        {"src": cols[1], "dst": cols[0], "by": "test", "reason": "harvest"}]))
    counts = Propagator(store).run()
    assert counts["closed"] == 2
    _, one, two = state(store, cols)
    assert one["valid_to"] and two["valid_to"] and one["closed_by"] == "propagation"


def test_a_rejected_origin_takes_its_propagation_with_it(store, uid):
    cols = chain(store, uid, {"subtype": "IDENTITY"})
    classify(store, cols[0])
    Propagator(store).run()
    classify(store, cols[0], status="rejected")
    Propagator(store).run()
    assert state(store, cols)[1]["valid_to"] is not None


def test_steward_decisions_on_propagated_classifications_stay(store, uid):
    cols = chain(store, uid, {"subtype": "IDENTITY"}, {"subtype": "IDENTITY"})
    classify(store, cols[0])
    Propagator(store).run()
    classify(store, cols[1], status="accepted", by="dora")  # confirms the propagated one
    classify(store, cols[2], status="rejected", by="erin")  # a masked copy, in truth
    classify(store, cols[0], status="rejected", by="alice")
    Propagator(store).run()
    _, one, two = state(store, cols)
    assert one.get("valid_to") is None and one["decided_by"] == "dora"
    assert two["status"] == "rejected" and two["decided_by"] == "erin"


def test_the_shortest_path_explains_a_column_reached_twice(store, uid):
    a = ids.column_id(add_dataset(store, uid, "db.a", [("email", "varchar")]), "email")
    b = ids.column_id(add_dataset(store, uid, "db.b", [("email", "varchar")]), "email")
    c = ids.column_id(add_dataset(store, uid, "db.c", [("email", "varchar")]), "email")
    derive(store, b, a)
    derive(store, c, b)
    derive(store, c, a)  # also directly
    classify(store, a)
    Propagator(store).run()
    assert state(store, [c])[0]["path"] == [a, c]


def test_carries_reads_openlineage_transformations():
    assert carries(None)[0] and carries("[]")[0]  # no transformations recorded: a copy
    assert carries('[{"type": "DIRECT", "subtype": "IDENTITY"}]') == (True, "identity")
    assert not carries([{"type": "DIRECT", "subtype": "IDENTITY", "masking": True}])[0]
    assert not carries([{"type": "DIRECT", "subtype": "AGGREGATION"}])[0]
    assert carries([{"type": "DIRECT", "subtype": "AGGREGATION"}],
                   through_aggregation=True)[0]
    assert not carries([{"type": "INDIRECT", "subtype": "FILTER"}])[0]
    both = [{"type": "INDIRECT", "subtype": "JOIN"}, {"type": "DIRECT", "subtype": "IDENTITY"}]
    assert carries(both)[0]
