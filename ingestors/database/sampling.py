"""Sample N values per column for the classifier; the values never reach the graph.

One portable `SELECT col, ... FROM t LIMIT n` per table (SQLAlchemy renders the LIMIT in
each dialect's spelling); values go to the run's `on_samples` callback as ColumnSample
lists, one call per table.
"""

from __future__ import annotations

import logging
from typing import Any

import sqlalchemy as sa

from identity import ids
from ingestors.base import ColumnSample, RunContext
from ingestors.database.inspect import Relation

log = logging.getLogger(__name__)
MAX_VALUE_CHARS = 512


def _text(value: Any) -> str | None:
    """A sampled value as text; binary values and NULLs are skipped."""
    if value is None or isinstance(value, bytes | bytearray | memoryview):
        return None
    text = str(value)
    return text[:MAX_VALUE_CHARS]


def sample_relation(engine: sa.Engine, rel: Relation, n: int) -> list[ColumnSample]:
    names = [c["name"] for c in rel.columns]
    if not names:
        return []
    table = sa.table(rel.name, *[sa.column(c) for c in names], schema=rel.schema)
    stmt = sa.select(*[table.c[c] for c in names]).limit(n)
    with engine.connect() as conn:
        rows = conn.execute(stmt).all()
    samples = []
    for i, col in enumerate(rel.columns):
        values = [v for v in (_text(r[i]) for r in rows) if v is not None]
        samples.append(ColumnSample(
            dataset_id=rel.dataset_id, column_id=ids.column_id(rel.dataset_id, col["name"]),
            column=col["name"], type=str(col.get("type_name") or col["type"]), values=values))
    return samples


def sample(engine: sa.Engine, rels: list[Relation], n: int, ctx: RunContext) -> int:
    """Sample each table and hand the values over; returns the number of columns sampled."""
    assert ctx.on_samples is not None
    done = 0
    for rel in rels:
        if rel.kind != "table":
            continue
        try:
            samples = sample_relation(engine, rel, n)
        except sa.exc.SQLAlchemyError as exc:
            ctx.warn(f"sampling {rel.dataset_id} failed: {exc.__class__.__name__}")
            continue
        if samples:
            ctx.on_samples(samples)
            done += len(samples)
    return done
