"""Writes a batch plan in one transaction: a few UNWIND statements per label and relationship,
whatever the number of events in the batch."""

from __future__ import annotations

import json
from collections import Counter
from typing import Any

from graph import Label, Rel
from graph import openlineage as ol_store
from graph.bulk import upsert_dataset_columns
from graph.tx import StoreTx
from ingestors.openlineage.mapping.plan import SOURCE, Plan

# nodes before the edges that need them; full rows before create-if-missing stubs
NODE_ORDER = (Label.DATASET, Label.COLUMN, Label.JOB, Label.OWNER, Label.TAG)
STUB_ORDER = (Label.DATASET, Label.COLUMN, Label.JOB, Label.RUN)


def run_rows(plan: Plan, stored_keys: dict[str, dict[str, str]]) -> list[dict[str, Any]]:
    """Run rows holding only the properties whose event is at least as late as the one
    behind the stored value, with the updated keys (`ol_keys`)."""
    rows = []
    for run, slots in plan.runs.items():
        keys = dict(stored_keys.get(run, {}))
        props: dict[str, Any] = {}
        for name, (key, value) in slots.items():
            if name not in keys or key >= keys[name]:
                props[name] = value
                keys[name] = key
        rows.append({"id": run, **props, "ol_keys": json.dumps(keys, sort_keys=True)})
    return rows


def _jobs_with_new_edges(tx: StoreTx, plan: Plan) -> set[str]:
    """Jobs whose inputs or outputs gain an edge: their FEEDS are derived again."""
    if not plan.feeds:
        return set()
    known = ol_store.job_edges(tx, plan.feeds)
    return {job for rel in (Rel.READS, Rel.WRITES)
            for job, dataset in plan.edges.get((rel, SOURCE), {})
            if job in plan.feeds and (job, rel.value, dataset) not in known}


def write_plan(tx: StoreTx, plan: Plan, stored_keys: dict[str, dict[str, str]],
               dropped_before: set[str]) -> dict[str, int]:
    """Write `plan`; `dropped_before` are the datasets the graph knew as dropped."""
    counts: Counter[str] = Counter()
    for label in NODE_ORDER:
        rows = [{"id": i, **p} for i, p in plan.nodes.get(label, {}).items()]
        if label is Label.COLUMN:
            schema = [r for r in rows if r["id"] in plan.columns]
            if schema:  # with their HAS_COLUMN edges, one statement per chunk of datasets
                counts[label.value] += upsert_dataset_columns(tx, schema, source=SOURCE)
            rows = [r for r in rows if r["id"] not in plan.columns]
        if rows:
            counts[label.value] += tx.upsert_nodes(label, rows, source=SOURCE)
    if plan.runs:
        counts[Label.RUN.value] += tx.upsert_nodes(Label.RUN, run_rows(plan, stored_keys),
                                                   source=SOURCE)
    for label in STUB_ORDER:
        rows = [r for r in plan.stub_rows(label) if r["id"] not in plan.runs]
        if rows:
            counts[label.value] += ol_store.ensure_nodes(tx, label, rows, source=SOURCE)
    feeds = _jobs_with_new_edges(tx, plan)
    for (rel, source), pairs in plan.edges.items():
        rows = [{"src": s, "dst": d, **p} for (s, d), p in pairs.items()
                if not (rel is Rel.HAS_COLUMN and plan.columns.get(d) == s)]
        if rows:
            counts[rel.value] += tx.upsert_edges(rel, rows, source=source)
    for (src, rel, dst), keep in plan.replaced.items():
        counts[f"closed {rel.value}"] += ol_store.close_other_edges(
            tx, src, rel, dst, keep, source=SOURCE)
    if feeds:
        counts[Rel.FEEDS.value] += ol_store.derive_feeds(tx, feeds, source=SOURCE)
    # a late event about a dropped dataset must not bring it back
    candidates = {d: t for d, t in plan.touched.items()
                  if d in plan.drops or d in dropped_before}
    if candidates:
        counts["dropped"] += len(ol_store.close_dropped(tx, candidates))
    return {k: v for k, v in counts.items() if v}
