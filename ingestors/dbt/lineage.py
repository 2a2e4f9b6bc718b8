"""Model lineage from the manifest's `parent_map`; column lineage from compiled SQL.

Table lineage is taken from dbt's own dependency graph (exact, no parsing); the compiled
SQL of each model is parsed by `ingestors.sql` (sqlglot, the adapter's dialect) for typed
column edges, with every relation's columns from catalog.json (so `select *` expands) and,
for tables dbt does not describe, from the graph. A model whose SQL does not parse carries
the error on its job. Ephemeral models are not relations: lineage passes through them to
their own parents.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from graph import GraphStore, Label
from identity import ids, platforms
from ingestors.base import Harvest
from ingestors.dbt.artifacts import Artifacts, DbtNode, completed_at
from ingestors.sql import SqlParseError, TableRef, analyze
from ingestors.sql.resolve import TableResolver
from ingestors.sql_lineage import add_column_lineage, add_table_lineage, parse_status

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
                      known_columns: Mapping[str, Sequence[str]],
                      store: GraphStore | None = None) -> str | None:
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
    dialect = platforms.sqlglot_dialect(arts.adapter)
    resolver = TableResolver(lambda t: [resolve_table(t, node)], known=known_columns,
                             store=store)
    columns = known_columns.get(output)
    try:
        lineage = analyze(node.compiled_sql, dialect, default_database=node.database,
                          default_schema=node.schema, resolve=resolver,
                          output_columns=columns)
    except SqlParseError as exc:
        harvest.node(Label.JOB, job, **parse_status(None, str(exc), dialect))
        return f"{node.unique_id}: compiled SQL did not parse ({exc}); no column lineage"
    harvest.node(Label.JOB, job, **parse_status(lineage, None, dialect))
    add_column_lineage(harvest, lineage, job=job, output=output,
                       dataset_of=lambda t: resolver.dataset(t) or resolve_table(t, node),
                       output_columns=columns, input_columns=resolver.columns)
    return None
