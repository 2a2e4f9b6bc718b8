"""`lineage(input)`: the nodes and edges around a dataset or column, paged in BFS order."""

from __future__ import annotations

from dataclasses import dataclass

from catalog.lineage.model import (
    EdgeDetail,
    Level,
    LineageDirection,
    LineageEdge,
    LineageGraph,
    LineageNode,
    Side,
)
from catalog.lineage.traverse import Walk, walk
from graph import lineage as glineage
from graph.errors import InvalidInput
from graph.labels import Label, Rel, label_of
from graph.lineage import Window
from graph.store import GraphStore


@dataclass
class LineageQuery:
    id: str
    direction: LineageDirection = LineageDirection.DOWNSTREAM
    depth: int = 3
    level: Level = Level.DATASET
    include_jobs: bool = False
    window: Window = glineage.CURRENT
    cap: int = 1000
    first: int | None = None
    after: str | None = None  # a node id (the API decodes its cursors)
    detail: EdgeDetail = EdgeDetail.ALL  # what the answer shows of its edges

    def edge_detail(self) -> EdgeDetail:
        """`detail`, and at least the jobs when they become nodes (`include_jobs`)."""
        if self.include_jobs and self.detail is EdgeDetail.TOPOLOGY:
            return EdgeDetail.JOBS
        return self.detail


@dataclass
class Subgraph:
    """A whole (unpaged) answer: nodes in BFS order, edges between them."""

    nodes: list[LineageNode]
    edges: list[LineageEdge]
    truncated: bool


def starts_of(store: GraphStore, node_id: str, level: Level, window: Window) -> list[str]:
    """A column starts at itself; a dataset at column level starts at itself and its columns."""
    if level is Level.COLUMN and label_of(node_id) is Label.DATASET:
        return [node_id, *glineage.columns_of(store, [node_id], window)[node_id]]
    return [node_id]


def subgraph(store: GraphStore, q: LineageQuery) -> Subgraph:
    starts = starts_of(store, q.id, q.level, q.window)
    walks: list[tuple[Side, Walk]] = []
    for side, down in ((Side.UPSTREAM, False), (Side.DOWNSTREAM, True)):
        if q.direction.value in (side.value, LineageDirection.BOTH.value):
            walks.append((side, walk(store, starts, column_level=q.level is Level.COLUMN,
                                     downstream=down, depth=q.depth, cap=q.cap,
                                     window=q.window, detail=q.edge_detail())))
    # merge: the start first, then degree by degree (upstream before downstream)
    nodes: dict[str, LineageNode] = {s: LineageNode(s, label_of(s).value, 0, Side.ROOT)
                                     for s in starts}
    for d in range(1, q.depth + 1):
        for side, w in walks:
            for node_id in w.order:
                if w.degree[node_id] == d and node_id not in nodes:
                    nodes[node_id] = LineageNode(node_id, label_of(node_id).value, d, side)
    edges: dict[tuple[str, str, str], LineageEdge] = {}
    for _, w in walks:
        for key, e in w.edges.items():
            if e.upstream in nodes and e.downstream in nodes:
                edges.setdefault(key, e)
    if q.include_jobs:
        _add_jobs(store, q, nodes, edges)
    return Subgraph(list(nodes.values()), list(edges.values()),
                    any(w.truncated for _, w in walks))


def _add_jobs(store: GraphStore, q: LineageQuery, nodes: dict[str, LineageNode],
              edges: dict[tuple[str, str, str], LineageEdge]) -> None:
    """Jobs on the answer's edges become nodes (degree: the hop that crosses them); at
    dataset level their READS/WRITES edges to the answer's datasets come along."""
    job_degree: dict[str, tuple[int, Side]] = {}
    for e in list(edges.values()):
        up, down = nodes[e.upstream], nodes[e.downstream]
        far = up if up.degree >= down.degree else down
        for job in e.jobs:
            if job not in job_degree or far.degree < job_degree[job][0]:
                job_degree[job] = (far.degree, far.side)
    existing = store.get_nodes(list(job_degree))
    jobs = sorted((d, j) for j, (d, _) in job_degree.items() if j in existing)
    job_nodes = [LineageNode(j, Label.JOB.value, d, job_degree[j][1]) for d, j in jobs]
    # keep BFS order: a job sits after the datasets of its degree
    merged = sorted([*nodes.values(), *job_nodes],
                    key=lambda n: (n.degree, n.label == Label.JOB.value))
    nodes.clear()
    nodes.update((n.id, n) for n in merged)
    if q.level is Level.DATASET:
        datasets = [n.id for n in merged if n.label == Label.DATASET.value]
        for rel, job, ds, props in glineage.job_edges(store, [j for _, j in jobs], datasets,
                                                      q.window):
            up, down = (ds, job) if rel is Rel.READS else (job, ds)
            e = LineageEdge(up, down, rel, props)
            edges.setdefault(e.key, e)


def page(root: str, sub: Subgraph, first: int | None, after: str | None) -> LineageGraph:
    """A page of nodes in BFS order; each edge comes with the later of its two ends."""
    pos = {n.id: i for i, n in enumerate(sub.nodes)}
    start = 0
    if after is not None:
        if after not in pos:
            raise InvalidInput("after", "not a cursor of this lineage answer")
        start = pos[after] + 1
    end = len(sub.nodes) if first is None else min(len(sub.nodes), start + first)
    edges = [e for e in sub.edges
             if start <= max(pos[e.upstream], pos[e.downstream]) < end]
    has_next = end < len(sub.nodes)
    return LineageGraph(root=root, nodes=sub.nodes[start:end], edges=edges,
                        total_nodes=len(sub.nodes), truncated=sub.truncated or has_next,
                        has_next_page=has_next)
