"""Lineage and impact analysis over the graph: table, column and mesh level, as of a time."""

from catalog.lineage.model import (
    EdgeDetail,
    Level,
    LineageDirection,
    LineageEdge,
    LineageGraph,
    LineageNode,
)
from catalog.lineage.service import LineageService

__all__ = ["EdgeDetail", "Level", "LineageDirection", "LineageEdge", "LineageGraph", "LineageNode",
           "LineageService"]
