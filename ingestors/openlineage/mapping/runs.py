"""The Run of an event, merged with the other events of the same run.

Every property is taken from the latest event that carries it (event time, then START <
RUNNING < COMPLETE/FAIL/ABORT at one instant), so the order events arrive in does not
matter: `state` follows the latest state change, `started` comes from START, `ended` from
COMPLETE, FAIL or ABORT.
"""

from __future__ import annotations

from typing import Any

from graph import Label, Rel
from identity import ids
from ingestors.openlineage.events import STATE_RANK, TERMINAL
from ingestors.openlineage.mapping import governance
from ingestors.openlineage.mapping.context import (
    Context,
    cleared,
    deleted,
    raw_prop,
    raw_value,
)
from ingestors.openlineage.times import iso

MAPPED = {"nominalTime", "parent", "errorMessage", "processing_engine", "tags"}


# what each mapped facet sets on the run (a `_deleted` one removes it)
SETS = {"nominalTime": ("nominal_time", "nominal_end_time"),
        "errorMessage": ("error", "error_language", "error_stack"),
        "processing_engine": ("engine", "engine_version", "adapter_version")}


def _live(facets: dict[str, Any], key: str) -> dict[str, Any] | None:
    facet = facets.get(key)
    return facet if isinstance(facet, dict) and not facet.get("_deleted") else None


def _parent(ctx: Context, run: str, facet: dict[str, Any]) -> dict[str, Any]:
    """PARENT to the parent run (created if unknown, with its job); the root run's id."""
    props: dict[str, Any] = {}
    parent_run, parent_job = facet.get("run") or {}, facet.get("job") or {}
    run_uuid, ns, name = parent_run.get("runId"), parent_job.get("namespace"), \
        parent_job.get("name")
    if isinstance(run_uuid, str) and run_uuid:
        parent = ids.run_id(run_uuid.lower())
        ctx.plan.stub(Label.RUN, parent, run_id=run_uuid.lower())
        ctx.plan.edge(Rel.PARENT, run, parent)
        props["parent_run"] = parent
        if isinstance(ns, str) and ns and isinstance(name, str) and name:
            job = ids.job_id(ns, name)
            ctx.plan.stub(Label.JOB, job, namespace=ns, name=name)
            ctx.plan.edge(Rel.OF_JOB, parent, job)
            props["parent_job"] = job
    root = facet.get("root") or {}
    root_run, root_job = root.get("run") or {}, root.get("job") or {}
    if isinstance(root_run.get("runId"), str):
        props["root_run"] = ids.run_id(root_run["runId"].lower())
    if root_job.get("namespace") and root_job.get("name"):
        props["root_job"] = ids.job_id(root_job["namespace"], root_job["name"])
    return props


def map_run(ctx: Context) -> None:
    event = ctx.event
    if event.run is None or event.job is None:
        return
    run, key, facets = event.run.id, event.key, event.run.facets
    props: dict[str, Any] = {"run_id": event.run.run_id, "job": event.job.id,
                             "last_event_time": event.time}
    if event.event_type in STATE_RANK:
        props["state"] = event.event_type
    if event.event_type == "START":
        props["started"] = event.time
    if event.event_type in TERMINAL:
        props["ended"] = event.time
    props.update(cleared(facets, SETS))
    if nominal := _live(facets, "nominalTime"):
        props.update(nominal_time=iso(nominal.get("nominalStartTime")),
                     nominal_end_time=iso(nominal.get("nominalEndTime")))
    if error := _live(facets, "errorMessage"):
        props.update(error=error.get("message"), error_language=error.get("programmingLanguage"),
                     error_stack=error.get("stackTrace"))
    if engine := _live(facets, "processing_engine"):
        props.update(engine=engine.get("name"), engine_version=engine.get("version"),
                     adapter_version=engine.get("openlineageAdapterVersion"))
    if parent := _live(facets, "parent"):
        props.update(_parent(ctx, run, parent))
    for name, facet in facets.items():
        if name not in MAPPED:
            props[raw_prop(name)] = None if deleted(facets, name) else raw_value(facet)
    ctx.plan.run_prop(run, key, **props)
    ctx.plan.edge(Rel.OF_JOB, run, event.job.id)
    governance.tags(ctx, Label.RUN, run, facets.get("tags"))
