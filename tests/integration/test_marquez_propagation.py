"""On the Marquez seed, PII found on customers.email reaches exactly the columns column
lineage derives from it (expected_lineage.json `downstream_of`)."""

from __future__ import annotations

import json

import pytest

from catalog.classification.service import ClassificationService
from graph import classification as gc
from identity import ids
from tests.conftest import FIXTURES

MARQUEZ = FIXTURES / "openlineage" / "marquez"


@pytest.fixture
def seeded(store, uid):
    ol = pytest.importorskip("ingestors.openlineage",
                             reason="the OpenLineage ingestor is not in this build")
    ns = f"food_delivery_{uid}"  # the session store is shared: keep this copy apart
    text = (MARQUEZ / "seed" / "metadata.rendered.ndjson").read_text()
    events = [json.loads(line.replace('"food_delivery"', json.dumps(ns)))
              for line in text.splitlines() if line.strip()]
    result = ol.ingest_events(store, events)
    assert getattr(result, "ok", True) is not False, result
    return ns


def col(ns: str, dotted: str) -> str:
    table, _, column = dotted.rpartition(".")
    return ids.column_id(ids.dataset_id(ns, table), column)


def test_customer_email_reaches_the_three_downstream_columns(store, seeded):
    ns = seeded
    expected = json.loads((MARQUEZ / "derived" / "expected_lineage.json").read_text())
    downstream = expected["downstream_of"]
    customers = ids.dataset_id(ns, "public.customers")
    svc = ClassificationService(store)
    summary = svc.classify_datasets([customers])  # only the origin table is classified
    assert summary.propagation is not None  # (a running server may have done part of it)
    origin = col(ns, "public.customers.email")
    assert gc.edges_of(store.query, [origin])[origin]["PII.Email"]["status"] == \
        "accepted"
    for source, targets in downstream.items():
        src = col(ns, source)
        mine = gc.edges_of(store.query, [src]).get(src, {})
        found = {name for name, e in mine.items() if e.get("valid_to") is None
                 and e.get("status") == "accepted"}
        if not found:
            continue  # not classified (a bare `name`, only suggested): nothing to follow
        reached = set()
        for row in gc.propagated_edges(store):
            if row["edge"]["path"][0] == src and row["name"] in found:
                reached.add(row["src"])
        assert reached == {col(ns, t) for t in targets}, source
    email_paths = {r["src"]: r["edge"]["path"] for r in gc.propagated_edges(store)
                   if r["edge"]["path"][0] == origin}
    assert len(email_paths) == 3 == len(downstream["public.customers.email"])
    assert email_paths[col(ns, "public.discounts.customer_email")] == [
        origin, col(ns, "public.delivery_7_days.customer_email"),
        col(ns, "public.discounts.customer_email")]
