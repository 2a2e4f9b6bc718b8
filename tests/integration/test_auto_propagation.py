"""The running server follows lineage that arrives after a column was classified."""

from __future__ import annotations

import time

from catalog.auth import Role
from graph import classification as gc
from identity import ids
from tests.conftest import bearer
from tests.support.catalog_graph import add_dataset, derive
from tests.support.server import gql


def wait_for(check, timeout: float = 60.0):
    """Poll until `check()` is truthy (a wait for background work, not a timing claim)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = check()
        if found:
            return found
        time.sleep(0.2)
    return check()


def test_lineage_written_later_carries_an_accepted_classification(server, store,
                                                                  uid, tokens):
    src = ids.column_id(add_dataset(store, uid, "app.users",
                                    [("mail", "varchar")]), "mail")
    dst = ids.column_id(add_dataset(store, uid, "dwh.users",
                                    [("contact", "varchar")]), "contact")
    data = gql(server, """mutation($in: ClassificationDecisionInput!) {
        setClassification(input: $in) { status } }""",
               {"in": {"subjectId": src, "classification": "PII.Email"}},
               headers=bearer(tokens[Role.STEWARD]))
    assert data["data"]["setClassification"]["status"] == "accepted", data
    derive(store, dst, src, job=f"job:test:{uid}")  # lineage arrives afterwards

    def propagated():
        edge = gc.edges_of(store.query, [dst]).get(dst, {}).get("PII.Email")
        return edge if edge and edge.get("valid_to") is None else None

    edge = wait_for(propagated)
    assert edge is not None, "the server did not propagate along the new lineage edge"
    assert edge["source"] == "propagated" and edge["path"] == [src, dst]
