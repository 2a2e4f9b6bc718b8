"""`productLineage` / `domainLineage`: dependencies between data products and between
domains, rolled up from table lineage, each with the dataset edges that justify it.

A product depends on another when a dataset of the other feeds one of its datasets (edges
inside one product, or one domain at domain level, are not dependencies). From a given
product or domain the walk is breadth-first like dataset lineage; without one, the answer is
every dependency of the mesh.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from catalog.lineage.model import LineageDirection, LineageEdge, LineageNode, Side
from graph import mesh as gmesh
from graph.labels import Label, Rel
from graph.lineage import CURRENT, Window
from graph.store import GraphStore


@dataclass
class MeshDependency:
    upstream: str
    downstream: str
    edges: list[LineageEdge] = field(default_factory=list)  # dataset FEEDS edges


@dataclass
class MeshLineage:
    label: Label  # DataProduct or Domain
    root: str | None
    nodes: list[LineageNode]
    dependencies: list[MeshDependency]
    truncated: bool


def _hop(store: GraphStore, label: Label, frontier: list[str], downstream: bool,
         window: Window) -> list[tuple[str, str, LineageEdge]]:
    """(frontier node, other node, justifying dataset edge) one mesh step away."""
    if label is Label.DATA_PRODUCT:
        return [(h.key, h.id, LineageEdge(h.upstream, h.downstream, Rel.FEEDS, h.edge))
                for h in gmesh.product_hop(store, frontier, downstream=downstream,
                                           window=window)]
    products = gmesh.products_of_domains(store, frontier)
    domain_of = {p: d for d, ps in products.items() for p in ps}
    hits = gmesh.product_hop(store, sorted(domain_of), downstream=downstream, window=window)
    others = gmesh.domains_of_products(store, sorted({h.id for h in hits}))
    out = []
    for h in hits:
        mine, theirs = domain_of[h.key], others.get(h.id)
        if theirs is not None and theirs != mine:
            out.append((mine, theirs, LineageEdge(h.upstream, h.downstream, Rel.FEEDS, h.edge)))
    return out


def mesh_lineage(store: GraphStore, label: Label, root: str | None, *,
                 direction: LineageDirection = LineageDirection.BOTH, depth: int = 3,
                 cap: int = 1000, window: Window = CURRENT) -> MeshLineage:
    deps: dict[tuple[str, str], MeshDependency] = {}

    def record(up: str, down: str, edge: LineageEdge) -> None:
        dep = deps.setdefault((up, down), MeshDependency(up, down))
        if all(e.key != edge.key for e in dep.edges):
            dep.edges.append(edge)

    if root is None:  # the whole mesh: one downstream step from every node finds every edge
        for key, other, edge in _hop(store, label, gmesh.all_ids(store, label), True, window):
            record(key, other, edge)
        ids = sorted({i for pair in deps for i in pair})
        return MeshLineage(label, None, [LineageNode(i, label.value, 0, Side.ROOT) for i in ids],
                           _sorted(deps), False)

    nodes: dict[str, LineageNode] = {root: LineageNode(root, label.value, 0, Side.ROOT)}
    truncated = False
    for side, down in ((Side.UPSTREAM, False), (Side.DOWNSTREAM, True)):
        if direction.value not in (side.value, LineageDirection.BOTH.value):
            continue
        seen, frontier = {root}, [root]
        for hop_no in range(1, depth + 2):
            found: dict[str, list[tuple[str, str, LineageEdge]]] = {}
            for key, other, edge in _hop(store, label, frontier, down, window):
                found.setdefault(other, []).append((key, other, edge))
            new: list[str] = []
            for other in sorted(found):
                if other not in seen:
                    if hop_no > depth or len(new) >= cap:
                        truncated = True
                        continue
                    seen.add(other)
                    new.append(other)
                    nodes.setdefault(other, LineageNode(other, label.value, hop_no, side))
                for key, _, edge in found[other]:
                    record(*((key, other) if down else (other, key)), edge)
            if hop_no > depth or not new:
                break
            frontier = new
    return MeshLineage(label, root, sorted(nodes.values(), key=lambda n: n.degree),
                       _sorted(deps), truncated)


def _sorted(deps: dict[tuple[str, str], MeshDependency]) -> list[MeshDependency]:
    return [deps[k] for k in sorted(deps)]
