"""Breadth-first lineage walk, one store query per hop over the whole frontier.

Walking hop by hop from Python (rather than a variable-length pattern) keeps BFS order, so
a cut keeps the nearest nodes; a visited set stops cycles; and the caps say exactly where the
answer was cut: a node with more than `cap` neighbours, a hop that found more than `cap` new
nodes, or nodes beyond `depth` (found by one extra probing hop) all set `truncated`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from catalog.lineage.model import LineageEdge
from graph import lineage as glineage
from graph.lineage import CURRENT, Hit, Window
from graph.store import GraphStore


@dataclass
class Walk:
    order: list[str]  # discovery order: starts first, then hop by hop
    degree: dict[str, int]
    edges: dict[tuple[str, str, str], LineageEdge] = field(default_factory=dict)
    parent: dict[str, LineageEdge] = field(default_factory=dict)  # the edge that found a node
    truncated: bool = False
    reached: bool = False  # `stop_at` was found


def walk(store: GraphStore, starts: list[str], *, column_level: bool, downstream: bool,
         depth: int, cap: int, window: Window = CURRENT, stop_at: str | None = None,
         probe: bool = True, edges: bool = True) -> Walk:
    """Walk up to `depth` hops from `starts`, admitting at most `cap` new nodes per hop.
    Without `edges` the walk's edges carry no properties (cheaper: impact analysis)."""
    w = Walk(order=list(starts), degree={s: 0 for s in starts})
    frontier = list(starts)
    if stop_at is not None and stop_at in w.degree:
        w.reached = True
        return w
    hop_no = 0
    while frontier:
        hop_no += 1
        beyond = hop_no > depth  # the probing hop: only tells whether depth cut anything
        if beyond and not probe:
            break
        res = glineage.hop(store, frontier, column_level=column_level, downstream=downstream,
                           window=window, limit=cap, edges=edges)
        if res.cut:
            w.truncated = True
        per_key: dict[str, list[Hit]] = {}
        for h in res.hits:
            per_key.setdefault(h.key, []).append(h)
        new: list[str] = []
        for key in frontier:  # frontier order is BFS order: nearer parents admit first
            for h in sorted(per_key.get(key, ()), key=lambda h: h.id):
                if h.id not in w.degree:
                    if beyond or len(new) >= cap:
                        w.truncated = True
                        continue
                    w.degree[h.id] = hop_no
                    new.append(h.id)
                    admitted = True
                else:
                    admitted = False
                edge = LineageEdge(h.upstream, h.downstream, h.rel, h.edge)
                w.edges.setdefault(edge.key, edge)
                if admitted:
                    w.parent[h.id] = edge
                if h.id == stop_at:
                    w.reached = True
                    w.order += new
                    return w
        if beyond:
            break
        w.order += new
        frontier = new
    return w
