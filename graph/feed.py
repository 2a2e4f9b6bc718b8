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
import uuid
import zlib
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from graph.cypher import cypher
from graph.labels import Label, Rel
from graph.tx import Changes, StoreTx

if TYPE_CHECKING:
    from graph.store import GraphStore

OVERLAP_MS = 15_000  # a record committed up to this long after its stamp is still seen
DDL = ("feed_schema_id", "feed_schema_at")


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
    raw = json.dumps(doc, separators=(",", ":"), default=str).encode()
    return base64.b64encode(zlib.compress(raw, 1)).decode("ascii")


def decode(payload: str) -> Changes:
    doc = json.loads(zlib.decompress(base64.b64decode(payload)))
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


def read_since(store: GraphStore, since_ms: int, limit: int = 10_000) -> list[Record]:
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
