"""`lineagePath(from, to)`: the shortest lineage path between two datasets or two columns."""

from __future__ import annotations

from dataclasses import dataclass, field

from catalog.lineage.model import LineageEdge
from catalog.lineage.traverse import walk
from graph.errors import InvalidInput
from graph.labels import Label, label_of
from graph.store import GraphStore


@dataclass
class LineagePath:
    """Nodes and edges in the direction data flows (from upstream to downstream).

    `reversed` says the path runs from `to` back to `from` (`to` is upstream of `from`)."""

    source: str
    target: str
    found: bool
    reversed: bool = False
    nodes: list[str] = field(default_factory=list)
    edges: list[LineageEdge] = field(default_factory=list)

    @property
    def jobs(self) -> list[str]:
        seen: dict[str, None] = {}
        for e in self.edges:
            seen.update(dict.fromkeys(e.jobs))
        return list(seen)


def shortest_path(store: GraphStore, source: str, target: str, *, max_depth: int, cap: int
                  ) -> LineagePath:
    labels = {label_of(source), label_of(target)}
    if len(labels) != 1 or not labels <= {Label.DATASET, Label.COLUMN}:
        raise InvalidInput("to", "a lineage path joins two datasets or two columns, "
                                 f"got a {label_of(source)} and a {label_of(target)}")
    column_level = labels == {Label.COLUMN}
    for reverse in (False, True):
        start, end = (target, source) if reverse else (source, target)
        w = walk(store, [start], column_level=column_level, downstream=True, depth=max_depth,
                 cap=cap, stop_at=end, probe=False)
        if w.reached:
            edges: list[LineageEdge] = []
            node = end
            while node != start:
                e = w.parent[node]
                edges.append(e)
                node = e.upstream
            edges.reverse()
            nodes = [start] + [e.downstream for e in edges]
            return LineagePath(source, target, True, reverse, nodes, edges)
    return LineagePath(source, target, False)
