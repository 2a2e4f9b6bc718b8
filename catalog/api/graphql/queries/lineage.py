"""Lineage queries: lineage, impactAnalysis, lineagePath, productLineage, domainLineage,
lineageDiff. Each resolver is one service call in a worker thread."""

from __future__ import annotations

import asyncio
from datetime import datetime
from typing import Annotated

import strawberry

from catalog.api.graphql.arguments import argument_paths
from catalog.api.graphql.context import Context
from catalog.api.graphql.selection import asked_below
from catalog.api.graphql.types.connection import decode_cursor
from catalog.api.graphql.types.impact_analysis import ImpactAnalysis
from catalog.api.graphql.types.impact_input import ImpactAnalysisInput
from catalog.api.graphql.types.lineage_diff import LineageDiff
from catalog.api.graphql.types.lineage_enums import LineageDirection, LineageLevel
from catalog.api.graphql.types.lineage_graph import LineageGraph
from catalog.api.graphql.types.lineage_input import LineageInput
from catalog.api.graphql.types.lineage_path import LineagePath
from catalog.api.graphql.types.mesh_lineage import MeshLineage
from catalog.api.graphql.types.mesh_lineage_input import MeshLineageInput
from catalog.lineage import EdgeDetail, LineageService
from graph.labels import Label
from graph.props import to_iso

Info = strawberry.Info[Context, None]


def _service(info: Info) -> LineageService:
    return LineageService(info.context.store, info.context.settings)


_TOPOLOGY = frozenset({"upstream", "downstream", "type", "__typename"})


def _edge_detail(info: Info) -> EdgeDetail:
    """What the query shows of the answer's edges: asking for no more than their ends,
    type and jobs spares a read of the graph (the lineage index holds those)."""
    asked = asked_below(info, "edges") - _TOPOLOGY
    if not asked:
        return EdgeDetail.TOPOLOGY
    return EdgeDetail.JOBS if asked == {"jobs"} else EdgeDetail.ALL


def _iso(value: datetime | None) -> str | None:
    return None if value is None else to_iso(value)


async def _mesh(info: Info, label: Label, inp: MeshLineageInput | None) -> MeshLineage:
    inp = inp or MeshLineageInput()
    with argument_paths("input", node_id="id"):
        found = await asyncio.to_thread(_service(info).mesh, label, inp.id,
                                        direction=inp.direction, depth=inp.depth,
                                        as_of=_iso(inp.as_of))
    return MeshLineage.of(found)


@strawberry.type
class LineageQueries:
    @strawberry.field(description="Lineage of a dataset or column, breadth-first and bounded.")
    async def lineage(self, info: Info, input: LineageInput) -> LineageGraph:
        after = decode_cursor(input.after)  # a cursor it cannot read names `after`
        with argument_paths("input", node_id="id"):
            g = await asyncio.to_thread(
                _service(info).lineage, input.id, direction=input.direction,
                depth=input.depth, level=input.level, include_jobs=input.include_jobs,
                as_of=_iso(input.as_of), max_nodes_per_hop=input.max_nodes_per_hop,
                first=input.first, after=after, edge_detail=_edge_detail(info))
        return LineageGraph.from_graph(g)

    @strawberry.field(description="What is downstream of a dataset or column, and whose it is.")
    async def impact_analysis(self, info: Info, input: ImpactAnalysisInput) -> ImpactAnalysis:
        with argument_paths("input", node_id="id"):  # the collector paused: BigAnswers
            found = await asyncio.to_thread(_service(info).impact, input.id,
                                            depth=input.depth, filters=input.filters())
        return ImpactAnalysis.of(found)

    @strawberry.field(description="The shortest lineage path between two datasets or columns.")
    async def lineage_path(self, info: Info,
                           from_: Annotated[strawberry.ID, strawberry.argument(name="from")],
                           to: strawberry.ID) -> LineagePath:
        with argument_paths(source="from", target="to"):
            return LineagePath.of(await asyncio.to_thread(_service(info).path, from_, to))

    @strawberry.field(description="Dependencies between data products, from table lineage.")
    async def product_lineage(self, info: Info, input: MeshLineageInput | None = None
                              ) -> MeshLineage:
        return await _mesh(info, Label.DATA_PRODUCT, input)

    @strawberry.field(description="Dependencies between domains, from table lineage.")
    async def domain_lineage(self, info: Info, input: MeshLineageInput | None = None
                             ) -> MeshLineage:
        return await _mesh(info, Label.DOMAIN, input)

    @strawberry.field(description="Lineage edges added and closed between two times.")
    async def lineage_diff(self, info: Info, id: strawberry.ID,
                           from_: Annotated[datetime, strawberry.argument(name="from")],
                           to: datetime,
                           direction: LineageDirection = LineageDirection.BOTH,
                           depth: int | None = None,
                           level: LineageLevel | None = None) -> LineageDiff:
        with argument_paths(node_id="id", since="from", until="to"):
            found = await asyncio.to_thread(_service(info).diff, id, to_iso(from_),
                                            to_iso(to), direction=direction, depth=depth,
                                            level=level)
        return LineageDiff.of(found)
