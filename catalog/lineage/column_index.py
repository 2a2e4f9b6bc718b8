"""The topology of column lineage in memory: the current DERIVES_FROM edges by their ends.

A column-level walk over the graph costs one Bolt round trip per hop, and impact analysis of
a hub walks tens of thousands of columns (about 1M DERIVES_FROM edges at 100k datasets).
Over this index a hop costs no round trip (a lineage answer with edges costs one, their
properties read at the end: catalog/lineage/traverse.py). It is a cache kept like the FEEDS index
(catalog/lineage/adjacency.py): built from the graph, kept in step by the store listener
(this process's writes, at once) and the change feed (other processes'), rebuilt on a gap;
walks in a time window still go to the graph.

Memory is what shapes it: a million columns as Python strings in sets would cost several
hundred MB. Here a node is one int64, its dataset's number and its field path's number
packed (`dataset << 32 | path`: dataset ids and path names are each stored once, and
column ids are rebuilt when answering), and the edges sit in sorted numpy arrays (16 bytes
an edge per direction). Writes since the last compaction live in a small overlay (added
edges in sets, closed base edges in a set of pairs) until they are folded into new arrays.
"""

from __future__ import annotations

import sys
import threading
from array import array
from collections.abc import Iterable

import numpy as np

from catalog.lineage.adjacency import keep_capped
from graph.labels import Label, Rel, split_column_id
from graph.tx import Changes

SHIFT = 32
MASK = (1 << SHIFT) - 1
NO_PATH = 0  # path number of a dataset node ((Dataset)-[:DERIVES_FROM]->(Column))
COMPACT_MIN = 65_536  # overlay entries before the arrays are rebuilt, at least
NO_JOB, UNKNOWN_JOB = 0, -1  # an edge's job number: none, or not known here (read the graph)


class Ids:
    """Node ids as ints: a column is `dataset number << 32 | path number`, a dataset its
    number with path 0. Lossless: a column id is its dataset's id, `#`, its path."""

    def __init__(self) -> None:
        self._datasets: dict[str, int] = {}
        self._dataset_ids: list[str] = []
        self._paths: dict[str, int] = {}
        self._path_names: list[str] = [""]  # 0: no path (the dataset itself)

    def encode(self, node_id: str) -> int:
        ds, path = split_column_id(node_id)
        d = self._datasets.get(ds)
        if d is None:
            d = self._datasets[ds] = len(self._dataset_ids)
            self._dataset_ids.append(sys.intern(ds))  # shared with the FEEDS index's
        if not path:
            return d << SHIFT
        p = self._paths.get(path)
        if p is None:
            p = self._paths[path] = len(self._path_names)
            self._path_names.append(path)
        return d << SHIFT | p

    def find(self, node_id: str) -> int | None:
        """The number of an id already seen (None: never seen, so no edge has it)."""
        ds, path = split_column_id(node_id)
        d = self._datasets.get(ds)
        if d is None:
            return None
        if not path:
            return d << SHIFT
        p = self._paths.get(path)
        return None if p is None else d << SHIFT | p

    def decode(self, n: int) -> str:
        p = n & MASK
        ds = self._dataset_ids[n >> SHIFT]
        return ds if p == NO_PATH else f"{ds}#{self._path_names[p]}"

    def nbytes(self) -> int:
        """Roughly what the ids take (dicts, lists and the strings not shared)."""
        return (sys.getsizeof(self._datasets) + sys.getsizeof(self._dataset_ids)
                + sys.getsizeof(self._paths) + sys.getsizeof(self._path_names)
                + sum(map(sys.getsizeof, self._path_names)))


class _Table:
    """One direction: per key node, its neighbours. Base: `keys` sorted, `vals` sorted
    within a key; `added` and `removed` hold the writes since the last compaction. With
    `tags`, each edge also carries an int32 (the job behind it), `added_tags` those of the
    overlay's edges."""

    def __init__(self, pairs: np.ndarray, tags: np.ndarray | None = None) -> None:
        self.keys = np.empty(0, np.int64)
        self.vals = np.empty(0, np.int64)
        self.tags: np.ndarray | None = None
        self.added: dict[int, set[int]] = {}
        self.added_tags: dict[tuple[int, int], int] = {}
        self.removed: set[tuple[int, int]] = set()
        self._set_base(pairs, tags)

    def _set_base(self, pairs: np.ndarray, tags: np.ndarray | None = None) -> None:
        """`pairs`: an (n, 2) int64 array of (key, val), duplicates allowed (the last
        one's tag is kept)."""
        if len(pairs):
            order = np.lexsort((np.arange(len(pairs)), pairs[:, 1], pairs[:, 0]))
            pairs = pairs[order]
            keep = np.ones(len(pairs), bool)
            keep[:-1] = np.any(pairs[1:] != pairs[:-1], axis=1)
            pairs = pairs[keep]
            if tags is not None:
                tags = tags[order][keep]
        empty = np.empty(0, np.int64)
        self.keys = np.ascontiguousarray(pairs[:, 0]) if len(pairs) else empty
        self.vals = np.ascontiguousarray(pairs[:, 1]) if len(pairs) else empty
        if tags is not None:
            self.tags = np.ascontiguousarray(tags, dtype=np.int32)
        self.added, self.added_tags, self.removed = {}, {}, set()

    def __len__(self) -> int:
        return len(self.keys) - len(self.removed) + sum(map(len, self.added.values()))

    def overlay(self) -> int:
        return len(self.removed) + sum(map(len, self.added.values()))

    def _row(self, key: int, val: int) -> int:
        """The base row of the edge (key, val); -1 when the base does not hold it."""
        lo, hi = np.searchsorted(self.keys, key, "left"), np.searchsorted(self.keys, key, "right")
        if lo == hi:
            return -1
        i = lo + int(np.searchsorted(self.vals[lo:hi], val))
        return i if i < hi and int(self.vals[i]) == val else -1

    def _in_base(self, key: int, val: int) -> bool:
        return self._row(key, val) >= 0

    def add(self, key: int, val: int, tag: int = 0) -> None:
        row = self._row(key, val)
        if row >= 0:
            self.removed.discard((key, val))
            if self.tags is not None:
                self.tags[row] = tag
        else:
            self.added.setdefault(key, set()).add(val)
            if self.tags is not None:
                self.added_tags[(key, val)] = tag

    def tag(self, key: int, val: int) -> int | None:
        """The tag of the current edge (key, val) (None: no such edge)."""
        if (key, val) in self.added_tags:
            return self.added_tags[(key, val)]
        row = self._row(key, val)
        if row < 0 or (key, val) in self.removed or self.tags is None:
            return None
        return int(self.tags[row])

    def remove(self, key: int, val: int) -> None:
        ends = self.added.get(key)
        if ends is not None:
            ends.discard(val)
            if not ends:
                del self.added[key]
        self.added_tags.pop((key, val), None)
        if self._in_base(key, val):
            self.removed.add((key, val))

    def neighbours(self, keys: list[int]) -> list[list[int]]:
        """Each key's current neighbours (in no particular order)."""
        if not keys:
            return []
        arr = np.fromiter(keys, np.int64, len(keys))
        los = np.searchsorted(self.keys, arr, "left").tolist()
        his = np.searchsorted(self.keys, arr, "right").tolist()
        vals, removed, added = self.vals, self.removed, self.added
        out: list[list[int]] = []
        for key, lo, hi in zip(keys, los, his, strict=True):
            ends = vals[lo:hi].tolist() if hi > lo else []
            if removed and ends:
                ends = [v for v in ends if (key, v) not in removed]
            more = added.get(key)
            if more:
                ends.extend(more)
            out.append(ends)
        return out

    def compact(self) -> None:
        """Fold the overlay into new arrays."""
        base = np.stack([self.keys, self.vals], axis=1)
        tags = self.tags
        if self.removed:
            gone = np.array(sorted(self.removed), np.int64).reshape(-1, 2)
            # rows are sorted by (key, val): find each removed pair's row
            idx = _rows_of(base, gone)
            keep = np.ones(len(base), bool)
            keep[idx] = False
            base = base[keep]
            tags = None if tags is None else tags[keep]
        added = [(k, v) for k, vs in self.added.items() for v in vs]
        extra = np.array(added, np.int64).reshape(-1, 2)
        if tags is not None and added:
            tags = np.concatenate([tags, np.array([self.added_tags.get(e, 0) for e in added],
                                                  np.int32)])
        self._set_base(np.concatenate([base, extra]) if len(extra) else base, tags)

    def nbytes(self) -> int:
        return self.keys.nbytes + self.vals.nbytes + (0 if self.tags is None
                                                      else self.tags.nbytes)


def _rows_of(sorted_pairs: np.ndarray, wanted: np.ndarray) -> np.ndarray:
    """Row numbers of `wanted` (key, val) pairs present in lexicographically sorted pairs."""
    lo = np.searchsorted(sorted_pairs[:, 0], wanted[:, 0], "left")
    hi = np.searchsorted(sorted_pairs[:, 0], wanted[:, 0], "right")
    rows = [int(a) + int(np.searchsorted(sorted_pairs[a:b, 1], v))
            for a, b, v in zip(lo.tolist(), hi.tolist(), wanted[:, 1].tolist(), strict=True)]
    return np.array([r for r, v in zip(rows, wanted[:, 1].tolist(), strict=True)
                     if r < len(sorted_pairs) and sorted_pairs[r, 1] == v], np.int64)


class DerivesIndex:
    """Current DERIVES_FROM edges (x derives from c: data flows c -> x) by both ends, and
    the closed nodes among their ends (a hop does not step onto them)."""

    def __init__(self, edges: Iterable[tuple[str, str]] = (),
                 closed: Iterable[str] = (), *, compact_at: int = COMPACT_MIN) -> None:
        """`compact_at`: overlay entries (at least; or an eighth of the edges) that make
        a table fold them into new arrays. Edges given as pairs have jobs not known here."""
        self.ids = Ids()
        self.compact_at = compact_at
        self.lock = threading.Lock()
        self._job_ids: list[str] = [""]  # NO_JOB
        self._job_numbers: dict[str, int] = {}
        enc = self.ids.encode
        flat = np.fromiter((n for src, dst in edges for n in (enc(src), enc(dst))), np.int64)
        pairs = flat.reshape(-1, 2)  # (src, dst)
        self._down = _Table(pairs[:, ::-1])  # by the column derived from: who derives
        # by the deriving node: what it derives from, and the job behind each edge
        self._up = _Table(pairs, np.full(len(pairs), UNKNOWN_JOB, np.int32))
        self._closed: set[int] = {enc(i) for i in closed}

    def _job_number(self, job: object, jobs: object = None) -> int:
        """An edge's `job` property as a number; an edge with a `jobs` list (not what the
        ingestors write on column edges) is not known here."""
        if jobs or (job and not isinstance(job, str)):
            return UNKNOWN_JOB
        if not job:
            return NO_JOB
        n = self._job_numbers.get(job)
        if n is None:
            n = self._job_numbers[job] = len(self._job_ids)
            self._job_ids.append(sys.intern(job))
        return n

    @classmethod
    def from_rows(cls, rows: Iterable[tuple]) -> DerivesIndex:
        """From streamed (src, dst, src closed, dst closed, job, jobs) rows (graph.lineage's
        current_derives), encoded as they come: no list of a million id pairs."""
        index = cls()
        enc, closed, job_number = index.ids.encode, index._closed, index._job_number
        flat, tags = array("q"), array("i")
        for src, dst, src_closed, dst_closed, job, jobs in rows:
            s, d = enc(src), enc(dst)
            flat.append(s)
            flat.append(d)
            tags.append(job_number(job, jobs))
            if src_closed:
                closed.add(s)
            if dst_closed:
                closed.add(d)
        pairs = np.frombuffer(flat, np.int64).reshape(-1, 2) if flat else \
            np.empty((0, 2), np.int64)
        index._down = _Table(pairs[:, ::-1])
        index._up = _Table(pairs, np.frombuffer(tags, np.int32) if tags else
                           np.empty(0, np.int32))
        return index

    def __len__(self) -> int:
        return len(self._up)

    def nbytes(self) -> int:
        """The arrays' and the ids' bytes (the overlay's sets are not counted)."""
        return self._down.nbytes() + self._up.nbytes() + self.ids.nbytes()

    def apply(self, changes: Changes) -> None:
        """Fold one committed transaction in (idempotent: replaying it changes nothing)."""
        derives = changes.edges.get(Rel.DERIVES_FROM, ())
        closed_derives = changes.closed_edges.get(Rel.DERIVES_FROM, ())
        opened = [*changes.nodes.get(Label.COLUMN, ()), *changes.nodes.get(Label.DATASET, ())]
        closed = [*changes.closed.get(Label.COLUMN, ()), *changes.closed.get(Label.DATASET, ())]
        if not (derives or closed_derives or opened or closed):
            return
        with self.lock:
            enc = self.ids.encode
            for row in derives:  # every DERIVES_FROM write leaves its edge current
                s, d = enc(row["src"]), enc(row["dst"])
                self._up.add(s, d, self._written_job(row, s, d))
                self._down.add(d, s)
            for row in closed_derives:
                s, d = self.ids.find(row["src"]), self.ids.find(row["dst"])
                if s is not None and d is not None:
                    self._up.remove(s, d)
                    self._down.remove(d, s)
            if self._closed:
                for row in opened:  # an upsert reopens a closed node
                    n = self.ids.find(row["id"])
                    if n is not None:
                        self._closed.discard(n)
            self._closed.update(enc(i) for i in closed)
            for table in (self._up, self._down):
                if table.overlay() >= max(self.compact_at, len(table.keys) // 8):
                    table.compact()

    def _written_job(self, row: dict, s: int, d: int) -> int:
        """The job an edge has after a write: the one the write set (its row carries the
        properties written), else the one it had. An edge new to the index written without
        one may be a closed edge reopened, keeping a job the index never saw: not known."""
        if "job" in row or "jobs" in row:
            return self._job_number(row.get("job"), row.get("jobs"))
        had = self._up.tag(s, d)
        return UNKNOWN_JOB if had is None else had

    def jobs(self, edges: Iterable[tuple[str, str]]) -> list[tuple[str, ...] | None]:
        """The job ids of each current edge given as (upstream, downstream), the way data
        flows (None: not known, or no such edge)."""
        out: list[tuple[str, ...] | None] = []
        with self.lock:
            find = self.ids.find
            for up, down in edges:
                s, d = find(down), find(up)  # x DERIVES_FROM c: data flows c -> x
                n = None if s is None or d is None else self._up.tag(s, d)
                out.append(None if n is None or n == UNKNOWN_JOB else
                           () if n == NO_JOB else (self._job_ids[n],))
        return out

    def hop(self, frontier: list[str], *, downstream: bool, limit: int
            ) -> tuple[dict[str, list[str]], set[str]]:
        """Per frontier node, its first `limit` current neighbours by id, and the nodes that
        had more (as graph.lineage.hop answers, without the edges' properties).
        Downstream of a column are the nodes that derive from it; upstream of a column or a
        dataset, the columns it derives from."""
        table = self._down if downstream else self._up
        found: dict[str, list[str]] = {}
        cut: set[str] = set()
        with self.lock:
            keys: list[int] = []
            named: list[str] = []
            for node_id in frontier:
                n = self.ids.find(node_id)
                if n is not None and (not downstream or n & MASK != NO_PATH):
                    keys.append(n)  # downstream of a dataset: nothing (only columns)
                    named.append(node_id)
            closed, decode = self._closed, self.ids.decode
            for node_id, ends in zip(named, table.neighbours(keys), strict=True):
                if not ends:
                    continue
                keep_capped(found, cut, node_id,
                            sorted(decode(e) for e in ends if e not in closed), limit)
        return found, cut
