"""Filters and facet counts over the whole result set, from what documents inherit
(catalog.search.derived); a dataset also carries the classifications of its columns.

Each facet counts the results under every filter but its own, so a client can offer the
other values of a facet it already filters on. Filters and counts work on the documents of
the result, never on the whole catalog.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from catalog.search import kernels
from catalog.search.derived import Derived
from catalog.search.docs import Kind
from catalog.search.scratch import Scratch

FACETS = ("kind", "domain", "platform", "tag", "classification")
FILTERS = ("domain", "dataProduct", "platform", "tag", "classification", "owner")
ATTRS = {"tag": "tags", "classification": "classes", "owner": "owners"}
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


def _value_counts(index, derived: Derived, attr_name: str, sel: np.ndarray
                  ) -> list[tuple[str, int]]:
    """(value, documents of `sel` carrying it) for each value carried at all (`sel`
    sorted), from the sorted (document, value) pairs."""
    at, code, values = derived.pairs(index, attr_name)
    counts = kernels.pair_counts(sel.astype(np.int64, copy=False), at, code, len(values))
    return [(values[c], int(counts[c])) for c in np.flatnonzero(counts)]


def _resolve(index, values: list[str], kind: Kind) -> np.ndarray:
    """Filter values of a domain / data product: ids, or names."""
    docs = index.docs
    wanted = {v.lower() for v in values}
    out = {d for v in values if (d := docs.get(v)) is not None}
    for d in np.flatnonzero(docs.view("kind") == kind):
        if (docs.names[d] or "").lower() in wanted:
            out.add(int(d))
    return np.array(sorted(out), dtype=np.int32)


def _label_ids(index, attr, values: list[str]) -> list[str]:
    """Tag / classification / owner filter values: ids, or names."""
    wanted = {v.lower() for v in values}
    return [vid for vid in attr.members if vid in values
            or index.labels.get(vid, "").lower() in wanted]


def _has(s: Scratch, members: list[np.ndarray], at: list[np.ndarray]) -> np.ndarray:
    """For each document of at[0], whether it (or the one in at[k]) is among `members`."""
    for m in members:
        s.mark[m] = True
    out = np.zeros(at[0].size, dtype=bool)
    for where in at:
        out |= s.mark[where]
    for m in members:
        s.mark[m] = False
    return out


def filter_masks(index, derived: Derived, filters: dict[str, list[str]], u: np.ndarray,
                 s: Scratch) -> dict[str, np.ndarray]:
    """One boolean per document of `u` for each filter given (a filter's values or'ed)."""
    out: dict[str, np.ndarray] = {}
    for name, values in filters.items():
        if not values:
            continue
        if name in ("domain", "dataProduct"):
            kind = Kind.DOMAIN if name == "domain" else Kind.DATA_PRODUCT
            eff = derived.domain if name == "domain" else derived.product
            out[name] = np.isin(eff[u], _resolve(index, values, kind))
        elif name == "platform":
            wanted = {v.lower() for v in values}
            codes = [c for c, p in enumerate(index.docs.platforms) if p.lower() in wanted]
            out[name] = np.isin(derived.platform[u], codes)
        else:
            attr = ATTRS[name]
            members = [derived.members(index, attr, vid)
                       for vid in _label_ids(index, getattr(index, attr), values)]
            at = [u] + (derived.ancestors(u) if name == "owner" else [])
            out[name] = _has(s, members, at)
    return out


def facets(index, derived: Derived, hits: np.ndarray, masks: dict[str, np.ndarray],
           s: Scratch) -> list[Facet]:
    """Counts per value of each facet over `hits` (the query's matches before filters),
    `masks` being the filters over the same documents."""
    docs = index.docs
    out = []
    for name in FACETS:
        keep = np.ones(hits.size, dtype=bool)
        for other, mask in masks.items():
            if other != name:
                keep &= mask
        sel = hits[keep]
        facet = Facet(name)
        if name == "kind":
            counts = kernels.counts(sel, docs.view("kind"), len(Kind))
            facet.values = [FacetValue(Kind(k).name, Kind(k).name, int(c))
                            for k, c in enumerate(counts) if c]
        elif name == "domain":
            for code, c in enumerate(kernels.counts(sel, derived.domain_code,
                                                    derived.domains.size)):
                if c:
                    d = int(derived.domains[code])
                    facet.values.append(FacetValue(docs.id_of(d), docs.names[d] or docs.id_of(d),
                                                   int(c)))
        elif name == "platform":
            for code, c in enumerate(kernels.counts(sel, derived.platform,
                                                    len(docs.platforms))):
                if c:
                    facet.values.append(FacetValue(docs.platforms[code],
                                                   docs.platforms[code], int(c)))
        else:
            facet.values = [FacetValue(vid, index.labels.get(vid, vid), c)
                            for vid, c in _value_counts(index, derived, ATTRS[name], sel)]
        facet.values.sort(key=lambda v: (-v.count, v.display_name))
        facet.values = facet.values[:MAX_VALUES]
        out.append(facet)
    return out
