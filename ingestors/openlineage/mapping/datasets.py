"""Datasets of an event: their node (identity, dataSource, documentation, type, storage,
version, lifecycle), READS/WRITES from the job, and the facets kept on them.

Statistics and data-quality facets are kept on the dataset as the last run reported them
(`row_count`, `quality_metrics`, `quality_assertions`, ... and `stats_run`); facets with
no mapping of their own are kept raw as `facet_<key>` (JSON text).
"""

from __future__ import annotations

from typing import Any

from graph import Label, Rel
from graph.props import json_prop
from identity import ids
from ingestors.openlineage.events import DatasetRef
from ingestors.openlineage.mapping import governance, naming, symlinks
from ingestors.openlineage.mapping.column_lineage import map_column_lineage
from ingestors.openlineage.mapping.columns import column, map_schema
from ingestors.openlineage.mapping.context import Context, cleared, raw_prop, raw_value

# facets mapped by a module of their own (everything else is kept raw)
MAPPED = {"schema", "columnLineage", "symlinks", "dataSource", "documentation", "ownership",
          "tags", "lifecycleStateChange", "version", "datasetType", "storage",
          "dataQualityMetrics", "dataQualityAssertions", "inputStatistics",
          "outputStatistics"}


# what each mapped facet sets on the dataset (a `_deleted` one removes it)
SETS = {"version": ("version",), "datasetType": ("subtype",),
        "storage": ("storage_layer", "file_format"),
        "outputStatistics": ("row_count", "size_bytes", "file_count", "output_statistics"),
        "inputStatistics": ("input_statistics",), "dataQualityMetrics": ("quality_metrics",),
        "dataQualityAssertions": ("quality_assertions", "quality_passed"),
        "lifecycleStateChange": ("lifecycle_state",)}


def _live(facets: dict[str, Any], key: str) -> dict[str, Any] | None:
    facet = facets.get(key)
    return facet if isinstance(facet, dict) and not facet.get("_deleted") else None


def _deleted(facets: dict[str, Any], key: str) -> bool:
    facet = facets.get(key)
    return isinstance(facet, dict) and bool(facet.get("_deleted"))


def node_props(ref: DatasetRef, own_name: bool) -> dict[str, Any]:
    """Properties from the dataset facets; a `_deleted` facet removes what it set."""
    f = ref.facets
    props: dict[str, Any] = {}
    source = _live(f, "dataSource")
    uri = naming.without_credentials(source["uri"]) if source and source.get("uri") else None
    if own_name:
        props.update(namespace=ref.namespace, name=ref.name)
        if plat := naming.platform(ref.namespace, uri):  # unknown here is not "none"
            props["platform"] = plat
    if source:
        props.update(datasource_name=source.get("name"), datasource_uri=uri)
    elif _deleted(f, "dataSource"):
        props.update(datasource_name=None, datasource_uri=None)
    if doc := _live(f, "documentation"):
        props["description"] = doc.get("description")
    elif _deleted(f, "documentation"):
        props["description"] = None
    if version := _live(f, "version"):
        props["version"] = version.get("datasetVersion")
    if dtype := _live(f, "datasetType"):
        props.update(kind=naming.kind(dtype.get("datasetType"), ref.namespace),
                     subtype=dtype.get("subType"))
    elif own_name:
        inferred = naming.kind(None, ref.namespace)
        if inferred:
            props["kind"] = inferred
    if storage := _live(f, "storage"):
        props.update(storage_layer=storage.get("storageLayer"),
                     file_format=storage.get("fileFormat"))
    for key, facet in f.items():
        if key not in MAPPED:
            props[raw_prop(key)] = None if _deleted(f, key) else raw_value(facet)
    return {**cleared(f, SETS), **props}


def _quality(ctx: Context, ref: DatasetRef, dataset: str) -> None:
    """Statistics and data-quality facets (dataset, input and output facets alike)."""
    facets = {**ref.facets, **ref.io_facets}
    run = ctx.event.run.id if ctx.event.run else None
    props: dict[str, Any] = {}
    if stats := _live(facets, "outputStatistics"):
        props.update(row_count=stats.get("rowCount"), size_bytes=stats.get("size"),
                     file_count=stats.get("fileCount"), output_statistics=json_prop(stats))
    if stats := _live(facets, "inputStatistics"):
        props["input_statistics"] = json_prop(stats)
    if metrics := _live(facets, "dataQualityMetrics"):
        props["quality_metrics"] = json_prop(metrics)
        if "row_count" not in props and metrics.get("rowCount") is not None:
            props["row_count"] = metrics.get("rowCount")
    if asserts := _live(facets, "dataQualityAssertions"):
        items = [a for a in asserts.get("assertions") or [] if isinstance(a, dict)]
        props.update(quality_assertions=json_prop(items),
                     quality_passed=all(bool(a.get("success")) for a in items))
    for key, facet in ref.io_facets.items():
        if key not in MAPPED:
            props[raw_prop(key)] = None if _deleted(ref.io_facets, key) else raw_value(facet)
    props = {**cleared(ref.io_facets, SETS), **props}
    if props:
        ctx.plan.node(Label.DATASET, dataset, stats_run=run, **props)


def _lifecycle(ctx: Context, ref: DatasetRef, dataset: str) -> None:
    facet = _live(ref.facets, "lifecycleStateChange")
    if facet is None:
        return
    state = str(facet.get("lifecycleStateChange") or "").upper()
    ctx.plan.node(Label.DATASET, dataset, lifecycle_state=state or None)
    if state == "DROP":
        ctx.plan.node(Label.DATASET, dataset, dropped_at=ctx.event.time)
        ctx.plan.drops[dataset] = ctx.event.time
    previous = facet.get("previousIdentifier")
    if state == "RENAME" and isinstance(previous, dict):
        ns, name = previous.get("namespace"), previous.get("name")
        if isinstance(ns, str) and ns and isinstance(name, str) and name:
            symlinks.alias(ctx, ids.dataset_id(ns, name), ns, name, dataset)


def map_dataset(ctx: Context, ref: DatasetRef, rel: Rel | None) -> str:
    dataset = ctx.ref(ref)
    ctx.plan.node(Label.DATASET, dataset, **node_props(ref, own_name=dataset == ref.id))
    ctx.plan.touch(dataset, ctx.event.time)
    if rel is not None and ctx.event.job is not None:
        ctx.plan.edge(rel, ctx.event.job.id, dataset)
    governance.ownership(ctx, Label.DATASET, dataset, ref.facets.get("ownership"))
    governance.tags(ctx, Label.DATASET, dataset, ref.facets.get("tags"),
                    column_of=lambda path: column(ctx, dataset, path))
    map_schema(ctx, ref, dataset)
    map_column_lineage(ctx, ref, dataset)
    _quality(ctx, ref, dataset)
    _lifecycle(ctx, ref, dataset)
    return dataset


def map_datasets(ctx: Context) -> None:
    event = ctx.event
    for ref in event.inputs:
        map_dataset(ctx, ref, Rel.READS)
    for ref in event.outputs:
        map_dataset(ctx, ref, Rel.WRITES)
    if event.dataset is not None:
        map_dataset(ctx, event.dataset, None)
    if event.job is not None and (event.inputs or event.outputs):
        ctx.plan.feeds.add(event.job.id)
