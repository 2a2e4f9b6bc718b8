"""The `dbt` source: manifest.json (+ catalog.json, run_results.json) into the graph.

Models, seeds, snapshots and sources become Datasets named as OpenLineage's dbt
integration names them (namespace from the adapter and target, name database.schema.table),
so they meet the same tables harvested from the warehouse or seen in lineage events.
"""

from __future__ import annotations

import logging
from functools import cached_property
from pathlib import Path
from typing import Any

from graph import Label, Rel
from graph.props import json_prop
from identity import ids
from identity.namespaces import NamespaceError, dbt_namespace
from ingestors.base import Harvest, Source
from ingestors.dbt.artifacts import Artifacts, DbtNode, completed_at, load
from ingestors.dbt.config import DbtConfig, TargetConfig
from ingestors.dbt.lineage import add_model_lineage
from ingestors.sql import TableRef

log = logging.getLogger(__name__)


def _owners(meta: dict[str, Any]) -> list[str]:
    owner = meta.get("owner")
    if isinstance(owner, str):
        return [o.strip() for o in owner.split(",") if o.strip()]
    if isinstance(owner, list):
        return [str(o) for o in owner if o]
    return []


def _kind(node: DbtNode, catalog: dict[str, Any]) -> str:
    ctype = ((catalog or {}).get("metadata") or {}).get("type") or ""
    if node.materialized in ("view", "materialized_view") or "VIEW" in ctype.upper():
        return "view"
    return "table"


class TargetError(ValueError):
    """The recipe's target cannot name datasets; `path` is the recipe key to set."""

    def __init__(self, exc: NamespaceError):
        if exc.field is None:
            super().__init__(f"{exc}: set source.config.namespace")
            self.path = "source.config.namespace"
        else:
            self.path = f"source.config.target.{exc.field}"
            super().__init__(f"{exc}: set {self.path} (or source.config.namespace)")


def target_namespace(adapter: str, target: TargetConfig, base_dir: Path | None = None) -> str:
    """The dataset namespace of the recipe's dbt target (`identity.namespaces`)."""
    try:
        return dbt_namespace(adapter, target, base_dir)
    except NamespaceError as exc:
        raise TargetError(exc) from None


class DbtSource(Source):
    type = "dbt"
    source = "dbt"
    config_class = DbtConfig
    config: DbtConfig

    @cached_property
    def artifacts(self) -> Artifacts:
        c = self.config
        return load(self.ctx.path(c.manifest_path),
                    self.ctx.path(c.catalog_path) if c.catalog_path else None,
                    self.ctx.path(c.run_results_path) if c.run_results_path else None)

    @cached_property
    def adapter(self) -> str:
        adapter = self.config.target.type or self.artifacts.adapter
        if not adapter and not self.config.namespace:
            raise ValueError("the manifest names no adapter_type: set "
                             "source.config.target.type or source.config.namespace")
        return adapter or "unknown"

    @cached_property
    def namespace(self) -> str:
        if self.config.namespace:
            return self.config.namespace
        return target_namespace(self.adapter, self.config.target, self.ctx.base_dir)

    @property
    def scope(self) -> str:
        return f"dbt:{self.artifacts.project}@{self.namespace}"

    # -- naming ---------------------------------------------------------------------------
    def dataset_of(self, node: DbtNode) -> str:
        name = ".".join(p for p in (node.database, node.schema, node.relation) if p)
        return ids.dataset_id(self.namespace, name)

    @cached_property
    def _by_relation(self) -> dict[tuple[str, str, str], str]:
        return {((n.database or "").lower(), (n.schema or "").lower(), n.relation.lower()):
                self.dataset_of(n) for n in self.artifacts.relations()}

    def resolve_table(self, t: TableRef, node: DbtNode) -> str:
        db, schema = t.database or node.database or "", t.schema or node.schema or ""
        known = self._by_relation.get((db.lower(), schema.lower(), t.name.lower()))
        if known:
            return known
        return ids.dataset_id(self.namespace, ".".join(p for p in (db, schema, t.name) if p))

    def columns_of(self, node: DbtNode) -> list[str]:
        """The relation's columns: catalog.json's in their order, then the manifest's."""
        cat = self.artifacts.catalog.get(node.unique_id) or {}
        cols = sorted((cat.get("columns") or {}).items(),
                      key=lambda kv: (kv[1] or {}).get("index") or 0)
        names = [name for name, _ in cols]
        seen = {n.lower() for n in names}
        return names + [n for n in node.columns if n.lower() not in seen]

    @cached_property
    def known_columns(self) -> dict[str, list[str]]:
        """Every relation's columns by dataset id: the schemas the SQL parser expands."""
        return {self.dataset_of(n): cols for n in self.artifacts.relations()
                if (cols := self.columns_of(n))}

    # -- harvest --------------------------------------------------------------------------
    def harvest(self) -> Harvest:
        arts, cfg = self.artifacts, self.config
        harvest = Harvest(self.source)
        nodes = [n for n in arts.relations() if cfg.nodes.allows(n.unique_id, n.name)]
        bar = self.ctx.bar(len(nodes), "reading dbt")
        try:
            for node in nodes:
                self._dataset(node, harvest)
                if node.resource_type in ("model", "snapshot"):
                    warning = add_model_lineage(
                        arts, node, harvest, dataset_of=self.dataset_of,
                        job_namespace=cfg.job_namespace, column_lineage=cfg.column_lineage,
                        resolve_table=self.resolve_table, known_columns=self.known_columns,
                        store=self.ctx.store)
                    if warning:
                        self.ctx.warn(warning)
                bar.update(1)
        finally:
            bar.close()
        if cfg.tests:
            self._assertions({n.unique_id for n in nodes}, harvest)
        harvest.report.update(dbt_project=arts.project, manifest_version=f"v{arts.version}",
                              relations=len(nodes))
        return harvest

    def _dataset(self, node: DbtNode, harvest: Harvest) -> None:
        cat = self.artifacts.catalog.get(node.unique_id) or {}
        result = self.artifacts.results.get(node.unique_id) or {}
        ds = self.dataset_of(node)
        namespace, name = ids.split_dataset_id(ds)
        props: dict[str, Any] = {
            "namespace": namespace, "name": name, "platform": self.adapter,
            "kind": _kind(node, cat), "database": node.database, "schema": node.schema,
            "table": node.relation,
            "dbt_unique_ids": sorted({*self._prior(harvest, ds), node.unique_id}),
            "dbt_resource_type": node.resource_type, "dbt_materialized": node.materialized,
            "dbt_project": self.artifacts.project,
            "last_run_status": result.get("status"), "last_run_at": completed_at(result),
        }
        if node.description:
            props["description"] = node.description
        # None would remove a property: leave what another source (the warehouse harvest of
        # the same table) knows alone
        harvest.node(Label.DATASET, ds, **{k: v for k, v in props.items() if v is not None})
        self._columns(node, ds, cat, harvest)
        for tag in node.tags:
            harvest.node(Label.TAG, ids.tag_id(tag), name=tag)
            harvest.edge(Rel.TAGGED, ds, ids.tag_id(tag))
        for owner in _owners(node.meta):
            kind = "user" if "@" in owner else "team"
            oid = ids.owner_id(owner, kind)
            harvest.node(Label.OWNER, oid, name=owner, type=kind,
                         **({"email": owner} if kind == "user" else {}))
            harvest.edge(Rel.OWNED_BY, ds, oid, role="owner")

    @staticmethod
    def _prior(harvest: Harvest, ds: str) -> list[str]:
        """dbt ids already seen for this relation (a seed and a source of one table)."""
        return harvest.nodes[Label.DATASET].get(ds, {}).get("dbt_unique_ids", [])

    def _columns(self, node: DbtNode, ds: str, cat: dict[str, Any], harvest: Harvest) -> None:
        """Types and order from the catalog, descriptions and tags from the manifest."""
        cat_cols = cat.get("columns") or {}
        declared = {k.lower(): v for k, v in node.columns.items()}
        names = list(cat_cols) + [k for k in node.columns
                                  if k.lower() not in {c.lower() for c in cat_cols}]
        for i, col in enumerate(names, start=1):
            c = cat_cols.get(col) or {}
            m = declared.get(col.lower()) or {}
            cid = ids.column_id(ds, col)
            props: dict[str, Any] = {
                "name": col, "path": col, "type": c.get("type") or m.get("data_type"),
                "ordinal": c.get("index") or i, "comment": c.get("comment")}
            if m.get("description"):
                props["description"] = m["description"]
            harvest.node(Label.COLUMN, cid, **{k: v for k, v in props.items() if v is not None})
            harvest.edge(Rel.HAS_COLUMN, ds, cid)
            for tag in dict.fromkeys([*(m.get("tags") or []),
                                      *((m.get("config") or {}).get("tags") or [])]):
                harvest.node(Label.TAG, ids.tag_id(tag), name=tag)
                harvest.edge(Rel.TAGGED, cid, ids.tag_id(tag))

    def _assertions(self, included: set[str], harvest: Harvest) -> None:
        """dbt tests as quality assertions on the dataset they test (a JSON property, in
        the shape of OpenLineage's dataQualityAssertions facet plus the test's status)."""
        arts = self.artifacts
        per_dataset: dict[str, list[dict[str, Any]]] = {}
        for test in arts.tests():
            target = test.attached_node
            if target is None:
                cands = [p for p in test.depends_on
                         if p in arts.nodes and arts.nodes[p].is_relation]
                model_ref = str(test.test_kwargs.get("model") or "")
                named = [p for p in cands if f"'{arts.nodes[p].name}'" in model_ref]
                target = (named or cands or [None])[0]
            if target not in included:
                continue
            result = arts.results.get(test.unique_id) or {}
            status = result.get("status")
            per_dataset.setdefault(self.dataset_of(arts.nodes[target]), []).append({
                "test": test.unique_id, "assertion": test.test_name,
                "column": test.test_column, "status": status or "not run",
                "success": None if status is None else status in ("pass", "success")})
        for ds, assertions in per_dataset.items():
            assertions.sort(key=lambda a: a["test"])
            harvest.node(Label.DATASET, ds, quality_assertions=json_prop(assertions))
