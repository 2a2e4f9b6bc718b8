"""`ownership` facets to Owners, `tags` facets (and schema field tags) to Tags.

A facet lists the owners or tags of its entity as of the event: edges of ours that the
facet no longer lists are closed (valid_to), never deleted; a steward's are left alone.
"""

from __future__ import annotations

from typing import Any

from graph import Label, Rel
from identity import ids
from ingestors.openlineage.mapping.context import Context

_OWNER_KINDS = {"user", "team", "group", "application", "service", "role", "org"}


def owner(ctx: Context, raw_name: str) -> str:
    """An Owner from an OpenLineage owner name such as `user:jdoe` or `team:data`."""
    kind, _, rest = raw_name.partition(":")
    if rest and kind.lower() in _OWNER_KINDS:
        kind, name = kind.lower(), rest
    else:
        kind, name = ("user" if "@" in raw_name else "team"), raw_name
    node = ids.owner_id(name, kind)
    props: dict[str, Any] = {"name": name, "type": kind}
    if "@" in name:
        props["email"] = name
    ctx.plan.node(Label.OWNER, node, **props)
    return node


def ownership(ctx: Context, label: Label, entity: str, facet: Any) -> None:
    if not isinstance(facet, dict):
        return
    owners = set()
    if not facet.get("_deleted"):
        for item in facet.get("owners") or []:
            if isinstance(item, dict) and isinstance(item.get("name"), str) and item["name"]:
                node = owner(ctx, item["name"])
                owners.add(node)
                ctx.plan.edge(Rel.OWNED_BY, entity, node,
                              role=str(item.get("type") or "owner").lower())
    ctx.plan.replace(label, Rel.OWNED_BY, Label.OWNER, entity, owners)


def tag_name(key: str, value: Any) -> str:
    text = "" if value is None else str(value)
    return key if text.lower() in ("", "true", key.lower()) else f"{key}:{text}"


def tag(ctx: Context, entity: str, key: str, value: Any = None,
        origin: str | None = None) -> str:
    name = tag_name(key, value)
    node = ctx.plan.node(Label.TAG, ids.tag_id(name), name=name, key=key,
                         value=None if value is None else str(value))
    ctx.plan.edge(Rel.TAGGED, entity, node, origin=origin)
    return node


def tags(ctx: Context, label: Label, entity: str, facet: Any,
         column_of=None) -> None:
    """A tags facet; entries with a `field` tag that column (via `column_of(field)`)."""
    if not isinstance(facet, dict):
        return
    listed = set()
    if not facet.get("_deleted"):
        for item in facet.get("tags") or []:
            if not isinstance(item, dict) or not item.get("key"):
                continue
            target = entity
            if item.get("field") and column_of is not None:
                target = column_of(item["field"])
            node = tag(ctx, target, str(item["key"]), item.get("value"), item.get("source"))
            if target == entity:
                listed.add(node)
    ctx.plan.replace(label, Rel.TAGGED, Label.TAG, entity, listed)


def field_tags(ctx: Context, column: str, values: Any) -> None:
    """Tags on a schema field: Marquez sends names, newer producers key/value objects."""
    for item in values if isinstance(values, list) else []:
        if isinstance(item, str) and item:
            tag(ctx, column, item)
        elif isinstance(item, dict) and item.get("key"):
            tag(ctx, column, str(item["key"]), item.get("value"), item.get("source"))
