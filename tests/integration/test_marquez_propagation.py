"""On the Marquez seed, PII found on customers.email reaches exactly the columns column
lineage derives from it (expected_lineage.json `downstream_of`)."""

from __future__ import annotations

import json

import pytest

from catalog.classification.service import ClassificationService
from graph import classification as gc
from identity import ids
from ingestors.openlineage import ingest_events
from tests.conftest import FIXTURES

MARQUEZ = FIXTURES / "openlineage" / "marquez"
# what the name classifier accepts on public.customers (the only table classified here)
ACCEPTED_ON_CUSTOMERS = {"public.customers.email": "PII.Email",
                         "public.customers.address": "PII.StreetAddress",
                         "public.customers.phone": "PII.Phone"}  # a bare `name`: nothing


@pytest.fixture
def seeded(store, uid) -> str:
    ns = f"food_delivery_{uid}"  # the session store is shared: keep this copy apart
    text = (MARQUEZ / "seed" / "metadata.rendered.ndjson").read_text()
    events = [json.loads(line.replace('"food_delivery"', json.dumps(ns)))
              for line in text.splitlines() if line.strip()]
    result = ingest_events(store, events)
    assert result.ok and result.accepted == 26, [r.as_dict() for r in result.results]
    return ns


def col(ns: str, dotted: str) -> str:
    table, _, column = dotted.rpartition(".")
    return ids.column_id(ids.dataset_id(ns, table), column)


def test_customer_email_reaches_the_three_downstream_columns(store, seeded):
    ns = seeded
    expected = json.loads((MARQUEZ / "derived" / "expected_lineage.json").read_text())
    downstream = expected["downstream_of"]
    customers = ids.dataset_id(ns, "public.customers")
    summary = ClassificationService(store).classify_datasets([customers])
    # the run propagated (a running server's auto-propagation may have written some first)
    assert set(summary.propagation) == {"propagated", "unchanged", "closed", "kept"}
    assert summary.propagation["propagated"] + summary.propagation["unchanged"] >= 4
    sources = [col(ns, s) for s in downstream]
    decided = gc.edges_of(store.query, sources)
    propagated = gc.propagated_edges(store)
    for source, targets in downstream.items():
        src = col(ns, source)
        found = {name for name, e in decided.get(src, {}).items()
                 if e.get("valid_to") is None and e.get("status") == "accepted"
                 and e.get("source") != "propagated"}
        # only customers was classified; each of its personal columns has one accepted type
        want = {ACCEPTED_ON_CUSTOMERS[source]} if source in ACCEPTED_ON_CUSTOMERS else set()
        assert found == want, source
        reached = {row["src"] for row in propagated if row["edge"]["path"][0] == src}
        assert reached == {col(ns, t) for t in targets}, source
    email_paths = {r["src"]: r["edge"]["path"] for r in propagated
                   if r["edge"]["path"][0] == col(ns, "public.customers.email")}
    assert len(email_paths) == 3 == len(downstream["public.customers.email"])
    origin = col(ns, "public.customers.email")
    assert email_paths[col(ns, "public.discounts.customer_email")] == [
        origin, col(ns, "public.delivery_7_days.customer_email"),
        col(ns, "public.discounts.customer_email")]
    assert {r["name"] for r in propagated if r["src"] in email_paths} == {"PII.Email"}
