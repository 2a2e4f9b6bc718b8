"""Run a recipe: harvest, diff against the scope, guard, write in batches, close the stale.

The mass-close guard is checked on the diff *before* the first write, so a run that would
close too much writes nothing at all (not even its upserts). The store's `close_stale`
checks the same ratio again after the writes; both count the scope's open facts after the
run (what it had plus what this run adds) against those this run no longer sees.

Unchanged facts are not rewritten: each written row carries a `fingerprint` of its
properties, and a fact whose fingerprint matches what the scope holds is only marked seen
(`last_seen`) by one statement per label. That keeps a re-harvest of an unchanged system
cheap while staleness still works on `last_seen`, as `close_stale` expects.
"""

from __future__ import annotations

import hashlib
import json
import logging
import time
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from catalog import audit
from catalog.audit import Actor
from graph import GraphStore, Label, Rel, StaleGuardError
from graph.harvest import (
    created_since,
    open_node_ids,
    scope_edge_keys,
    scope_node_ids,
    touch_scope,
)
from graph.labels import label_of
from graph.props import now_iso
from ingestors.base import Harvest, RunContext, RunSummary, SampleCallback, Source
from ingestors.recipe import LoadedRecipe

log = logging.getLogger(__name__)
BATCH = 5000  # rows per transaction: one UNWIND per label or relationship per batch


def fingerprint(props: dict[str, Any], source: str) -> str:
    text = json.dumps([source, props], sort_keys=True, default=str)
    return hashlib.blake2b(text.encode(), digest_size=8).hexdigest()


@dataclass
class Plan:
    """The diff of a harvest against its scope."""

    scope: str
    added: dict[str, int] = field(default_factory=dict)      # new to this scope
    updated: dict[str, int] = field(default_factory=dict)    # owned, changed
    unchanged: dict[str, int] = field(default_factory=dict)  # owned, same fingerprint
    stale: dict[str, int] = field(default_factory=dict)
    total: int = 0
    write_nodes: dict[Label, list[str]] = field(default_factory=dict)
    write_edges: dict[Rel, list[tuple[str, str]]] = field(default_factory=dict)
    stale_nodes: dict[Label, set[str]] = field(default_factory=dict)
    stale_edges: dict[Rel, set[tuple[str, str]]] = field(default_factory=dict)
    unchanged_labels: set[Label] = field(default_factory=set)
    unchanged_rels: set[Rel] = field(default_factory=set)

    @property
    def stale_count(self) -> int:
        return sum(self.stale.values())


def drop_dangling_edges(store: GraphStore, harvest: Harvest, ctx: RunContext) -> None:
    """Drop edges whose far end is neither harvested nor in the graph, with a warning."""
    outside: dict[Label, set[str]] = defaultdict(set)
    for keys in harvest.edges.values():
        for src, dst in keys:
            for end in (src, dst):
                if not harvest.has(end):
                    outside[label_of(end)].add(end)
    if not outside:
        return
    known: set[str] = set()
    for label, node_ids in outside.items():
        known |= open_node_ids(store, label, node_ids)
    for rel, keys in harvest.edges.items():
        missing = [k for k in keys if not all(harvest.has(e) or e in known for e in k)]
        for k in missing:
            del keys[k]
        if missing:
            ctx.warn(f"{len(missing)} {rel} edge(s) skipped: an endpoint is neither harvested "
                     f"nor in the catalog (first: {missing[0][0]} -> {missing[0][1]})")


def stamp(harvest: Harvest) -> None:
    """Add each row's fingerprint (over its properties and provenance) as a property."""
    for rows in harvest.nodes.values():
        for node_id, props in rows.items():
            props.pop("fingerprint", None)
            props["fingerprint"] = fingerprint(
                props, harvest.node_source.get(node_id, harvest.source))
    for rel, keys in harvest.edges.items():
        for (src, dst), props in keys.items():
            props.pop("fingerprint", None)
            props["fingerprint"] = fingerprint(
                props, harvest.edge_source.get((rel, src, dst), harvest.source))


def _diff(p: Plan, key: str, seen: dict, owned: dict[Any, str | None],
          closable: bool) -> tuple[list, set]:
    """(keys to write, stale keys) of one label or relationship type."""
    to_write = [k for k, props in seen.items() if owned.get(k, "") != props["fingerprint"]]
    if seen:
        new = sum(1 for k in to_write if k not in owned)
        p.added[key], p.updated[key] = new, len(to_write) - new
        p.unchanged[key] = len(seen) - len(to_write)
    stale: set = set()
    if closable:
        stale = owned.keys() - seen.keys()
        p.total += len(owned.keys() | seen.keys())
        if stale:
            p.stale[key] = len(stale)
    return to_write, stale


def plan(store: GraphStore, source: Source, harvest: Harvest) -> Plan:
    """Diff the harvest against what its scope owns: one read per label/type."""
    stamp(harvest)
    p = Plan(source.scope)
    closable_labels = set(source.closable_labels())
    closable_rels = set(source.closable_rels())
    for label in Label:
        seen = harvest.nodes.get(label, {})
        if label not in closable_labels and not seen:
            continue
        owned = scope_node_ids(store, p.scope, label)
        to_write, stale = _diff(p, label.value, seen, owned, label in closable_labels)
        p.write_nodes[label], p.stale_nodes[label] = to_write, stale
        if len(to_write) < len(seen):
            p.unchanged_labels.add(label)
    for rel in Rel:
        seen_edges = harvest.edges.get(rel, {})
        if rel not in closable_rels and not seen_edges:
            continue
        owned_edges = scope_edge_keys(store, p.scope, rel)
        to_write, stale = _diff(p, rel.value, seen_edges, owned_edges, rel in closable_rels)
        p.write_edges[rel], p.stale_edges[rel] = to_write, stale
        if len(to_write) < len(seen_edges):
            p.unchanged_rels.add(rel)
    return p


def check_guard(p: Plan, max_ratio: float) -> None:
    if p.total and p.stale_count / p.total > max_ratio:
        raise StaleGuardError(p.scope, p.stale_count, p.total, max_ratio)


def _batches(rows: list[dict[str, Any]], size: int = BATCH) -> Iterable[list[dict[str, Any]]]:
    for k in range(0, len(rows), size):
        yield rows[k:k + size]


def write(store: GraphStore, source: Source, harvest: Harvest, p: Plan,
          ctx: RunContext) -> None:
    """Upsert new and changed nodes, then edges (one transaction per batch of one label or
    type), then mark the unchanged ones seen."""
    scope = source.scope
    total = sum(map(len, p.write_nodes.values())) + sum(map(len, p.write_edges.values()))
    bar = ctx.bar(total, f"writing {source.type}")
    try:
        for label, node_ids in p.write_nodes.items():
            by_source: dict[str, list[dict[str, Any]]] = defaultdict(list)
            for node_id in node_ids:
                by_source[harvest.node_source.get(node_id, harvest.source)].append(
                    {"id": node_id, **harvest.nodes[label][node_id]})
            for prov, group in by_source.items():
                for chunk in _batches(group):
                    store.write(lambda tx, c=chunk, s=prov, lab=label: tx.upsert_nodes(
                        lab, c, source=s, scope=scope))
                    bar.update(len(chunk))
        for rel, keys in p.write_edges.items():
            by_source = defaultdict(list)
            for src, dst in keys:
                prov = harvest.edge_source.get((rel, src, dst), harvest.source)
                by_source[prov].append({"src": src, "dst": dst, **harvest.edges[rel][(src, dst)]})
            for prov, group in by_source.items():
                for chunk in _batches(group):
                    store.write(lambda tx, c=chunk, s=prov, r=rel: tx.upsert_edges(
                        r, c, source=s, scope=scope))
                    bar.update(len(chunk))
    finally:
        bar.close()
    for label in p.unchanged_labels:
        touch_scope(store, scope, label=label, stale=p.stale_nodes.get(label, ()))
    for rel in p.unchanged_rels:
        touch_scope(store, scope, rel=rel, stale=p.stale_edges.get(rel, ()))


def count_created(store: GraphStore, p: Plan, since: str) -> tuple[dict[str, int],
                                                                     dict[str, int]]:
    """(added, updated) after a write: what was created vs what existed. Only labels with
    rows new to the scope are counted (they may have existed under another scope)."""
    added, updated = dict(p.added), dict(p.updated)
    for key, n_new in p.added.items():
        if not n_new:
            continue
        kw = {"label": Label(key)} if key in Label._value2member_map_ else {"rel": Rel(key)}
        created = created_since(store, p.scope, since, **kw)
        added[key], updated[key] = created, p.updated.get(key, 0) + n_new - created
    return added, updated


def run_source(store: GraphStore, source: Source, *, staleness: bool = True,
               max_close_ratio: float | None = None, dry_run: bool = False) -> RunSummary:
    """Harvest `source` and apply it to the store; raises StaleGuardError with nothing
    written when the run would close more than `max_close_ratio` of the scope."""
    started = time.monotonic()
    ctx = source.ctx
    ratio = store.max_close_ratio if max_close_ratio is None else max_close_ratio
    harvest = source.harvest()
    drop_dangling_edges(store, harvest, ctx)
    p = plan(store, source, harvest)
    summary = RunSummary(type=source.type, scope=source.scope, added=_nonzero(p.added),
                         updated=_nonzero(p.updated), unchanged=_nonzero(p.unchanged),
                         warnings=ctx.warnings,
                         report=harvest.report, dry_run=dry_run)
    if staleness:
        check_guard(p, ratio)
    if dry_run:
        summary.closed = dict(p.stale) if staleness else {}
    else:
        seen_before = now_iso()
        write(store, source, harvest, p, ctx)
        added, updated = count_created(store, p, seen_before)
        summary.added, summary.updated = _nonzero(added), _nonzero(updated)
        if staleness and p.stale_count:  # nothing stale: no need to scan the scope again
            summary.closed = store.close_stale(
                source.scope, seen_before, max_ratio=ratio,
                labels=source.closable_labels(), rels=source.closable_rels())
    summary.seconds = time.monotonic() - started
    log.info("%s %s: added %s, updated %s, unchanged %s, closed %s in %.1fs", source.type,
             source.scope, summary.totals["added"], summary.totals["updated"],
             summary.totals["unchanged"], summary.totals["closed"], summary.seconds)
    return summary


def run_recipe(loaded: LoadedRecipe, store: GraphStore, *,
               on_samples: SampleCallback | None = None, progress: Any = None,
               max_close_ratio: float | None = None, dry_run: bool = False,
               actor: Actor | str | None = None) -> RunSummary:
    """Harvest one recipe; a run that wrote is recorded in the audit log (who: `actor`,
    by default the local user; what: the source, its scope and the counts)."""
    ctx = RunContext(store=store, base_dir=loaded.base_dir, on_samples=on_samples,
                     progress=progress)
    source = loaded.source_cls(loaded.config, ctx)
    opts = loaded.recipe.staleness
    ratio = max_close_ratio if max_close_ratio is not None else opts.max_close_ratio
    summary = run_source(store, source, staleness=opts.enabled, max_close_ratio=ratio,
                         dry_run=dry_run)
    if not dry_run:
        audit.record_now(store, actor or Actor.local(), "ingest", summary.scope,
                         after={"added": summary.added, "updated": summary.updated,
                                "closed": summary.closed},
                         detail={"type": summary.type, "recipe": str(loaded.file or "")})
    return summary


def _nonzero(d: dict[str, int]) -> dict[str, int]:
    return {k: v for k, v in d.items() if v}
