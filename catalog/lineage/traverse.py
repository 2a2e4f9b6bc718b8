"""Breadth-first lineage walk, one store query per hop over the whole frontier.

Walking hop by hop from Python (rather than a variable-length pattern) keeps BFS order, so
a cut keeps the nearest nodes; a visited set stops cycles; and the caps say exactly where the
answer was cut: a node with more than `cap` neighbours, a hop that found more than `cap` new
nodes, or nodes beyond `depth` (found by one extra probing hop) all set `truncated`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from catalog.lineage.adjacency import FeedsIndex
from catalog.lineage.column_index import DerivesIndex
from catalog.lineage.model import EdgeDetail, LineageEdge
from graph import lineage as glineage
from graph.labels import Rel
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
         probe: bool = True, edges: bool = True, detail: EdgeDetail = EdgeDetail.ALL
         ) -> Walk:
    """Walk up to `depth` hops from `starts`, admitting at most `cap` new nodes per hop.
    Without `edges` only the nodes are kept (cheaper: impact analysis). Current lineage
    walks the store's in-memory index of its level when one is attached (no round trip a
    hop); the edges' properties the answer shows (`detail`) then come from the index when
    it keeps them, else in one query at the end."""
    index: FeedsIndex | DerivesIndex | None = None
    if window == CURRENT:
        index = store.column_index if column_level else store.lineage_index

    if index is not None and not edges and stop_at is None:
        return _walk_nodes(index, starts, downstream=downstream, depth=depth, cap=cap,
                           probe=probe)

    def step(frontier: list[str], limit: int) -> glineage.HopResult:
        if index is None:
            return glineage.hop(store, frontier, column_level=column_level,
                                downstream=downstream, window=window, limit=limit,
                                edges=edges)
        return _in_memory_hop(index, frontier, downstream, limit)

    w = _walk(step, starts, depth=depth, cap=cap, stop_at=stop_at, probe=probe, edges=edges)
    if index is not None and edges and w.edges and not _props_from_index(index, w, detail):
        _fill_props(store, w, column_level=column_level, downstream=downstream)
    return w


def _props_from_index(index: FeedsIndex | DerivesIndex, w: Walk, detail: EdgeDetail
                      ) -> bool:
    """Fill what `detail` asks of the walk's edges from the index; False when it does not
    keep it all (the graph is read instead)."""
    if detail is EdgeDetail.TOPOLOGY:
        return True
    if detail is not EdgeDetail.JOBS:
        return False
    found = [*w.edges.values(), *w.parent.values()]
    jobs = index.jobs([(e.upstream, e.downstream) for e in found])
    if any(j is None for j in jobs):  # an edge whose jobs the index never saw
        return False
    for e, j in zip(found, jobs, strict=True):
        e.props["jobs"] = list(j)
    return True


def _in_memory_hop(index: FeedsIndex | DerivesIndex, frontier: list[str], downstream: bool,
                   limit: int) -> glineage.HopResult:
    found, cut = index.hop(frontier, downstream=downstream, limit=limit)
    rel = Rel.DERIVES_FROM if isinstance(index, DerivesIndex) else Rel.FEEDS
    hits = [Hit(key, other, rel, {}, *((key, other) if downstream else (other, key)))
            for key, others in found.items() for other in others]
    return glineage.HopResult(hits, cut)


def _walk_nodes(index: FeedsIndex | DerivesIndex, starts: list[str], *, downstream: bool,
                depth: int, cap: int, probe: bool) -> Walk:
    """`_walk` without edges over an in-memory index, with the same rules and order (the
    index answers each node's neighbours in id order): no Hit per edge to build and group
    again, which was most of the time of a hub's column walk (impact analysis)."""
    w = Walk(order=list(starts), degree={s: 0 for s in starts})
    frontier = list(starts)
    for hop_no, beyond in _hops(depth, probe):
        if not frontier:
            break
        found, cut = index.hop(frontier, downstream=downstream, limit=cap)
        if cut:
            w.truncated = True
        new: list[str] = []
        for key in frontier:  # frontier order is BFS order: nearer parents admit first
            for node in found.get(key, ()):
                _admit(w, node, hop_no, new, beyond=beyond, cap=cap)
        if beyond:
            break
        w.order += new
        frontier = new
    return w


def _hops(depth: int, probe: bool) -> Iterator[tuple[int, bool]]:
    """Each hop's number, and whether it is the probing hop beyond `depth` (it only tells
    whether the depth cut anything, and comes last)."""
    for hop_no in range(1, depth + 2 if probe else depth + 1):
        yield hop_no, hop_no > depth


def _admit(w: Walk, node: str, hop_no: int, new: list[str], *, beyond: bool, cap: int
           ) -> bool | None:
    """The one admission rule of both walks: a node found at `hop_no` joins the answer
    unless it is known already (False) or lies beyond the depth or over the hop's cap
    (None: the answer is cut there, `truncated`)."""
    if node in w.degree:
        return False
    if beyond or len(new) >= cap:
        w.truncated = True
        return None
    w.degree[node] = hop_no
    new.append(node)
    return True


def _fill_props(store: GraphStore, w: Walk, *, column_level: bool, downstream: bool) -> None:
    """The current properties of the walk's edges, in one query (an edge closed since the
    index saw it keeps none). Each edge is read from the end the walk stepped from."""
    found: dict[str, set[str]] = {}
    for e in w.edges.values():
        key, other = (e.upstream, e.downstream) if downstream else (e.downstream, e.upstream)
        found.setdefault(key, set()).add(other)
    props = glineage.edge_props(store, found, column_level=column_level,
                                downstream=downstream)
    for e in (*w.edges.values(), *w.parent.values()):
        if not e.props:
            e.props.update(props.get((e.upstream, e.downstream), {}))


def _walk(step: Callable[[list[str], int], glineage.HopResult], starts: list[str], *,
          depth: int, cap: int, stop_at: str | None, probe: bool, edges: bool) -> Walk:
    w = Walk(order=list(starts), degree={s: 0 for s in starts})
    frontier = list(starts)
    if stop_at is not None and stop_at in w.degree:
        w.reached = True
        return w
    for hop_no, beyond in _hops(depth, probe):
        if not frontier:
            break
        res = step(frontier, cap)
        if res.cut:
            w.truncated = True
        per_key: dict[str, list[Hit]] = {}
        for h in res.hits:
            per_key.setdefault(h.key, []).append(h)
        new: list[str] = []
        for key in frontier:  # frontier order is BFS order: nearer parents admit first
            for h in sorted(per_key.get(key, ()), key=lambda h: h.id):
                admitted = _admit(w, h.id, hop_no, new, beyond=beyond, cap=cap)
                if admitted is None:  # cut: neither the node nor its edge
                    continue
                if edges:
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
