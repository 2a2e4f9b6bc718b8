"""Runs of jobs, newest first (OpenLineage runs hang off their job by OF_JOB)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from graph.cypher import cypher
from graph.labels import Label, Rel
from graph.store import GraphStore


def recent_runs(store: GraphStore, job_ids: Iterable[str], first: int
                ) -> dict[str, list[dict[str, Any]]]:
    """For each job id, its `first` newest runs (by start, else end, else last seen)."""
    ids = list(job_ids)
    out: dict[str, list[dict[str, Any]]] = {i: [] for i in ids}
    stmt = cypher("recent_runs", src=Label.RUN, dst=Label.JOB, rel=Rel.OF_JOB)
    for rec in store.query(stmt, ids=ids, first=first):
        out[rec["key"]] = [{**r, "label": Label.RUN.value} for r in rec["runs"]]
    return out
