"""The answers of the lineage service, as plain data (the API layers map them to their types)."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from graph.labels import Rel


class Level(StrEnum):
    DATASET = "DATASET"
    COLUMN = "COLUMN"


class LineageDirection(StrEnum):
    UPSTREAM = "UPSTREAM"
    DOWNSTREAM = "DOWNSTREAM"
    BOTH = "BOTH"


class Side(StrEnum):
    """Where a node sits relative to the start."""

    ROOT = "ROOT"
    UPSTREAM = "UPSTREAM"
    DOWNSTREAM = "DOWNSTREAM"


class EdgeDetail(StrEnum):
    """What an answer shows of its edges besides their ends and type. It decides whether a
    walk over an in-memory index reads the graph at its end: the FEEDS index keeps each
    edge's jobs, no index keeps the rest."""

    TOPOLOGY = "topology"  # ends and type
    JOBS = "jobs"  # and the jobs behind each edge
    ALL = "all"  # and every stored property (transformations, provenance, times)


@dataclass
class LineageNode:
    id: str
    label: str
    degree: int  # hops from the start
    side: Side


def _transformations(value: Any) -> list[dict[str, Any]]:
    """DERIVES_FROM keeps its OpenLineage transformations as JSON text (a list of maps)."""
    if not value:
        return []
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except ValueError:
            return [{"type": None, "subtype": None, "description": value, "masking": None}]
    if isinstance(value, dict):
        value = [value]
    return [t for t in value if isinstance(t, dict)]


def edge_jobs(jobs: Any, job: Any = None) -> list[str]:
    """An edge's job ids from its `jobs` (a list, or a lone id) and `job` properties: the
    one reading of both, for answers and for the lineage indexes that keep them."""
    if isinstance(jobs, str):
        jobs = [jobs]
    jobs = list(jobs or [])
    return jobs + ([job] if job and job not in jobs else [])


@dataclass
class LineageEdge:
    """A lineage edge in the direction data flows: from `upstream` to `downstream`."""

    upstream: str
    downstream: str
    type: Rel
    props: dict[str, Any] = field(default_factory=dict)

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.upstream, self.downstream, self.type.value)

    @property
    def jobs(self) -> list[str]:
        if self.type is Rel.READS:  # a job reads: data flows dataset -> job
            return [self.downstream]
        if self.type is Rel.WRITES:  # a job writes: data flows job -> dataset
            return [self.upstream]
        return edge_jobs(self.props.get("jobs"), self.props.get("job"))

    @property
    def transformations(self) -> list[dict[str, Any]]:
        return _transformations(self.props.get("transformations"))

    def as_dict(self) -> dict[str, Any]:
        return {"upstream": self.upstream, "downstream": self.downstream,
                "type": self.type.value, "jobs": self.jobs,
                "transformations": self.transformations,
                **{k: self.props.get(k) for k in ("source", "first_seen", "last_seen",
                                                   "valid_to")}}


@dataclass
class LineageGraph:
    """One page of a lineage answer; `total_nodes` counts the whole answer."""

    root: str
    nodes: list[LineageNode]
    edges: list[LineageEdge]
    total_nodes: int
    truncated: bool
    has_next_page: bool = False
