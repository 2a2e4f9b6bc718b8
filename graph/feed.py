"""The change feed: one record per committed write transaction, in the graph itself.

Every process that writes (servers, replicas, `catalog ingest`, `catalog replay`) appends, as
the last statement of each write transaction, a `Change` node holding what the transaction
wrote (the same `Changes` its own listeners get), compressed. Other processes follow the
feed (`read_since`, `payloads`) to keep their in-memory caches in step with the graph.

Why records stamped with the engine's clock rather than a counter: a counter node would
serialise every writer on one record (and make ArcadeDB's optimistic transactions conflict);
the clock costs one CREATE per transaction. A transaction stamps `at` just before its commit,
so a record can become visible slightly after a later-stamped one: followers re-read a
window of `OVERLAP_MS` behind their watermark and skip the ids they have applied.
"""

from __future__ import annotations

import base64
import json
import logging
import threading
import time
import uuid
import zlib
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

import orjson

from graph.cypher import cypher
from graph.labels import Label, Rel
from graph.tx import Changes, StoreTx

if TYPE_CHECKING:
    from graph.store import GraphStore

log = logging.getLogger(__name__)
OVERLAP_MS = 15_000  # a record committed up to this long after its stamp is still seen
DDL = ("feed_schema_id", "feed_schema_at")
READ_PAGE = 10_000  # records per read of the feed
PRUNE_EVERY_S = 60.0  # each follower drops records past the retention this often


@dataclass(frozen=True)
class Record:
    id: str
    at: int  # the engine's clock, ms
    origin: str  # the process that wrote it


def encode(changes: Changes) -> str:
    """JSON of the changes, zlib level 1 (ids repeat: 5-10x smaller), base64 text (both
    engines store strings; byte arrays are not portable across them)."""
    doc = {"now": changes.now,
           "nodes": {str(k): v for k, v in changes.nodes.items() if v},
           "edges": {str(k): v for k, v in changes.edges.items() if v},
           "closed": {str(k): v for k, v in changes.closed.items() if v},
           "closed_edges": {str(k): v for k, v in changes.closed_edges.items() if v}}
    try:  # orjson: several times json's speed, and every worker decodes every record
        raw = orjson.dumps(doc, default=str, option=orjson.OPT_PASSTHROUGH_DATETIME)
    except (TypeError, orjson.JSONEncodeError):  # an int past 64 bits, a non-str key
        raw = json.dumps(doc, separators=(",", ":"), default=str).encode()
    return base64.b64encode(zlib.compress(raw, 1)).decode("ascii")


def decode(payload: str) -> Changes:
    doc = orjson.loads(zlib.decompress(base64.b64decode(payload)))
    out = Changes(doc["now"])
    out.nodes = defaultdict(list, {Label(k): v for k, v in doc["nodes"].items()})
    out.edges = defaultdict(list, {Rel(k): v for k, v in doc["edges"].items()})
    out.closed = defaultdict(list, {Label(k): v for k, v in doc["closed"].items()})
    out.closed_edges = defaultdict(list, {Rel(k): v for k, v in doc["closed_edges"].items()})
    return out


def size(changes: Changes) -> int:
    return (sum(map(len, changes.nodes.values())) + sum(map(len, changes.edges.values()))
            + sum(map(len, changes.closed.values()))
            + sum(map(len, changes.closed_edges.values())))


def new_id(origin: str) -> str:
    return f"{origin}:{uuid.uuid4().hex}"


def append(tx: StoreTx, origin: str, record_id: str) -> None:
    """The record of `tx`'s changes, written inside `tx` (it commits or rolls back with it)."""
    tx.run(cypher("feed_append"), id=record_id, origin=origin, size=size(tx.changes),
           payload=encode(tx.changes))


def now_ms(store: GraphStore) -> int:
    return store.query(cypher("feed_now"))[0]["now"]


def read_since(store: GraphStore, since_ms: int, limit: int = READ_PAGE) -> list[Record]:
    return [Record(r["id"], r["at"], r["origin"])
            for r in store.query(cypher("feed_since"), since=since_ms, limit=limit)]


def payloads(store: GraphStore, ids: Iterable[str]) -> dict[str, Changes]:
    rows = store.query(cypher("feed_payloads"), ids=list(ids))
    return {r["id"]: decode(r["payload"]) for r in rows}


def prune(store: GraphStore, before_ms: int, batch: int = 5_000) -> int:
    """Delete records older than `before_ms` (the feed's retention), in batches."""
    total = 0
    while True:
        n = store.write(lambda tx: tx.run(cypher("feed_prune"), before=before_ms,
                                          limit=batch)[0]["pruned"])
        total += n
        if n < batch:
            return total


class Follower:
    """Follows the feed from another process's point of view: every `poll_s`, the records
    since its watermark (less the overlap) that it has not applied yet and that this store's
    own writes did not make (its listeners saw those already), in commit order, handed to
    `on_changes`. If it could not read the feed for longer than the retention, records it
    never saw may be gone: it calls `on_gap` (rebuild what follows the feed) and goes on.
    """

    def __init__(self, store: GraphStore, *, poll_s: float = 0.5,
                 retention_s: float = 3600.0, batch: int = 200):
        self.store = store
        self.poll_s = poll_s
        self.retention_ms = int(retention_s * 1000)
        self.batch = batch
        self.consumers: list = []  # fn(changes) per foreign record
        self.gap_handlers: list = []  # fn() when records may have been missed
        self.watermark: int | None = None
        self._applied: dict[str, int] = {}  # record id -> at, within the overlap window
        self._last_read: float | None = None  # monotonic time of the last successful read
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self.applied_total = 0

    def subscribe(self, fn) -> None:
        """`fn(changes)` for each foreign record."""
        self.consumers.append(fn)

    def on_gap(self, fn) -> None:
        """`fn()` when records may have been missed (rebuild what follows the feed)."""
        self.gap_handlers.append(fn)

    def start_at(self, since_ms: int) -> None:
        """Follow from `since_ms` (take it before building what follows the feed, so a write
        committed during the build is applied after it: consumers are idempotent)."""
        self.watermark = since_ms
        self._last_read = time.monotonic()

    def poll(self) -> int:
        """Apply what is new; the number of foreign records applied."""
        if self.watermark is None:
            self.start_at(now_ms(self.store))
        if self._last_read is not None and \
                (time.monotonic() - self._last_read) * 1000 > self.retention_ms - OVERLAP_MS:
            log.warning("change feed: not read for longer than its retention; records may "
                        "be gone: rebuilding what follows it")
            self.watermark = now_ms(self.store)
            self._applied.clear()
            for fn in self.gap_handlers:
                fn()
        applied = 0
        while True:
            since = self.watermark - OVERLAP_MS
            records = read_since(self.store, since, limit=READ_PAGE)
            self._last_read = time.monotonic()
            fresh = [r for r in records if r.id not in self._applied]
            foreign = [r for r in fresh if r.origin != self.store.origin]
            for k in range(0, len(foreign), self.batch):
                part = foreign[k:k + self.batch]
                got = payloads(self.store, [r.id for r in part])
                for r in part:
                    changes = got.get(r.id)
                    if changes is None:  # pruned between the two reads
                        continue
                    for fn in self.consumers:
                        fn(changes)
                    applied += 1
            for r in fresh:
                self._applied[r.id] = r.at
            if records:
                self.watermark = max(self.watermark, records[-1].at)
            if len(records) < READ_PAGE:
                break
        cut = self.watermark - OVERLAP_MS
        if len(self._applied) > 1000:
            self._applied = {i: at for i, at in self._applied.items() if at >= cut}
        self.applied_total += applied
        return applied

    def start(self) -> None:
        """Poll in a daemon thread until `stop`."""
        def loop() -> None:
            pruned_at = 0.0
            while not self._stop.wait(self.poll_s):
                try:
                    self.poll()
                    if time.monotonic() - pruned_at > PRUNE_EVERY_S:
                        pruned_at = time.monotonic()
                        prune(self.store, now_ms(self.store) - self.retention_ms)
                except Exception:  # the engine away, a consumer's bug: log, go on
                    log.exception("change feed: poll failed")

        self._thread = threading.Thread(target=loop, name="change-feed", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=10)
