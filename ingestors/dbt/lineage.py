"""Model lineage from the manifest's `parent_map`; column lineage from compiled SQL.

Table lineage is taken from dbt's own dependency graph (exact, no parsing); the compiled
SQL of each model is parsed with openlineage-sql only for the column edges it can trace.
Ephemeral models are not relations: lineage passes through them to their own parents.
"""

from __future__ import annotations

from collections.abc import Callable

from graph import Label
from identity import ids, platforms
from ingestors.base import Harvest
from ingestors.dbt.artifacts import Artifacts, DbtNode, completed_at
from ingestors.sql_lineage import (
    TableRef,
    add_column_lineage,
    add_table_lineage,
    parse_sql,
)

DBT = "dbt"


def relation_parents(arts: Artifacts, uid: str) -> list[str]:
    """Parents of `uid` that are relations, walking through ephemeral models."""
    out: list[str] = []
    seen: set[str] = set()
    stack = list(reversed(arts.parent_map.get(uid, [])))
    while stack:
        p = stack.pop()
        if p in seen:
            continue
        seen.add(p)
        node = arts.nodes.get(p)
        if node is None:
            continue
        if node.is_relation:
            out.append(p)
        elif node.resource_type == "model":  # ephemeral: inline, so look through it
            stack.extend(reversed(arts.parent_map.get(p, [])))
    return out


def job_name(node: DbtNode) -> str:
    """`database.schema.package.model`, as openlineage-dbt names model jobs."""
    rest = node.unique_id.split(".", 1)[1]
    return ".".join(p for p in (node.database, node.schema, rest) if p)


def add_model_lineage(arts: Artifacts, node: DbtNode, harvest: Harvest, *,
                      dataset_of: Callable[[DbtNode], str], job_namespace: str,
                      column_lineage: bool, resolve_table: Callable[[TableRef, DbtNode], str],
                      columns_of: Callable[[DbtNode], set[str]]) -> str | None:
    """Job, READS/WRITES/FEEDS for one model or snapshot; DERIVES_FROM where SQL parses.

    Returns a warning when the compiled SQL did not parse."""
    output = dataset_of(node)
    name = job_name(node)
    job = ids.job_id(job_namespace, name)
    result = arts.results.get(node.unique_id) or {}
    harvest.node(Label.JOB, job, namespace=job_namespace, name=name,
                 type="SNAPSHOT" if node.resource_type == "snapshot" else "MODEL",
                 integration="DBT", sql=node.compiled_sql, description=node.description,
                 last_run_status=result.get("status"), last_run_at=completed_at(result))
    parents = [dataset_of(arts.nodes[p]) for p in relation_parents(arts, node.unique_id)]
    add_table_lineage(harvest, job=job, output=output, inputs=parents, source=DBT)
    if not (column_lineage and node.compiled_sql):
        return None
    parsed = parse_sql(node.compiled_sql, platforms.sql_dialect(arts.adapter))
    if parsed is None:
        return f"{node.unique_id}: compiled SQL did not parse; no column lineage"
    add_column_lineage(harvest, parsed, job=job, output=output,
                       resolve=lambda t: resolve_table(t, node),
                       output_columns=columns_of(node))
    return None
