"""The shipped OpenLineage JSON Schemas: loaded once into a registry, relaxed, refs inlined.

Inlining the `$ref`s of each definition ahead of time (cycles such as nested schema fields
stay references, resolved through the registry) spares jsonschema a lookup per reference
per event, which is most of its cost on facet-heavy events.
"""

from __future__ import annotations

import copy
import json
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any
from urllib.parse import urljoin

import jsonschema_rs
from referencing import Registry, Resource

CORE_ID = "https://openlineage.io/spec/2-0-2/OpenLineage.json"

# where a facet sits in an event -> the spec's base definition of facets found there
LOCATIONS = {"run": "RunFacet", "job": "JobFacet", "dataset": "DatasetFacet",
             "input": "InputDatasetFacet", "output": "OutputDatasetFacet"}
_FACET_MAPS = {"Run": "facets", "Job": "facets", "Dataset": "facets",
               "InputDataset": "inputFacets", "OutputDataset": "outputFacets"}


@dataclass(frozen=True)
class FacetSchema:
    """A facet definition: its inlined schema and the properties it defines (with types)."""

    name: str
    schema: dict[str, Any]
    properties: dict[str, str | None]


def _spec_dir():
    return resources.files(__package__).joinpath("spec")


def _load(path: str) -> dict[str, Any]:
    return json.loads(_spec_dir().joinpath(path).read_text(encoding="utf-8"))


def _relax_core(core: dict[str, Any]) -> dict[str, Any]:
    """The tolerated omissions (README, "OpenLineage tolerances") on a copy of the core schema.

    Facet maps are checked for shape only here: each facet is validated on its own, against
    its own schema (or the base facet for custom ones), so errors name the facet."""
    core = copy.deepcopy(core)
    defs = core["$defs"]
    defs["BaseEvent"]["required"] = [r for r in defs["BaseEvent"]["required"]
                                     if r != "schemaURL"]
    defs["BaseFacet"]["required"] = []
    for name, key in _FACET_MAPS.items():
        holder = defs[name]
        parts = [holder, *holder.get("allOf", [])]
        for part in parts:
            if key in part.get("properties", {}):
                part["properties"][key] = {"type": "object"}
    return core


def _documents() -> list[tuple[str, dict[str, Any]]]:
    return [(CORE_ID, _relax_core(_load("OpenLineage.json"))),
            *((doc["$id"], doc) for doc in facet_documents())]


@cache
def registry() -> Registry:
    return Registry().with_resources(
        (uri, Resource.from_contents(doc)) for uri, doc in _documents())


@cache
def compiled_registry() -> jsonschema_rs.Registry:
    """The same documents for the compiled validator (a recursive facet, such as the
    schema facet's nested fields, refers to them)."""
    return jsonschema_rs.Registry(_documents())


@cache
def facet_documents() -> tuple[dict[str, Any], ...]:
    folder = _spec_dir().joinpath("facets")
    names = sorted(p.name for p in folder.iterdir() if p.name.endswith(".json"))
    return tuple(_load(f"facets/{name}") for name in names)


def inline(ref: str) -> dict[str, Any]:
    """The schema at absolute `ref` with every non-recursive `$ref` replaced by its target."""
    resolved = registry().resolver().lookup(ref)
    return _flatten(_inline(resolved.contents, ref.split("#")[0], (ref,)))


def _inline(node: Any, base: str, stack: tuple[str, ...]) -> Any:
    if isinstance(node, list):
        return [_inline(item, base, stack) for item in node]
    if not isinstance(node, dict):
        return node
    if "$ref" in node:
        target = urljoin(base, node["$ref"])
        rest = {k: _inline(v, base, stack) for k, v in node.items() if k != "$ref"}
        if target in stack:  # a cycle (nested fields): leave it to the registry
            body: dict[str, Any] = {"$ref": target}
        else:
            resolved = registry().resolver().lookup(target)
            body = _inline(resolved.contents, target.split("#")[0], (*stack, target))
        return {"allOf": [body], **rest} if rest else body
    return {k: _inline(v, base, stack) for k, v in node.items()
            if k not in ("$id", "$schema", "$defs")}


_MERGEABLE = {"type", "properties", "required", "description", "example"}


def _flatten(node: Any) -> Any:
    """Fold `allOf` parts that only add properties into their parent: the same checks with
    fewer schema objects for jsonschema to descend into."""
    if isinstance(node, list):
        return [_flatten(item) for item in node]
    if not isinstance(node, dict):
        return node
    node = {k: _flatten(v) for k, v in node.items()}
    parts = node.get("allOf")
    if not isinstance(parts, list):
        return node
    kept = []
    for part in parts:
        if isinstance(part, dict) and set(part) <= _MERGEABLE and _merge_into(node, part):
            continue
        kept.append(part)
    if kept:
        node["allOf"] = kept
    else:
        node.pop("allOf")
    return node


def _merge_into(node: dict[str, Any], part: dict[str, Any]) -> bool:
    """Merge `part` into `node` when no property or type clashes; False leaves both alone."""
    if "type" in part and node.get("type", part["type"]) != part["type"]:
        return False
    props, mine = part.get("properties", {}), node.get("properties", {})
    if set(props) & set(mine):
        return False
    if "type" in part:
        node["type"] = part["type"]
    if props:
        node["properties"] = {**mine, **props}
    if part.get("required"):
        node["required"] = sorted(set(node.get("required", [])) | set(part["required"]))
    return True


def _own_properties(defn: dict[str, Any]) -> dict[str, str | None]:
    out: dict[str, str | None] = {}
    for part in [defn, *defn.get("allOf", [])]:
        for key, prop in part.get("properties", {}).items():
            out[key] = prop.get("type") if isinstance(prop, dict) else None
    return out


def _base_of(defn: dict[str, Any]) -> str | None:
    for part in defn.get("allOf", []):
        ref = part.get("$ref", "")
        if ref.startswith(CORE_ID):
            return ref.rsplit("/", 1)[-1]
    return None


@cache
def facet_schemas() -> dict[str, dict[str, FacetSchema]]:
    """location -> facet key -> its definition, for every facet the shipped spec knows."""
    by_base = {base: loc for loc, base in LOCATIONS.items()}
    out: dict[str, dict[str, FacetSchema]] = {loc: {} for loc in LOCATIONS}
    for doc in facet_documents():
        for key, prop in doc.get("properties", {}).items():
            # one key may name a definition per location (LineageFacet: job or dataset)
            refs = [prop.get("$ref")] + [a.get("$ref") for a in prop.get("anyOf", [])]
            for ref in filter(None, refs):
                name = ref.rsplit("/", 1)[-1]
                defn = doc["$defs"][name]
                base = _base_of(defn)
                if base in by_base:
                    base_props = _own_properties(registry().resolver().lookup(
                        f"{CORE_ID}#/$defs/BaseFacet").contents)
                    props = {**base_props, "_deleted": "boolean", **_own_properties(defn)}
                    out[by_base[base]][key] = FacetSchema(
                        name, inline(f"{doc['$id']}#/$defs/{name}"), props)
    return out


# the datasets of an event, checked one by one (and remembered) rather than with the event
DATASET_ITEMS = {"inputs": "InputDataset", "outputs": "OutputDataset", "dataset": "StaticDataset"}


def event_schema(kind: str) -> dict[str, Any]:
    """The schema of an event kind, its datasets reduced to "an object" (see dataset_schema)."""
    schema = inline(f"{CORE_ID}#/$defs/{kind}")
    for part in [schema, *schema.get("allOf", [])]:
        props = part.get("properties", {})
        for key in ("inputs", "outputs"):
            if key in props:
                props[key] = {**props[key], "items": {"type": "object"}}
        if "dataset" in props:
            props["dataset"] = {"type": "object"}
    return schema


def dataset_schema(key: str) -> dict[str, Any]:
    return inline(f"{CORE_ID}#/$defs/{DATASET_ITEMS[key]}")


def base_facet_schema(location: str) -> dict[str, Any]:
    return inline(f"{CORE_ID}#/$defs/{LOCATIONS[location]}")
