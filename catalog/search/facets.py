"""Filters and facet counts over the whole result set, from arrays derived per index version.

What a document inherits: a column the domain, data product, platform and owners of its
dataset; a dataset those of its data product; a dataset also carries the classifications of
its columns. Each facet counts the results under every filter but its own, so a client can
offer the other values of a facet it already filters on.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from catalog.search.docs import Kind
from catalog.search.rank import boosts

FACETS = ("kind", "domain", "platform", "tag", "classification")
FILTERS = ("domain", "dataProduct", "platform", "tag", "classification", "owner")
MAX_VALUES = 50


@dataclass
class FacetValue:
    value: str
    display_name: str
    count: int


@dataclass
class Facet:
    field: str
    values: list[FacetValue] = field(default_factory=list)


class Derived:
    """Arrays computed from the index at one version: ancestors, inherited owners, boosts."""

    def __init__(self, index) -> None:
        docs = index.docs
        self.index = index
        self.version = index.version
        n = self.n = docs.n
        kind = np.append(docs.view("kind"), np.int8(-1))
        parent = np.append(docs.view("parent"), np.int32(-1))
        chain = [np.arange(n + 1)]
        for _ in range(3):
            step = parent[chain[-1]]
            chain.append(np.where(step >= 0, step, n))
        self.domain = self._ancestor(chain, kind, Kind.DOMAIN)
        self.product = self._ancestor(chain, kind, Kind.DATA_PRODUCT)
        dataset = self._ancestor(chain, kind, Kind.DATASET)
        platform = docs.view("platform")
        own = platform >= 0
        via = np.where(dataset >= 0, platform[np.maximum(dataset, 0)], -1)
        self.platform = np.where(own, platform, via).astype(np.int32)
        self._chain = [c[:n] for c in chain]
        self._kind = kind[:n]
        self._parent = parent[:n]
        owned = self.inherit(np.asarray(docs.view("n_owners") > 0))
        self.boost = boosts(docs, owned)
        self._members: dict[tuple[str, str], np.ndarray] = {}

    def _ancestor(self, chain: list[np.ndarray], kind: np.ndarray, want: Kind) -> np.ndarray:
        out = np.full(self.n, -1, dtype=np.int32)
        for step in reversed(chain):
            s = step[: self.n]
            out = np.where(kind[s] == want, s, out)
        return out

    def inherit(self, mask: np.ndarray) -> np.ndarray:
        """`mask` or'ed with the mask of each ancestor (owners flow down to what is held)."""
        padded = np.append(mask, False)
        out = mask.copy()
        for step in self._chain[1:]:
            out |= padded[step]
        return out

    def members(self, index, attr_name: str, value: str) -> np.ndarray:
        """Documents carrying `value`; classifications also mark the dataset of a column."""
        key = (attr_name, value)
        if key not in self._members:
            docs = getattr(index, attr_name).array(value)
            if attr_name == "classes" and docs.size:
                cols = docs[self._kind[docs] == Kind.COLUMN]
                ups = self._parent[cols]
                docs = np.union1d(docs, ups[ups >= 0])
            self._members[key] = docs
        return self._members[key]


def _resolve(index, values: list[str], kind: Kind) -> np.ndarray:
    """Filter values of a domain / data product: ids, or names."""
    docs = index.docs
    out = []
    for v in values:
        d = docs.get(v)
        if d is not None:
            out.append(d)
    wanted = {v.lower() for v in values}
    kinds = docs.view("kind")
    for d in np.flatnonzero(kinds == kind):
        if (docs.names[d] or "").lower() in wanted:
            out.append(int(d))
    return np.array(sorted(set(out)), dtype=np.int32)


def _label_ids(index, attr, values: list[str]) -> list[str]:
    """Tag / classification / owner filter values: ids, or names."""
    wanted = {v.lower() for v in values}
    return [vid for vid in attr.members if vid in values
            or index.labels.get(vid, "").lower() in wanted]


def filter_masks(index, derived: Derived, filters: dict[str, list[str]]) -> dict[str, np.ndarray]:
    """One boolean mask per filter given (values of one filter are or'ed)."""
    n = derived.n
    out: dict[str, np.ndarray] = {}
    for name, values in filters.items():
        if not values:
            continue
        if name in ("domain", "dataProduct"):
            kind = Kind.DOMAIN if name == "domain" else Kind.DATA_PRODUCT
            eff = derived.domain if name == "domain" else derived.product
            mask = np.isin(eff, _resolve(index, values, kind))
        elif name == "platform":
            codes = [c for c, p in enumerate(index.docs.platforms)
                     if p.lower() in {v.lower() for v in values}]
            mask = np.isin(derived.platform, codes)
        else:
            attr_name = {"tag": "tags", "classification": "classes", "owner": "owners"}[name]
            mask = np.zeros(n, dtype=bool)
            for vid in _label_ids(index, getattr(index, attr_name), values):
                mask[derived.members(index, attr_name, vid)] = True
            if name == "owner":
                mask = derived.inherit(mask)
        out[name] = mask
    return out


def facets(index, derived: Derived, hits: np.ndarray, masks: dict[str, np.ndarray]
           ) -> list[Facet]:
    """Counts per value of each facet over `hits` (the query's matches before filters)."""
    docs = index.docs
    out = []
    for name in FACETS:
        base = hits.copy()
        for other, mask in masks.items():
            if other != name:
                base &= mask
        facet = Facet(name)
        if name == "kind":
            counts = np.bincount(docs.view("kind")[base], minlength=len(Kind))
            facet.values = [FacetValue(Kind(k).name, Kind(k).name, int(c))
                            for k, c in enumerate(counts) if c]
        elif name in ("domain", "platform"):
            eff = derived.domain if name == "domain" else derived.platform
            sel = eff[base]
            sel = sel[sel >= 0]
            for v, c in zip(*np.unique(sel, return_counts=True), strict=True):
                if name == "domain":
                    facet.values.append(FacetValue(docs.ids[v], docs.names[v] or docs.ids[v],
                                                   int(c)))
                else:
                    facet.values.append(FacetValue(docs.platforms[v], docs.platforms[v],
                                                   int(c)))
        else:
            attr_name = "tags" if name == "tag" else "classes"
            for vid in getattr(index, attr_name).members:
                c = int(base[derived.members(index, attr_name, vid)].sum())
                if c:
                    facet.values.append(FacetValue(vid, index.labels.get(vid, vid), c))
        facet.values.sort(key=lambda v: (-v.count, v.display_name))
        facet.values = facet.values[:MAX_VALUES]
        out.append(facet)
    return out
