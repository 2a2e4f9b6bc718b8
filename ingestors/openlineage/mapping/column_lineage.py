"""The `columnLineage` facet (1-0, 1-1, 1-2) to DERIVES_FROM edges.

`(output Column)-[:DERIVES_FROM {job, transformations}]->(input Column)`, and the facet's
dataset-level dependencies (filters, joins, grouping) as
`(output Dataset)-[:DERIVES_FROM]->(input Column)`. `transformations` is JSON text: a list
of {type, subtype, description, masking}; 1-0 facets' field-level `transformationType`
(IDENTITY, MASKED) and `transformationDescription` become one DIRECT transformation.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from graph import Label, Rel
from graph.props import json_prop
from identity import ids
from ingestors.openlineage.events import DatasetRef
from ingestors.openlineage.mapping import naming
from ingestors.openlineage.mapping.columns import column
from ingestors.openlineage.mapping.context import Context
from ingestors.openlineage.mapping.plan import SOURCE

Pair = tuple[str, str]


def transformation(item: dict[str, Any]) -> dict[str, Any]:
    return {"type": item.get("type"), "subtype": item.get("subtype"),
            "description": item.get("description"), "masking": bool(item.get("masking"))}


def _legacy(spec: dict[str, Any]) -> list[dict[str, Any]]:
    kind, text = spec.get("transformationType"), spec.get("transformationDescription")
    if not kind and not text:
        return []
    return [{"type": "DIRECT", "subtype": kind, "description": text,
             "masking": str(kind or "").upper() == "MASKED"}]


def input_column(ctx: Context, item: dict[str, Any]) -> str | None:
    ns, name, fld = item.get("namespace"), item.get("name"), item.get("field")
    if not (isinstance(ns, str) and ns and isinstance(name, str) and name
            and isinstance(fld, str) and fld) or "#" in ns + name:
        return None
    dataset = ctx.canonical(ids.dataset_id(ns, name))
    if dataset == ids.dataset_id(ns, name):
        ctx.plan.stub(Label.DATASET, dataset, namespace=ns, name=name,
                      platform=naming.platform(ns))
    return column(ctx, dataset, fld)


def write_edges(ctx: Context, edges: dict[Pair, list[dict[str, Any]]], *,
                source: str = SOURCE) -> None:
    job = ctx.event.job.id if ctx.event.job else None
    for (src, dst), items in edges.items():
        unique = {json_prop(t): t for t in items}
        kept = [unique[k] for k in sorted(unique)]
        ctx.plan.edge(Rel.DERIVES_FROM, src, dst, source=source, job=job,
                      transformations=json_prop(kept),
                      masking=any(t.get("masking") for t in kept))


def map_column_lineage(ctx: Context, ref: DatasetRef, dataset: str) -> None:
    facet = ref.facets.get("columnLineage")
    if not isinstance(facet, dict) or facet.get("_deleted"):
        return
    job = ctx.event.job.id if ctx.event.job else None
    if ctx.changed("lineage", dataset, facet, salt=job or "") is None:
        return
    edges: dict[Pair, list[dict[str, Any]]] = defaultdict(list)
    fields = facet.get("fields")
    for out_field, spec in (fields.items() if isinstance(fields, dict) else []):
        if not isinstance(spec, dict) or not out_field:
            continue
        out_col = column(ctx, dataset, out_field)
        legacy = _legacy(spec)
        for item in spec.get("inputFields") or []:
            in_col = input_column(ctx, item) if isinstance(item, dict) else None
            if in_col is not None:
                found = [transformation(t) for t in item.get("transformations") or []
                         if isinstance(t, dict)]
                edges[(out_col, in_col)].extend(found or legacy)
    for item in facet.get("dataset") or []:
        in_col = input_column(ctx, item) if isinstance(item, dict) else None
        if in_col is not None:
            edges[(dataset, in_col)].extend(
                transformation(t) for t in item.get("transformations") or []
                if isinstance(t, dict))
    write_edges(ctx, edges)
