from __future__ import annotations

import strawberry

from catalog.api.graphql.types.connection import PageInfo, encode_cursor
from catalog.api.graphql.types.lineage_edge import LineageEdge
from catalog.api.graphql.types.lineage_node import LineageNode
from catalog.lineage.model import LineageGraph as Graph


@strawberry.type(description="A page of lineage: nodes in breadth-first order and the edges "
                             "that join them to earlier nodes.")
class LineageGraph:
    root: strawberry.ID
    nodes: list[LineageNode]
    edges: list[LineageEdge]
    total_nodes: int = strawberry.field(description="Nodes in the whole answer, all pages.")
    truncated: bool = strawberry.field(
        description="True when depth, the per-hop cap or the page cut the answer.")
    page_info: PageInfo

    @classmethod
    def from_graph(cls, g: Graph) -> LineageGraph:
        end = encode_cursor(g.nodes[-1].id) if g.nodes else None
        return cls(root=strawberry.ID(g.root),
                   nodes=[LineageNode.from_found(n) for n in g.nodes],
                   edges=[LineageEdge.from_edge(e) for e in g.edges],
                   total_nodes=g.total_nodes, truncated=g.truncated,
                   page_info=PageInfo(has_next_page=g.has_next_page, end_cursor=end))
