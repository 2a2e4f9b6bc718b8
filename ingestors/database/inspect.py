"""Schemas, tables, views, columns and keys through SQLAlchemy's inspector.

The inspector's multi-table methods (`get_multi_columns`, `get_multi_pk_constraint`,
`get_multi_foreign_keys`, `get_multi_table_comment`) answer for a whole schema in one
catalog query on PostgreSQL (and loop per table on dialects without a bulk form), which is
what keeps a 2,000-table harvest to seconds.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine.reflection import Inspector, ObjectKind

from graph import Label, Rel
from identity import ids
from identity.namespaces import DatabaseNaming
from ingestors.base import Harvest, RunContext
from ingestors.database.config import DatabaseConfig

log = logging.getLogger(__name__)

SYSTEM_SCHEMAS = frozenset({"information_schema", "pg_catalog", "pg_toast", "mysql",
                            "performance_schema", "sys", "sqlite_temp"})


@dataclass
class Relation:
    """One table or view of a schema, as harvested."""

    schema: str
    name: str
    kind: str                      # table | view
    dataset_id: str
    materialized: bool = False
    columns: list[dict[str, Any]] = field(default_factory=list)


def type_name(col_type: Any, dialect: sa.Dialect) -> str:
    """The column type as the database spells it (`NUMERIC(4, 2)`, `TEXT[]`, an enum's name)."""
    try:
        return col_type.compile(dialect=dialect)
    except Exception:  # a type the dialect cannot render (NullType, exotic extensions)
        return str(getattr(col_type, "__visit_name__", type(col_type).__name__)).upper()


def schemas_to_harvest(insp: Inspector, cfg: DatabaseConfig, naming: DatabaseNaming) -> list[str]:
    names = insp.get_schema_names()
    explicit = "schemas" in cfg.model_fields_set
    if naming.one_level and naming.database and not explicit:
        return [naming.database] if naming.database in names else []
    return [s for s in names if s.lower() not in SYSTEM_SCHEMAS and cfg.schemas.allows(s)]


def _names(insp: Inspector, method: str, schema: str) -> list[str]:
    try:
        return list(getattr(insp, method)(schema=schema))
    except NotImplementedError:
        return []


def relations_of(insp: Inspector, schema: str, cfg: DatabaseConfig,
                 naming: DatabaseNaming) -> list[Relation]:
    """Tables (and views, unless turned off) of `schema` that the patterns allow."""
    kinds: list[tuple[str, bool, list[str]]] = [
        ("table", False, _names(insp, "get_table_names", schema))]
    if cfg.views:
        kinds.append(("view", False, _names(insp, "get_view_names", schema)))
        kinds.append(("view", True, _names(insp, "get_materialized_view_names", schema)))
    out = []
    for kind, materialized, names in kinds:
        for name in sorted(names):
            if cfg.tables.allows(name, f"{schema}.{name}"):
                out.append(Relation(schema, name, kind, naming.dataset(schema, name),
                                    materialized))
    return out


def _multi(insp: Inspector, method: str, schema: str, names: list[str],
           kind: ObjectKind) -> dict[tuple[str | None, str], Any]:
    if not names:
        return {}
    try:
        return getattr(insp, method)(schema=schema, filter_names=names, kind=kind)
    except NotImplementedError:
        return {}


def harvest_schema(insp: Inspector, schema: str, rels: list[Relation], cfg: DatabaseConfig,
                   naming: DatabaseNaming, harvest: Harvest, ctx: RunContext) -> None:
    """Datasets, columns, keys and comments of one schema's relations."""
    dialect = insp.bind.dialect
    by_kind = {
        ObjectKind.TABLE: [r.name for r in rels if r.kind == "table"],
        ObjectKind.VIEW: [r.name for r in rels if r.kind == "view" and not r.materialized],
        ObjectKind.MATERIALIZED_VIEW: [r.name for r in rels if r.materialized],
    }
    columns: dict[tuple[str | None, str], list[dict[str, Any]]] = {}
    pks: dict[tuple[str | None, str], Any] = {}
    fks: dict[tuple[str | None, str], Any] = {}
    comments: dict[tuple[str | None, str], Any] = {}
    for kind, names in by_kind.items():
        columns.update(_multi(insp, "get_multi_columns", schema, names, kind))
        comments.update(_multi(insp, "get_multi_table_comment", schema, names, kind))
    pks.update(_multi(insp, "get_multi_pk_constraint", schema, by_kind[ObjectKind.TABLE],
                      ObjectKind.TABLE))
    fks.update(_multi(insp, "get_multi_foreign_keys", schema, by_kind[ObjectKind.TABLE],
                      ObjectKind.TABLE))

    def get(d: dict, name: str) -> Any:
        return d.get((schema, name), d.get((None, name)))

    for rel in rels:
        comment = (get(comments, rel.name) or {}).get("text")
        props: dict[str, Any] = {
            "namespace": ids.split_dataset_id(rel.dataset_id)[0],
            "name": ids.split_dataset_id(rel.dataset_id)[1],
            "platform": naming.platform, "kind": rel.kind, "schema": schema,
            "database": naming.database if not naming.one_level else schema,
            "table": rel.name, "materialized": rel.materialized or None, "comment": comment,
        }
        if comment:
            props["description"] = comment
        harvest.node(Label.DATASET, rel.dataset_id, **props)
        pk_cols = set((get(pks, rel.name) or {}).get("constrained_columns") or [])
        rel.columns = get(columns, rel.name) or []
        for ordinal, col in enumerate(rel.columns, start=1):
            col_id = ids.column_id(rel.dataset_id, col["name"])
            default = col.get("default")
            computed = col.get("computed")
            cprops: dict[str, Any] = {
                "name": col["name"], "path": col["name"],
                "type": type_name(col["type"], dialect), "nullable": bool(col["nullable"]),
                "default": None if default is None else str(default),
                "comment": col.get("comment"), "ordinal": ordinal,
                "primary_key": col["name"] in pk_cols,
                "computed": str(computed["sqltext"]) if computed else None,
            }
            col["type_name"] = cprops["type"]
            if col.get("comment"):
                cprops["description"] = col["comment"]
            harvest.node(Label.COLUMN, col_id, **cprops)
            harvest.edge(Rel.HAS_COLUMN, rel.dataset_id, col_id)
        for fk in get(fks, rel.name) or []:
            _foreign_key(fk, rel, schema, insp.default_schema_name, naming, harvest, ctx)


def _foreign_key(fk: dict[str, Any], rel: Relation, schema: str, default_schema: str | None,
                 naming: DatabaseNaming, harvest: Harvest, ctx: RunContext) -> None:
    """(Column)-[:REFERENCES]->(Column), one edge per column pair of the key."""
    ref_schema = fk.get("referred_schema") or (default_schema if not naming.one_level
                                               else schema) or schema
    target = naming.dataset(ref_schema, fk["referred_table"])
    pairs = list(zip(fk["constrained_columns"], fk["referred_columns"], strict=False))
    if len(fk["constrained_columns"]) != len(fk["referred_columns"]):
        ctx.warn(f"foreign key {fk.get('name')} on {rel.dataset_id}: column counts differ")
    for src, dst in pairs:
        harvest.edge(Rel.REFERENCES, ids.column_id(rel.dataset_id, src),
                     ids.column_id(target, dst), constraint=fk.get("name"))


def row_counts(engine: sa.Engine, rels: Iterable[Relation], harvest: Harvest,
               ctx: RunContext) -> None:
    """Exact row counts of tables (a scan each, so off by default)."""
    for rel in rels:
        if rel.kind != "table":
            continue
        stmt = sa.select(sa.func.count()).select_from(sa.table(rel.name, schema=rel.schema))
        try:
            with engine.connect() as conn:
                n = conn.execute(stmt).scalar_one()
        except sa.exc.SQLAlchemyError as exc:
            ctx.warn(f"row count of {rel.dataset_id} failed: {exc.__class__.__name__}")
            continue
        harvest.node(Label.DATASET, rel.dataset_id, row_count=int(n))
