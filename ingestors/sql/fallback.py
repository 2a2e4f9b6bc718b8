"""openlineage-sql, kept only where it still wins over sqlglot: statements sqlglot cannot
parse or reads only as an opaque command (MySQL `REPLACE INTO ... SELECT`, Snowflake
`COPY INTO ... FROM`, `CREATE TABLE ... CLONE`). Its column lineage carries no
transformation types, so its edges have none (propagation reads that as a copy, the safe
side for personal data) and a low confidence.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

import openlineage_sql

from identity import platforms
from ingestors.sql.model import Lineage, TableRef

log = logging.getLogger(__name__)
CONFIDENCE = 0.5
# sqlglot's dialect -> openlineage-sql's (its own names where they differ)
_DIALECTS = {"tsql": "mssql", "spark": "hive", "spark2": "hive", "databricks": "databricks"}


def _dialect(dialect: str | None) -> str:
    name = _DIALECTS.get(dialect or "", dialect or "generic")
    return name if name in platforms.SQL_DIALECTS else "generic"


def _ref(meta: object) -> TableRef:
    return TableRef(getattr(meta, "database", None), getattr(meta, "schema", None),
                    meta.name)  # type: ignore[attr-defined]


def analyze(sql: str, dialect: str | None,
            resolve: Callable[[TableRef], tuple[TableRef, object]] | None = None
            ) -> Lineage | None:
    """Lineage as openlineage-sql reads it; None when it reads nothing either."""
    try:
        meta = openlineage_sql.parse([sql], dialect=_dialect(dialect))
    except BaseException as exc:  # noqa: BLE001 - the Rust parser panics (BaseException)
        if isinstance(exc, KeyboardInterrupt | SystemExit):
            raise
        log.debug("openlineage-sql failed: %s", exc)
        return None
    if not meta.out_tables and not meta.in_tables:
        return None

    def canon(meta_table: object) -> TableRef:
        ref = _ref(meta_table)
        return resolve(ref)[0] if resolve is not None else ref

    out = Lineage(kind="OPENLINEAGE_SQL", confidence=CONFIDENCE,
                  output=canon(meta.out_tables[0]) if len(meta.out_tables) == 1 else None,
                  inputs=list(dict.fromkeys(canon(t) for t in meta.in_tables)),
                  warnings=["lineage from openlineage-sql: no transformation types"])
    for cl in meta.column_lineage:
        for c in cl.lineage:
            if c.origin is not None:
                out.columns.setdefault(cl.descendant.name, {}).setdefault(
                    (canon(c.origin), c.name), set())
    return out
