"""`lineageDiff(id, from, to)`: lineage edges added and closed between two times.

The walk keeps every edge that existed at some moment between `from` and `to` (first_seen
<= to and not closed by from), so an edge that appeared and was closed inside the window is
seen too. An edge was added when first_seen > from, and closed when from < valid_to <= to.
"""

from __future__ import annotations

from dataclasses import dataclass

from catalog.lineage.answer import LineageQuery, subgraph
from catalog.lineage.model import LineageEdge, LineageNode
from graph.lineage import Window


@dataclass
class LineageDiff:
    root: str
    since: str
    until: str
    added: list[LineageEdge]
    closed: list[LineageEdge]
    nodes: list[LineageNode]  # every node of the lineage over the window
    truncated: bool


def diff(store, q: LineageQuery, since: str, until: str) -> LineageDiff:
    q.window = Window(since, until)
    sub = subgraph(store, q)
    added = [e for e in sub.edges if (e.props.get("first_seen") or "") > since]
    closed = [e for e in sub.edges
              if e.props.get("valid_to") and since < e.props["valid_to"] <= until]
    return LineageDiff(q.id, since, until, added, closed, sub.nodes, sub.truncated)
