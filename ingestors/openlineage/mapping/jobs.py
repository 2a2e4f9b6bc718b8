"""The Job of an event: jobType, sql, documentation, source code, ownership and tags."""

from __future__ import annotations

from typing import Any

from graph import Label
from ingestors.openlineage.mapping import governance
from ingestors.openlineage.mapping.context import (
    Context,
    cleared,
    deleted,
    raw_prop,
    raw_value,
)

MAPPED = {"jobType", "sql", "documentation", "sourceCodeLocation", "sourceCode",
          "ownership", "tags"}


# what each mapped facet sets on the job (a `_deleted` one removes it)
SETS = {"jobType": ("type", "integration", "processing_type"), "sql": ("sql", "sql_dialect"),
        "documentation": ("description",),
        "sourceCodeLocation": ("source_code_url", "source_code_type", "repo_url",
                               "source_code_path", "source_code_version", "source_code_branch",
                               "source_code_tag"),
        "sourceCode": ("source_code_language", "source_code")}


def _live(facets: dict[str, Any], key: str) -> dict[str, Any] | None:
    facet = facets.get(key)
    return facet if isinstance(facet, dict) and not facet.get("_deleted") else None


def job_props(facets: dict[str, Any]) -> dict[str, Any]:
    props: dict[str, Any] = cleared(facets, SETS)
    if job_type := _live(facets, "jobType"):
        props.update(type=job_type.get("jobType"), integration=job_type.get("integration"),
                     processing_type=job_type.get("processingType"))
    if sql := _live(facets, "sql"):
        props.update(sql=sql.get("query"), sql_dialect=sql.get("dialect"))
    if doc := _live(facets, "documentation"):
        props["description"] = doc.get("description")
    if loc := _live(facets, "sourceCodeLocation"):
        props.update(source_code_url=loc.get("url"), source_code_type=loc.get("type"),
                     repo_url=loc.get("repoUrl"), source_code_path=loc.get("path"),
                     source_code_version=loc.get("version"),
                     source_code_branch=loc.get("branch"), source_code_tag=loc.get("tag"))
    if code := _live(facets, "sourceCode"):
        props.update(source_code_language=code.get("language"),
                     source_code=code.get("sourceCode"))
    for key, facet in facets.items():
        if key not in MAPPED:
            props[raw_prop(key)] = None if deleted(facets, key) else raw_value(facet)
    return props


def map_job(ctx: Context) -> None:
    job = ctx.event.job
    if job is None:
        return
    ctx.plan.node(Label.JOB, job.id, namespace=job.namespace, name=job.name,
                  **job_props(job.facets))
    governance.ownership(ctx, Label.JOB, job.id, job.facets.get("ownership"))
    governance.tags(ctx, Label.JOB, job.id, job.facets.get("tags"))
