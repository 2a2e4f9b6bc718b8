"""Writes a batch plan in one transaction: a few UNWIND statements per label and relationship,
whatever the number of events in the batch.

A dataset or job whose properties are those last written, and a READS/WRITES edge that
exists, are not written again when the graph saw them less than REFRESH_SECONDS ago: jobs
run again and again with the same inputs, and rewriting them would only move `last_seen`,
which is therefore accurate to REFRESH_SECONDS for them.
"""

from __future__ import annotations

import hashlib
import json
import marshal
from collections import Counter
from datetime import datetime, timedelta
from typing import Any

from graph import Label, Rel
from graph import openlineage as ol_store
from graph.bulk import upsert_dataset_columns
from graph.props import to_iso
from graph.tx import StoreTx
from ingestors.openlineage.known import Known, Written
from ingestors.openlineage.mapping.plan import SOURCE, Plan

REFRESH_SECONDS = 300

# nodes before the edges that need them; full rows before create-if-missing stubs
NODE_ORDER = (Label.DATASET, Label.COLUMN, Label.JOB, Label.OWNER, Label.TAG)
STUB_ORDER = (Label.DATASET, Label.COLUMN, Label.JOB, Label.RUN)


# set only when a schema or columnLineage facet changed: a row carrying one is written, and
# they stay out of the hash, so the same event again hashes the same
CHANGE_MARKERS = frozenset({"ol_schema_hash", "ol_lineage_hash"})


def props_hash(props: dict[str, Any]) -> str:
    data = marshal.dumps(sorted(i for i in props.items() if i[0] not in CHANGE_MARKERS), 2)
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def _fresh(record: dict[str, Any] | None, cutoff: str) -> bool:
    return bool(record) and record.get("valid_to") is None and \
        (record.get("last_seen") or "") >= cutoff


def _changed_rows(plan: Plan, label: Label, known: dict[str, dict[str, Any]],
                  cutoff: str) -> list[dict[str, Any]]:
    """Rows of `label` to write: new, changed, closed, or not seen for a while."""
    rows = []
    for node_id, props in plan.nodes.get(label, {}).items():
        digest = props_hash(props)
        stored = known.get(node_id)
        if not (_fresh(stored, cutoff) and stored.get("props_hash") == digest) \
                or CHANGE_MARKERS & props.keys():
            rows.append({"id": node_id, **props, "ol_props_hash": digest})
    return rows


def run_rows(plan: Plan, stored_keys: dict[str, dict[str, str]], written: Written
             ) -> list[dict[str, Any]]:
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
        written.run_keys[run] = keys
    return rows


def _remember_dataset(written: Written, row: dict[str, Any]) -> None:
    fields = {"props_hash": row["ol_props_hash"], "last_seen": written.now, "valid_to": None}
    for prop, name in (("ol_schema_hash", "schema_hash"), ("ol_lineage_hash", "lineage_hash"),
                       ("dropped_at", "dropped_at")):
        if prop in row:
            fields[name] = row[prop]
    written.datasets[row["id"]] = fields


def _jobs_with_new_edges(plan: Plan, known: Known) -> set[str]:
    """Jobs whose inputs or outputs gain an edge: their FEEDS are derived again."""
    open_edges = {k for k, e in known.job_edges.items() if e.get("valid_to") is None}
    return {job for rel in (Rel.READS, Rel.WRITES)
            for job, dataset in plan.edges.get((rel, SOURCE), {})
            if job in plan.feeds and (job, rel.value, dataset) not in open_edges}


def _edge_rows(plan: Plan, rel: Rel, pairs: dict, known: Known, cutoff: str) -> list[dict]:
    rows = []
    for (src, dst), props in pairs.items():
        if rel is Rel.HAS_COLUMN and plan.columns.get(dst) == src:
            continue  # written with its column
        if rel in (Rel.READS, Rel.WRITES) and not props and \
                _fresh(known.job_edges.get((src, rel.value, dst)), cutoff):
            continue
        rows.append({"src": src, "dst": dst, **props})
    return rows


def write_plan(tx: StoreTx, plan: Plan, known: Known) -> tuple[dict[str, int], Written]:
    """Write `plan`; the counts of rows written, and what the cache is to remember."""
    counts: Counter[str] = Counter()
    written = Written(tx.now, aliases=dict(plan.aliases))
    cutoff = to_iso(datetime.fromisoformat(tx.now.replace("Z", "+00:00"))
                    - timedelta(seconds=REFRESH_SECONDS))
    for label in NODE_ORDER:
        if label in (Label.DATASET, Label.JOB):
            rows = _changed_rows(plan, label, known.datasets if label is Label.DATASET
                                 else known.jobs, cutoff)
        else:
            rows = [{"id": i, **p} for i, p in plan.nodes.get(label, {}).items()]
        if label is Label.DATASET:
            for row in rows:
                _remember_dataset(written, row)
        if label is Label.JOB:
            written.jobs.update({r["id"]: {"props_hash": r["ol_props_hash"],
                                           "last_seen": tx.now, "valid_to": None}
                                 for r in rows})
        if label is Label.COLUMN:
            schema = [r for r in rows if r["id"] in plan.columns]
            if schema:  # with their HAS_COLUMN edges, one statement per chunk of datasets
                counts[label.value] += upsert_dataset_columns(tx, schema, source=SOURCE)
            rows = [r for r in rows if r["id"] not in plan.columns]
        if rows:
            counts[label.value] += tx.upsert_nodes(label, rows, source=SOURCE)
    if plan.runs:
        counts[Label.RUN.value] += tx.upsert_nodes(
            Label.RUN, run_rows(plan, known.run_keys, written), source=SOURCE)
    for label in STUB_ORDER:
        rows = [r for r in plan.stub_rows(label) if r["id"] not in plan.runs]
        if rows:
            counts[label.value] += ol_store.ensure_nodes(tx, label, rows, source=SOURCE)
            if label is Label.DATASET:
                written.created.update(r["id"] for r in rows)
    feeds = _jobs_with_new_edges(plan, known)
    for (rel, source), pairs in plan.edges.items():
        rows = _edge_rows(plan, rel, pairs, known, cutoff)
        if rows:
            counts[rel.value] += tx.upsert_edges(rel, rows, source=source)
            if rel in (Rel.READS, Rel.WRITES):
                written.job_edges.update((r["src"], rel.value, r["dst"]) for r in rows)
    for (src, rel, dst), keep in plan.replaced.items():
        counts[f"closed {rel.value}"] += ol_store.close_other_edges(
            tx, src, rel, dst, keep, source=SOURCE)
    if feeds:
        counts[Rel.FEEDS.value] += ol_store.derive_feeds(tx, feeds, source=SOURCE)
    # a late event about a dropped dataset must not bring it back
    dropped = known.dropped
    candidates = {d: t for d, t in plan.touched.items() if d in plan.drops or d in dropped}
    if candidates:
        closed = ol_store.close_dropped(tx, candidates)
        counts["dropped"] += len(closed)
        written.forget.update(closed)
    return {k: v for k, v in counts.items() if v}, written
