"""View definitions as lineage: a view is a job that reads its source tables.

openlineage-sql parses the definition (the parser OpenLineage's own integrations use);
each view becomes a Job with READS/WRITES, FEEDS edges between datasets, and column-level
DERIVES_FROM edges where the parser can trace a view column to source columns.
"""

from __future__ import annotations

import logging

from sqlalchemy.engine.reflection import Inspector

from graph import Label
from identity import ids
from identity.namespaces import DatabaseNaming
from ingestors.base import Harvest, RunContext
from ingestors.database.inspect import Relation
from ingestors.sql_lineage import TableRef, add_sql_lineage, parse_sql

log = logging.getLogger(__name__)


def harvest_views(insp: Inspector, rels: list[Relation], naming: DatabaseNaming, harvest: Harvest,
                  ctx: RunContext) -> None:
    for rel in rels:
        if rel.kind != "view":
            continue
        try:
            sql = insp.get_view_definition(rel.name, schema=rel.schema)
        except Exception as exc:  # permissions, dialects without definitions
            ctx.warn(f"view definition of {rel.dataset_id} unavailable: {exc}")
            continue
        if not sql:
            continue
        harvest.node(Label.DATASET, rel.dataset_id, sql=sql)
        parsed = parse_sql(sql, naming.sql_dialect)
        if parsed is None:
            ctx.warn(f"view {rel.dataset_id}: definition did not parse; no lineage")
            continue

        # unqualified names: the search path's schema (PostgreSQL prints names that are
        # not on it qualified), or the view's own database on MySQL
        default = rel.schema if naming.one_level else (insp.default_schema_name or rel.schema)

        def resolve(t: TableRef, schema: str = default) -> str:
            return naming.dataset(t.schema or schema, t.name)

        namespace, name = ids.split_dataset_id(rel.dataset_id)
        job = ids.job_id(namespace, name)
        harvest.node(Label.JOB, job, namespace=namespace, name=name, type="VIEW", sql=sql,
                     description=f"definition of view {name}")
        add_sql_lineage(harvest, parsed, job=job, output=rel.dataset_id, resolve=resolve,
                        output_columns={c["name"] for c in rel.columns})
