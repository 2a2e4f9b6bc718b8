"""View definitions as lineage: a view is a job that reads its source tables.

The definition is parsed by `ingestors.sql` (sqlglot) in the database's dialect, with the
columns of the tables it names taken from this harvest or, for tables harvested elsewhere,
from the graph; each view becomes a Job with READS/WRITES, FEEDS edges between datasets and
typed column-level DERIVES_FROM edges. A definition that does not parse is recorded on the
view's job (`sql_parse_error`) and reported as a warning.
"""

from __future__ import annotations

import logging

from sqlalchemy.engine.reflection import Inspector

from graph import Label
from identity import ids
from identity.namespaces import DatabaseNaming
from ingestors.base import Harvest, RunContext
from ingestors.database.inspect import Relation
from ingestors.sql import SqlParseError, TableRef, analyze
from ingestors.sql.resolve import TableResolver
from ingestors.sql_lineage import add_column_lineage, add_table_lineage, parse_status

log = logging.getLogger(__name__)


def harvest_views(insp: Inspector, rels: list[Relation], naming: DatabaseNaming, harvest: Harvest,
                  ctx: RunContext) -> None:
    known = {r.dataset_id: [c["name"] for c in r.columns] for r in rels}
    dialect = naming.sql_dialect
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
        # unqualified names: the search path's schema (PostgreSQL prints names that are
        # not on it qualified), or the view's own database on MySQL
        default = rel.schema if naming.one_level else (insp.default_schema_name or rel.schema)

        def candidates(t: TableRef, schema: str = default) -> list[str]:
            return [naming.dataset(t.schema or schema, t.name)]

        resolver = TableResolver(candidates, known=known, store=ctx.store)
        namespace, name = ids.split_dataset_id(rel.dataset_id)
        job = ids.job_id(namespace, name)
        columns = [c["name"] for c in rel.columns]
        try:
            lineage = analyze(sql, dialect, resolve=resolver, output_columns=columns)
        except SqlParseError as exc:
            ctx.warn(f"view {rel.dataset_id}: definition did not parse ({exc}); no lineage")
            harvest.node(Label.JOB, job, namespace=namespace, name=name, type="VIEW", sql=sql,
                         description=f"definition of view {name}",
                         **parse_status(None, str(exc), dialect))
            continue
        harvest.node(Label.JOB, job, namespace=namespace, name=name, type="VIEW", sql=sql,
                     description=f"definition of view {name}",
                     **parse_status(lineage, None, dialect))

        def dataset_of(t: TableRef, r: TableResolver = resolver) -> str:
            return r.dataset(t) or candidates(t)[0]

        add_table_lineage(harvest, job=job, output=rel.dataset_id,
                          inputs=[dataset_of(t) for t in lineage.inputs])
        add_column_lineage(harvest, lineage, job=job, output=rel.dataset_id,
                           dataset_of=dataset_of, output_columns=columns,
                           input_columns=resolver.columns)
