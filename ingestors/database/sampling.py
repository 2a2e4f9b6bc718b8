"""Sample rows of a table: the one home of `SELECT col, ... FROM t LIMIT n`.

Two users: the classifier during a harvest (values handed to the run's `on_samples`
callback as ColumnSample lists, one call per table) and a product's live preview
(`catalog/preview`). Neither stores a value in the graph. SQLAlchemy renders the LIMIT
in each dialect's spelling; identifiers are quoted by the dialect, never interpolated.
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


def as_text(value: Any) -> str | None:
    """A sampled value as text, cut to MAX_VALUE_CHARS; binary values and NULLs are None."""
    if value is None or isinstance(value, bytes | bytearray | memoryview):
        return None
    return str(value)[:MAX_VALUE_CHARS]


def select_rows(conn: sa.Connection, schema: str | None, table: str, columns: list[str],
                n: int) -> list[tuple[Any, ...]]:
    """At most `n` rows of these columns (in this order), as the database returns them."""
    t = sa.table(table, *[sa.column(c) for c in columns], schema=schema)
    stmt = sa.select(*[t.c[c] for c in columns]).limit(n)
    return [tuple(r) for r in conn.execute(stmt).all()]


def timeout_args(dialect: str, seconds: float) -> dict[str, Any]:
    """connect_args bounding the connect and each statement to `seconds`, for the drivers
    this package installs (psycopg2, pymysql); other drivers get none."""
    s = max(1, round(seconds))
    if dialect == "postgresql":
        return {"connect_timeout": s, "options": f"-c statement_timeout={s * 1000}"}
    if dialect in ("mysql", "mariadb"):
        return {"connect_timeout": s, "read_timeout": s, "write_timeout": s}
    return {}


def sample_relation(engine: sa.Engine, rel: Relation, n: int) -> list[ColumnSample]:
    names = [c["name"] for c in rel.columns]
    if not names:
        return []
    with engine.connect() as conn:
        rows = select_rows(conn, rel.schema, rel.name, names, n)
    samples = []
    for i, col in enumerate(rel.columns):
        values = [v for v in (as_text(r[i]) for r in rows) if v is not None]
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
