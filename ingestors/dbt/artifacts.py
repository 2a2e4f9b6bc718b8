"""dbt artifacts (manifest v4-v12, catalog v1, run_results) read into one node shape.

Across manifest versions the differences that matter here are small: compiled SQL is
`compiled_sql` up to v6 and `compiled_code` from v7; `meta` and `tags` also live under
`config` in later versions; tests name their model in `attached_node` from v7 and only in
`depends_on` before. Everything else (nodes, sources, parent_map) keeps its shape.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

MIN_MANIFEST, MAX_MANIFEST = 4, 12
RELATION_TYPES = ("model", "seed", "snapshot", "source")
_VERSION = re.compile(r"/v(\d+)\.json$")


class ArtifactError(ValueError):
    """An artifact that cannot be read; `path` names the recipe key of the file."""

    def __init__(self, path: str, reason: str):
        self.path = path
        self.reason = reason
        super().__init__(f"{path}: {reason}")


def schema_version(doc: dict[str, Any]) -> int | None:
    url = (doc.get("metadata") or {}).get("dbt_schema_version") or ""
    m = _VERSION.search(url)
    return int(m.group(1)) if m else None


def load_json(path: Path, key: str) -> dict[str, Any]:
    try:
        doc = json.loads(path.read_text())
    except OSError as exc:
        raise ArtifactError(key, f"cannot read {path}: {exc.strerror}") from None
    except json.JSONDecodeError as exc:
        raise ArtifactError(key, f"{path} is not JSON: {exc}") from None
    if not isinstance(doc, dict):
        raise ArtifactError(key, f"{path} is not a dbt artifact (not an object)")
    return doc


@dataclass
class DbtNode:
    unique_id: str
    resource_type: str
    name: str
    package: str | None
    database: str | None
    schema: str | None
    relation: str               # the identifier in the warehouse (alias / identifier)
    description: str | None
    materialized: str | None
    tags: list[str]
    meta: dict[str, Any]
    columns: dict[str, dict[str, Any]]
    depends_on: list[str]
    compiled_sql: str | None = None
    test_name: str | None = None          # tests: generic test name (not_null, unique, ...)
    test_column: str | None = None
    attached_node: str | None = None
    test_kwargs: dict[str, Any] = field(default_factory=dict)

    @property
    def is_relation(self) -> bool:
        return self.resource_type in RELATION_TYPES and self.materialized != "ephemeral"


def _merged(node: dict[str, Any], key: str) -> Any:
    """`meta`/`tags` from the node and from its config (dbt >= 1.10 keeps them there)."""
    top = node.get(key)
    conf = (node.get("config") or {}).get(key)
    if key == "tags":
        return list(dict.fromkeys([*(top or []), *(conf or [])]))
    return {**(conf or {}), **(top or {})}


def _node(uid: str, n: dict[str, Any]) -> DbtNode:
    rtype = n.get("resource_type") or uid.split(".", 1)[0]
    config = n.get("config") or {}
    if rtype == "source":
        relation = n.get("identifier") or n["name"]
        materialized = None
    else:
        relation = n.get("alias") or n["name"]
        materialized = config.get("materialized") or (rtype if rtype == "seed" else None)
    test_meta = n.get("test_metadata") or {}
    kwargs = test_meta.get("kwargs") or {}
    return DbtNode(
        unique_id=uid, resource_type=rtype, name=n.get("name") or uid.rsplit(".", 1)[-1],
        package=n.get("package_name"), database=n.get("database"), schema=n.get("schema"),
        relation=relation, description=n.get("description") or None,
        materialized=materialized, tags=_merged(n, "tags"), meta=_merged(n, "meta"),
        columns={k: v for k, v in (n.get("columns") or {}).items() if isinstance(v, dict)},
        depends_on=list((n.get("depends_on") or {}).get("nodes") or []),
        compiled_sql=n.get("compiled_code") or n.get("compiled_sql"),
        test_name=test_meta.get("name") or (n.get("name") if rtype == "test" else None),
        test_column=kwargs.get("column_name") or n.get("column_name"),
        attached_node=n.get("attached_node"), test_kwargs=kwargs)


@dataclass
class Artifacts:
    version: int
    project: str
    adapter: str | None
    nodes: dict[str, DbtNode]
    parent_map: dict[str, list[str]]
    catalog: dict[str, dict[str, Any]]          # unique_id -> catalog entry
    results: dict[str, dict[str, Any]]          # unique_id -> run result

    def relations(self) -> list[DbtNode]:
        return [n for n in self.nodes.values() if n.is_relation]

    def tests(self) -> list[DbtNode]:
        return [n for n in self.nodes.values() if n.resource_type == "test"]


def load(manifest: Path, catalog: Path | None = None,
         run_results: Path | None = None) -> Artifacts:
    doc = load_json(manifest, "source.config.manifest_path")
    version = schema_version(doc)
    if version is None or "nodes" not in doc:
        raise ArtifactError("source.config.manifest_path",
                            f"{manifest} is not a dbt manifest (no dbt_schema_version/nodes)")
    if not MIN_MANIFEST <= version <= MAX_MANIFEST:
        raise ArtifactError("source.config.manifest_path",
                            f"manifest schema v{version} is not supported "
                            f"(v{MIN_MANIFEST} to v{MAX_MANIFEST})")
    nodes = {uid: _node(uid, n) for uid, n in (doc.get("nodes") or {}).items()}
    nodes.update({uid: _node(uid, n) for uid, n in (doc.get("sources") or {}).items()})
    parent_map = doc.get("parent_map") or {uid: n.depends_on for uid, n in nodes.items()}
    meta = doc.get("metadata") or {}
    cat: dict[str, dict[str, Any]] = {}
    if catalog is not None:
        cdoc = load_json(catalog, "source.config.catalog_path")
        if "nodes" not in cdoc:
            raise ArtifactError("source.config.catalog_path", f"{catalog} is not a dbt catalog")
        cat = {**(cdoc.get("nodes") or {}), **(cdoc.get("sources") or {})}
    results: dict[str, dict[str, Any]] = {}
    if run_results is not None:
        rdoc = load_json(run_results, "source.config.run_results_path")
        if "results" not in rdoc:
            raise ArtifactError("source.config.run_results_path",
                                f"{run_results} is not dbt run_results")
        results = {r["unique_id"]: r for r in rdoc["results"] if "unique_id" in r}
    packages = [n.package for n in nodes.values() if n.resource_type == "model" and n.package]
    project = meta.get("project_name") or (packages[0] if packages else manifest.stem)
    return Artifacts(version, project, meta.get("adapter_type"), nodes, parent_map, cat,
                     results)


def completed_at(result: dict[str, Any]) -> str | None:
    """When the node's execute step finished (the timing entry dbt writes per step)."""
    for step in result.get("timing") or []:
        if step.get("name") == "execute" and step.get("completed_at"):
            return step["completed_at"]
    return None
