"""Dataset identity: `symlinks` (and a RENAME's previous name) make one node of many names.

The first name the catalog knew a dataset by stays its node: an event naming a dataset by
a new name with a symlink to a known one lands on the known node, and every other name
becomes an alias `(alias)-[:SAME_AS]->(node)` that later events resolve through.
Edges already on a node that becomes an alias are not moved.
"""

from __future__ import annotations

from graph import Label, Rel
from identity import ids
from ingestors.openlineage.events import DatasetRef
from ingestors.openlineage.mapping import naming
from ingestors.openlineage.mapping.context import Context


def _symlink_names(ref: DatasetRef) -> list[tuple[str, str, str | None]]:
    facet = ref.facets.get("symlinks")
    if not isinstance(facet, dict) or facet.get("_deleted"):
        return []
    out = []
    for item in facet.get("identifiers") or []:
        ns, name = item.get("namespace"), item.get("name")
        if isinstance(ns, str) and ns and isinstance(name, str) and name:
            out.append((ns, name, item.get("type")))
    return out


def _previous_name(ref: DatasetRef) -> list[tuple[str, str, str | None]]:
    """A RENAME's previousIdentifier: an earlier name of the dataset, like a symlink."""
    facet = ref.facets.get("lifecycleStateChange")
    if not isinstance(facet, dict) or facet.get("_deleted") or \
            str(facet.get("lifecycleStateChange") or "").upper() != "RENAME":
        return []
    prev = facet.get("previousIdentifier")
    ns, name = (prev.get("namespace"), prev.get("name")) if isinstance(prev, dict) else (0, 0)
    return [(ns, name, None)] if isinstance(ns, str) and ns and isinstance(name, str) and name \
        else []


def _choose(ctx: Context, ref: DatasetRef, others: list[str]) -> str:
    for name in [ref.id, *others]:
        resolved = ctx.canonical(name)
        if resolved != name:
            return resolved
    if ctx.exists(ref.id):
        return ref.id
    return next((name for name in others if ctx.exists(name)), ref.id)


def alias(ctx: Context, name_id: str, namespace: str, name: str, canonical: str,
          symlink_type: str | None = None) -> None:
    """Make `name_id` resolve to `canonical` (a stub node and a SAME_AS edge)."""
    if name_id == canonical or ctx.canonical(name_id) == canonical:
        return
    ctx.plan.stub(Label.DATASET, name_id, namespace=namespace, name=name,
                  platform=naming.platform(namespace), symlink_type=symlink_type)
    ctx.plan.edge(Rel.SAME_AS, name_id, canonical)
    ctx.plan.aliases[name_id] = canonical


def resolve(ctx: Context) -> None:
    """Decide the node of every dataset the event names; record aliases for its symlinks."""
    for ref in ctx.event.datasets():
        links = [(ids.dataset_id(ns, name), ns, name, kind)
                 for ns, name, kind in [*_symlink_names(ref), *_previous_name(ref)]]
        links = [link for link in links if link[0] != ref.id]
        canonical = _choose(ctx, ref, [link[0] for link in links])
        ctx.canon[ref.path] = canonical
        if canonical != ref.id:
            alias(ctx, ref.id, ref.namespace, ref.name, canonical)
        for name_id, ns, name, kind in links:
            alias(ctx, name_id, ns, name, canonical, kind)


def referenced_datasets(event) -> set[str]:
    """Every dataset id an event names: its datasets, their symlinks, previous names and
    the inputs of their column lineage (what the batch looks up before mapping)."""
    out: set[str] = set()
    names: set[tuple[str, str]] = set()
    for ref in event.datasets():
        out.add(ref.id)
        names.update((ns, name) for ns, name, _ in _symlink_names(ref))
        life = ref.facets.get("lifecycleStateChange")
        prev = life.get("previousIdentifier") if isinstance(life, dict) else None
        if isinstance(prev, dict):
            names.add((prev.get("namespace"), prev.get("name")))
        lineage = ref.facets.get("columnLineage")
        if isinstance(lineage, dict):
            fields = lineage.get("fields")
            for spec in fields.values() if isinstance(fields, dict) else ():
                for item in (spec.get("inputFields") or ()) if isinstance(spec, dict) else ():
                    if isinstance(item, dict):
                        names.add((item.get("namespace"), item.get("name")))
            for item in lineage.get("dataset") or ():
                if isinstance(item, dict):
                    names.add((item.get("namespace"), item.get("name")))
    out.update(ids.dataset_id(str(ns), str(name)) for ns, name in names if ns and name)
    return out
