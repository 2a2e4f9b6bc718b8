"""Run a recipe: harvest, diff against the scope, guard, write in batches, close the stale.

The mass-close guard is checked on the diff *before* the first write, so a run that would
close too much writes nothing at all (not even its upserts). The store's `close_stale`
checks the same ratio again after the upserts; both count the scope's open facts after
the run (what it had plus what this run adds) against those this run no longer sees.
"""

from __future__ import annotations

import logging
import time
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from graph import GraphStore, Label, Rel, StaleGuardError
from graph.harvest import open_node_ids, scope_edge_keys, scope_node_ids
from graph.labels import label_of
from graph.props import now_iso
from ingestors.base import Harvest, RunContext, RunSummary, SampleCallback, Source
from ingestors.recipe import LoadedRecipe

log = logging.getLogger(__name__)
BATCH = 5000  # rows per transaction: one UNWIND per label or relationship per batch


@dataclass
class Plan:
    """The diff of a harvest against its scope: what the run adds, updates and closes."""

    scope: str
    added: dict[str, int] = field(default_factory=dict)
    updated: dict[str, int] = field(default_factory=dict)
    stale: dict[str, int] = field(default_factory=dict)
    total: int = 0

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
    for label, ids in outside.items():
        known |= open_node_ids(store, label, ids)
    for rel, keys in harvest.edges.items():
        missing = [k for k in keys if not all(harvest.has(e) or e in known for e in k)]
        for k in missing:
            del keys[k]
        if missing:
            ctx.warn(f"{len(missing)} {rel} edge(s) skipped: an endpoint is neither harvested "
                     f"nor in the catalog (first: {missing[0][0]} -> {missing[0][1]})")


def plan(store: GraphStore, source: Source, harvest: Harvest) -> Plan:
    scope = source.scope
    p = Plan(scope)
    closable_labels = set(source.closable_labels())
    closable_rels = set(source.closable_rels())
    for label, rows in harvest.nodes.items():
        open_now = open_node_ids(store, label, rows)
        p.updated[label.value] = len(open_now)
        p.added[label.value] = len(rows) - len(open_now)
    for label in closable_labels:
        owned = scope_node_ids(store, scope, label)
        seen = harvest.nodes.get(label, {})
        stale = len(owned - seen.keys())
        p.total += len(owned | seen.keys())
        if stale:
            p.stale[label.value] = stale
    for rel in Rel:
        seen_edges = harvest.edges.get(rel, {})
        owned_edges = scope_edge_keys(store, scope, rel) if (
            rel in closable_rels or seen_edges) else set()
        if seen_edges:
            kept = len(owned_edges & seen_edges.keys())
            p.updated[rel.value] = kept
            p.added[rel.value] = len(seen_edges) - kept
        if rel in closable_rels:
            stale = len(owned_edges - seen_edges.keys())
            p.total += len(owned_edges | seen_edges.keys())
            if stale:
                p.stale[rel.value] = stale
    return p


def check_guard(p: Plan, max_ratio: float) -> None:
    if p.total and p.stale_count / p.total > max_ratio:
        raise StaleGuardError(p.scope, p.stale_count, p.total, max_ratio)


def _batches(rows: list[dict[str, Any]], size: int = BATCH) -> Iterable[list[dict[str, Any]]]:
    for k in range(0, len(rows), size):
        yield rows[k:k + size]


def write(store: GraphStore, source: Source, harvest: Harvest, ctx: RunContext) -> None:
    """Upsert every node, then every edge: one transaction per batch of one label/type."""
    scope = source.scope
    bar = ctx.bar(harvest.node_count() + harvest.edge_count(), f"writing {source.type}")
    try:
        for label, rows in harvest.nodes.items():
            by_source: dict[str, list[dict[str, Any]]] = defaultdict(list)
            for node_id, props in rows.items():
                by_source[harvest.node_source.get(node_id, harvest.source)].append(
                    {"id": node_id, **props})
            for prov, group in by_source.items():
                for chunk in _batches(group):
                    store.write(lambda tx, c=chunk, s=prov, lab=label: tx.upsert_nodes(
                        lab, c, source=s, scope=scope))
                    bar.update(len(chunk))
        for rel, keys in harvest.edges.items():
            by_source = defaultdict(list)
            for (src, dst), props in keys.items():
                prov = harvest.edge_source.get((rel, src, dst), harvest.source)
                by_source[prov].append({"src": src, "dst": dst, **props})
            for prov, group in by_source.items():
                for chunk in _batches(group):
                    store.write(lambda tx, c=chunk, s=prov, r=rel: tx.upsert_edges(
                        r, c, source=s, scope=scope))
                    bar.update(len(chunk))
    finally:
        bar.close()


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
                         updated=_nonzero(p.updated), warnings=ctx.warnings,
                         report=harvest.report, dry_run=dry_run)
    if staleness:
        check_guard(p, ratio)
    if dry_run:
        summary.closed = dict(p.stale) if staleness else {}
    else:
        seen_before = now_iso()
        write(store, source, harvest, ctx)
        if staleness:
            summary.closed = store.close_stale(
                source.scope, seen_before, max_ratio=ratio,
                labels=source.closable_labels(), rels=source.closable_rels())
    summary.seconds = time.monotonic() - started
    log.info("%s %s: added %s, updated %s, closed %s in %.1fs", source.type, source.scope,
             summary.totals["added"], summary.totals["updated"], summary.totals["closed"],
             summary.seconds)
    return summary


def run_recipe(loaded: LoadedRecipe, store: GraphStore, *,
               on_samples: SampleCallback | None = None, progress: Any = None,
               max_close_ratio: float | None = None, dry_run: bool = False) -> RunSummary:
    ctx = RunContext(store=store, base_dir=loaded.base_dir, on_samples=on_samples,
                     progress=progress)
    source = loaded.source_cls(loaded.config, ctx)
    opts = loaded.recipe.staleness
    ratio = max_close_ratio if max_close_ratio is not None else opts.max_close_ratio
    return run_source(store, source, staleness=opts.enabled, max_close_ratio=ratio,
                      dry_run=dry_run)


def _nonzero(d: dict[str, int]) -> dict[str, int]:
    return {k: v for k, v in d.items() if v}
