"""What each document inherits and its static boost, as arrays over all documents, kept in
step with the index's writes.

A column has the domain, data product, platform and owners of its dataset; a dataset those
of its data product. Recomputing these arrays over 11M documents after every write cost the
first query after it 2.7 s at the xl scale, so the index logs which documents a write
touched (catalog.search.derived_log) and `Derived.follow` recomputes only those and the
documents under them, with the code a full build runs over every document.
"""

from __future__ import annotations

import numpy as np

from catalog.search.docs import Kind
from catalog.search.rank import boosts


class Derived:
    """Arrays computed from the index: each document's parent (`up`, slot n: none), nearest
    domain, data product and platform, whether it is owned (or inherits an owner), its
    static boost; and the members of facet values, cached until a write changes them.

    The arrays may be longer than the index's documents (room to grow); only 0..n count."""

    # above this share of the documents touched, a full build is cheaper than following
    REBUILD_SHARE = 0.25

    def __init__(self, index) -> None:
        self.index = index
        self._build()

    # -- following the index -------------------------------------------------------------
    def follow(self) -> None:
        """Bring the arrays to the index's version (caller holds the index lock)."""
        index = self.index
        if self.version == index.version and self.n == index.docs.n:
            return
        changed = index.derived_log.since(self.version)
        if changed is None:
            self._build()
            return
        touched, values = changed
        docs, n = index.docs, index.docs.n
        if n != self.n:
            self._grow(n)
        touched = np.unique(touched)
        parent = docs.parent[touched]
        self.up[touched] = np.where(parent >= 0, parent, n)
        affected = self._below(touched)
        if affected.size > self.REBUILD_SHARE * n:
            self._build()
            return
        if (docs.kind[touched] == Kind.DOMAIN).any():
            self.domains = np.flatnonzero(docs.view("kind") == Kind.DOMAIN)
            self.domain_code[:n] = self._codes(self.domain[:n])
        self._set(affected)
        # the classifications of a column also mark its dataset: a moved column moves them
        moved = [("classes", v) for d in touched[docs.kind[touched] == Kind.COLUMN].tolist()
                 for v in index.classes.values(d)]
        for attr, value in [*values, *moved]:
            self._members.pop((attr, value), None)
            self._pairs.pop(attr, None)
        self.version = index.version

    def _build(self) -> None:
        index = self.index
        docs = index.docs
        self.version = index.version
        n = self.n = docs.n
        parent = docs.view("parent")
        self.up = np.append(np.where(parent >= 0, parent, n), n).astype(np.int32)
        self.domain = np.full(n, -1, dtype=np.int32)
        self.product = np.full(n, -1, dtype=np.int32)
        self.platform = np.full(n, -1, dtype=np.int32)
        self.domain_code = np.full(n, -1, dtype=np.int32)
        self.owned = np.zeros(n, dtype=bool)
        self.boost = np.zeros(n, dtype=np.float32)
        self.domains = np.flatnonzero(docs.view("kind") == Kind.DOMAIN)
        self._set(np.arange(n))
        self._members: dict[tuple[str, str], np.ndarray] = {}
        self._pairs: dict[str, tuple[np.ndarray, np.ndarray, list[str]]] = {}

    def _grow(self, n: int) -> None:
        """Room for the documents added since (the log names them: `_set` fills them in);
        "no parent" moves from slot self.n to slot n."""
        old = self.n
        cap = self.boost.size
        if n > cap:
            cap = max(n + 1, cap + cap // 2)
            self.up = _resized(self.up, cap + 1, old)
            for name in ("domain", "product", "platform", "domain_code"):
                setattr(self, name, _resized(getattr(self, name), cap, -1))
            self.owned = _resized(self.owned, cap, False)
            self.boost = _resized(self.boost, cap, 0)
        up = self.up[: old + 1]
        up[up == old] = n
        self.up[old: n + 1] = n
        self.n = n

    def _below(self, touched: np.ndarray) -> np.ndarray:
        """`touched` and the documents under them (a domain's products, their datasets and
        their columns), sorted."""
        children = self.index.children
        parts, frontier = [touched], touched
        for _ in range(3):
            kids = [np.frombuffer(k, dtype=np.int32) for d in frontier.tolist()
                    if (k := children.get(d))]
            if not kids:
                break
            frontier = np.concatenate(kids).astype(np.int64)
            parts.append(frontier)
        return np.unique(np.concatenate(parts))

    def _set(self, at: np.ndarray) -> None:
        """Recompute the arrays of the documents `at` (their `up` already current)."""
        docs, n = self.index.docs, self.n
        steps = [at]  # each document, then its ancestors (n: none)
        for _ in range(3):
            steps.append(self.up[steps[-1]])
        kinds = [_gather(docs.kind, step, n, -1) for step in steps]
        domain = _nearest(steps, kinds, Kind.DOMAIN)
        dataset = _nearest(steps, kinds, Kind.DATASET)
        self.domain[at] = domain
        self.product[at] = _nearest(steps, kinds, Kind.DATA_PRODUCT)
        self.domain_code[at] = self._codes(domain)
        platform = docs.view("platform")
        via = np.where(dataset >= 0, platform[np.maximum(dataset, 0)], -1)
        self.platform[at] = np.where(platform[at] >= 0, platform[at], via)
        owned = np.zeros(at.size, dtype=bool)
        for step in steps:
            owned |= _gather(docs.n_owners, step, n, 0) > 0
        self.owned[at] = owned
        degree = docs.view("degree")
        # a column ranks by its dataset's lineage degree
        of_dataset = (kinds[0] == Kind.COLUMN) & (dataset >= 0)
        own_degree = np.where(of_dataset, degree[np.maximum(dataset, 0)], degree[at])
        self.boost[at] = boosts(docs.has_desc[at], kinds[0], owned, own_degree)

    def _codes(self, domain: np.ndarray) -> np.ndarray:
        """The position in self.domains of each domain document (-1: none)."""
        if not self.domains.size:
            return np.full(domain.size, -1, dtype=np.int32)
        pos = np.minimum(np.searchsorted(self.domains, domain), self.domains.size - 1)
        return np.where((domain >= 0) & (self.domains[pos] == domain), pos, -1
                        ).astype(np.int32)

    # -- reads ---------------------------------------------------------------------------
    def ancestors(self, u: np.ndarray) -> list[np.ndarray]:
        """The parent, grandparent and great-grandparent of each of `u` (n: none)."""
        out = [self.up[u]]
        for _ in range(2):
            out.append(self.up[out[-1]])
        return out

    def members(self, index, attr_name: str, value: str) -> np.ndarray:
        """Documents carrying `value`; classifications also mark the dataset of a column."""
        key = (attr_name, value)
        if key not in self._members:
            docs = getattr(index, attr_name).array(value)
            if attr_name == "classes" and docs.size:
                cols = docs[index.docs.kind[docs] == Kind.COLUMN]
                ups = self.up[cols]
                docs = np.union1d(docs, ups[ups < self.n])
            self._members[key] = docs
        return self._members[key]

    def pairs(self, index, attr_name: str) -> tuple[np.ndarray, np.ndarray, list[str]]:
        """Every (document, value number) of `attr_name` sorted by document, and the
        values: counting a small result looks its documents up here instead of reading
        every member of every value (a million tagged documents at 10M)."""
        if attr_name not in self._pairs:
            values = list(getattr(index, attr_name).members)
            docs = [self.members(index, attr_name, v) for v in values]
            at = np.concatenate(docs) if docs else np.zeros(0, np.int64)
            code = np.repeat(np.arange(len(values), dtype=np.int32), [d.size for d in docs])
            order = np.argsort(at, kind="stable")
            self._pairs[attr_name] = (at[order], code[order], values)
        return self._pairs[attr_name]


def _nearest(steps: list[np.ndarray], kinds: list[np.ndarray], want: Kind) -> np.ndarray:
    """The nearest document of kind `want` among each document and its ancestors (-1)."""
    out = np.full(steps[0].size, -1, dtype=np.int32)
    for step, k in zip(reversed(steps), reversed(kinds), strict=True):
        out = np.where(k == want, step, out)
    return out.astype(np.int32)


def _gather(values: np.ndarray, at: np.ndarray, n: int, none) -> np.ndarray:
    """values[at], and `none` where `at` is n (no such ancestor): no padded copy of an
    array of every document for a write that touched a few."""
    return np.where(at < n, values[np.minimum(at, max(n - 1, 0))], none).astype(values.dtype)


def _resized(a: np.ndarray, size: int, fill) -> np.ndarray:
    out = np.full(size, fill, dtype=a.dtype)
    out[: a.size] = a
    return out
