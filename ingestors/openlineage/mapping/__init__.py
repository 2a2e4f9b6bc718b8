"""Mapping of OpenLineage events into a write plan, one module per entity or facet family:
symlinks (identity), datasets, columns, column_lineage, sql, jobs, runs, governance."""

from __future__ import annotations

from ingestors.openlineage.events import Event
from ingestors.openlineage.mapping.context import BatchState, Context
from ingestors.openlineage.mapping.datasets import map_datasets
from ingestors.openlineage.mapping.jobs import map_job
from ingestors.openlineage.mapping.plan import DatasetState, Plan
from ingestors.openlineage.mapping.runs import map_run
from ingestors.openlineage.mapping.sql import map_sql
from ingestors.openlineage.mapping.symlinks import resolve

__all__ = ["BatchState", "DatasetState", "Plan", "plan_event"]


def plan_event(event: Event, state: BatchState) -> Plan:
    """The writes of one event, given the graph's state and the batch planned so far."""
    ctx = Context(event, state)
    resolve(ctx)
    map_job(ctx)
    map_datasets(ctx)
    map_sql(ctx)
    map_run(ctx)
    return ctx.plan
