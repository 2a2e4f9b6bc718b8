"""Two deliverers claiming the same due notifications at once: each notification goes to
one of them (many processes, one graph: a webhook is sent once per attempt). On Neo4j a
claim that read before it locked let both through, and both sent the webhook."""

from __future__ import annotations

import threading

from graph import marketplace as gm

ROUNDS, PER_ROUND = 15, 20
# the notifications fall due in the far future, so the session server's own deliverer
# (which claims what is due at the real time) leaves them to the two claimers here
DUE, NOW, UNTIL = "2998-01-01T00:00:00Z", "2999-01-01T00:00:00Z", "2999-01-01T00:10:00Z"


def _pending(store, ids: list[str], uid: str) -> None:
    store.write(lambda tx: gm.notify(tx, [
        {"id": i, "team": f"team-{uid}", "kind": "test", "product": None, "payload": "{}",
         "status": "pending"} for i in ids]))
    for i in ids:
        gm.record_attempt(store, i, status="pending", attempts=0, next_at=DUE, error=None,
                          delivered_at=None, log=[])


def _claim_both(store, ids: list[str]) -> dict[str, list[str]]:
    got: dict[str, list[str]] = {}
    start = threading.Barrier(2)

    def claim(by: str) -> None:
        start.wait()
        got[by] = [n["id"] for n in gm.claim_deliveries(store, ids, now=NOW, until=UNTIL,
                                                        by=by)]

    threads = [threading.Thread(target=claim, args=(by,)) for by in ("a", "b")]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return got


def test_concurrent_claims_never_give_one_notification_to_both(store, uid):
    for r in range(ROUNDS):
        ids = [f"notification:{uid}-claims-{r}-{i}" for i in range(PER_ROUND)]
        _pending(store, ids, uid)
        try:
            got = _claim_both(store, ids)
            assert not set(got["a"]) & set(got["b"]), f"round {r}: claimed by both"
            assert set(got["a"]) | set(got["b"]) == set(ids), f"round {r}: left unclaimed"
        finally:  # nothing left pending for other tests' deliverers
            for i in ids:
                gm.record_attempt(store, i, status="failed", attempts=1, next_at=None,
                                  error="test", delivered_at=None, log=[])


def test_a_claimed_notification_is_not_due_to_another_deliverer(store, uid):
    ids = [f"notification:{uid}-held-{i}" for i in range(3)]
    _pending(store, ids, uid)
    try:
        mine = gm.claim_deliveries(store, ids[:2], now=NOW, until=UNTIL, by="a")
        assert {n["id"] for n in mine} == set(ids[:2])
        due = {n["id"] for n in gm.due_deliveries(store, NOW, 10_000)}
        assert ids[2] in due and not due & set(ids[:2])
        # once the claim lapses (its deliverer died), the notification is due again
        later = "2999-01-01T00:20:00Z"
        assert set(ids) <= {n["id"] for n in gm.due_deliveries(store, later, 10_000)}
    finally:
        for i in ids:
            gm.record_attempt(store, i, status="failed", attempts=1, next_at=None,
                              error="test", delivered_at=None, log=[])
