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
    within a key; `added` and `removed` hold the writes since the last compaction."""

    def __init__(self, pairs: np.ndarray) -> None:
        self.keys = np.empty(0, np.int64)
        self.vals = np.empty(0, np.int64)
        self.added: dict[int, set[int]] = {}
        self.removed: set[tuple[int, int]] = set()
        self._set_base(pairs)

    def _set_base(self, pairs: np.ndarray) -> None:
        """`pairs`: an (n, 2) int64 array of (key, val), duplicates allowed."""
        if len(pairs):
            order = np.lexsort((pairs[:, 1], pairs[:, 0]))
            pairs = pairs[order]
            keep = np.ones(len(pairs), bool)
            keep[1:] = np.any(pairs[1:] != pairs[:-1], axis=1)
            pairs = pairs[keep]
        self.keys = np.ascontiguousarray(pairs[:, 0]) if len(pairs) else np.empty(0, np.int64)
        self.vals = np.ascontiguousarray(pairs[:, 1]) if len(pairs) else np.empty(0, np.int64)
        self.added, self.removed = {}, set()

    def __len__(self) -> int:
        return len(self.keys) - len(self.removed) + sum(map(len, self.added.values()))

    def overlay(self) -> int:
        return len(self.removed) + sum(map(len, self.added.values()))

    def _in_base(self, key: int, val: int) -> bool:
        lo, hi = np.searchsorted(self.keys, key, "left"), np.searchsorted(self.keys, key, "right")
        if lo == hi:
            return False
        i = lo + int(np.searchsorted(self.vals[lo:hi], val))
        return i < hi and int(self.vals[i]) == val

    def add(self, key: int, val: int) -> None:
        if self._in_base(key, val):
            self.removed.discard((key, val))
        else:
            self.added.setdefault(key, set()).add(val)

    def remove(self, key: int, val: int) -> None:
        ends = self.added.get(key)
        if ends is not None:
            ends.discard(val)
            if not ends:
                del self.added[key]
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
        if self.removed:
            gone = np.array(sorted(self.removed), np.int64).reshape(-1, 2)
            # rows are sorted by (key, val): find each removed pair's row
            idx = _rows_of(base, gone)
            keep = np.ones(len(base), bool)
            keep[idx] = False
            base = base[keep]
        extra = np.array([(k, v) for k, vs in self.added.items() for v in vs],
                         np.int64).reshape(-1, 2)
        self._set_base(np.concatenate([base, extra]) if len(extra) else base)

    def nbytes(self) -> int:
        return self.keys.nbytes + self.vals.nbytes


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
        a table fold them into new arrays."""
        self.ids = Ids()
        self.compact_at = compact_at
        self.lock = threading.Lock()
        enc = self.ids.encode
        flat = np.fromiter((n for src, dst in edges for n in (enc(src), enc(dst))), np.int64)
        pairs = flat.reshape(-1, 2)  # (src, dst)
        self._down = _Table(pairs[:, ::-1])  # by the column derived from: who derives
        self._up = _Table(pairs)  # by the deriving node: what it derives from
        self._closed: set[int] = {enc(i) for i in closed}

    @classmethod
    def from_rows(cls, rows: Iterable[tuple[str, str, bool, bool]]) -> DerivesIndex:
        """From streamed (src, dst, src closed, dst closed) rows (graph.lineage's
        current_derives), encoded as they come: no list of a million id pairs."""
        index = cls()
        enc, closed = index.ids.encode, index._closed
        flat = array("q")
        for src, dst, src_closed, dst_closed in rows:
            s, d = enc(src), enc(dst)
            flat.append(s)
            flat.append(d)
            if src_closed:
                closed.add(s)
            if dst_closed:
                closed.add(d)
        pairs = np.frombuffer(flat, np.int64).reshape(-1, 2) if flat else \
            np.empty((0, 2), np.int64)
        index._down = _Table(pairs[:, ::-1])
        index._up = _Table(pairs)
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
                self._up.add(s, d)
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
