"""Store operations of OpenLineage ingestion, run inside one StoreTx (see ingestors/openlineage).

Lookups a batch needs before it is mapped, and the statements beyond plain upserts:
create-if-missing, derived FEEDS, closing edges a facet no longer lists, DROP.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from typing import Any

from graph.cypher import cypher
from graph.labels import Label, Rel
from graph.props import node_rows
from graph.tx import CHUNK, StoreTx


def _chunks(rows: list[Any]) -> Iterable[list[Any]]:
    for k in range(0, len(rows), CHUNK):
        yield rows[k:k + CHUNK]


def lookup_datasets(tx: StoreTx, ids: Iterable[str]) -> dict[str, dict[str, Any]]:
    """Existing datasets among `ids`: {id: {canonical, schema_hash, lineage_hash, dropped_at}}."""
    out: dict[str, dict[str, Any]] = {}
    for part in _chunks(sorted(set(ids))):
        for rec in tx.run(cypher("ol_lookup_datasets"), ids=part):
            out[rec["id"]] = rec
    return out


def lookup_run_keys(tx: StoreTx, ids: Iterable[str]) -> dict[str, dict[str, str]]:
    """Per run, the event key behind each property (JSON kept on the run as `ol_keys`)."""
    out: dict[str, dict[str, str]] = {}
    for part in _chunks(sorted(set(ids))):
        for rec in tx.run(cypher("ol_lookup_runs"), ids=part):
            out[rec["id"]] = json.loads(rec["keys"]) if rec["keys"] else {}
    return out


def lookup_jobs(tx: StoreTx, ids: Iterable[str]
                ) -> tuple[dict[str, dict[str, Any]], dict[tuple[str, str, str], dict[str, Any]]]:
    """Existing jobs among `ids` ({id: {props_hash, last_seen, valid_to}}) and their
    READS/WRITES edges ({(job, rel, dataset): {last_seen, valid_to}})."""
    jobs: dict[str, dict[str, Any]] = {}
    edges: dict[tuple[str, str, str], dict[str, Any]] = {}
    for part in _chunks(sorted(set(ids))):
        for rec in tx.run(cypher("ol_lookup_jobs"), ids=part):
            jobs[rec["job"]] = {k: rec[k] for k in ("props_hash", "last_seen", "valid_to")}
            if rec["rel"]:
                edges[(rec["job"], rec["rel"], rec["dataset"])] = {
                    "last_seen": rec["edge_last_seen"], "valid_to": rec["edge_valid_to"]}
    return jobs, edges


def ensure_nodes(tx: StoreTx, label: Label, rows: Iterable[Mapping[str, Any]], *,
                 source: str, scope: str | None = None) -> int:
    """Create the nodes that do not exist yet; existing ones are not touched."""
    checked = node_rows(label, rows)
    created = 0
    for part in _chunks(checked):
        res = tx.run(cypher("ensure_nodes", label=label), rows=part, now=tx.now,
                     source=source, scope=scope or source)
        new = set(res[0]["created"]) if res else set()
        created += len(new)
        tx.changes.nodes[label].extend({"id": r["id"], **r["props"]} for r in part
                                       if r["id"] in new)
    return created


def close_other_edges(tx: StoreTx, src: Label, rel: Rel, dst: Label,
                      keep: Mapping[str, Iterable[str]], *, source: str) -> int:
    """Close `source`'s open `rel` edges from each key of `keep` to nodes not listed."""
    rows = [{"src": s, "keep": sorted(k)} for s, k in keep.items()]
    closed = 0
    for part in _chunks(rows):
        res = tx.run(cypher("close_other_edges", src=src, rel=rel, dst=dst), rows=part,
                     now=tx.now, source=source)
        if res:
            closed += res[0]["closed"]
            tx.changes.closed_edges[rel].extend({"src": a, "dst": b} for a, b in res[0]["pairs"])
    return closed


def derive_feeds(tx: StoreTx, jobs: Iterable[str], *, source: str,
                 scope: str | None = None) -> int:
    """(input)-[:FEEDS {jobs}]->(output) for every pair a job reads and writes."""
    written = 0
    for part in _chunks(sorted(set(jobs))):
        recs = tx.run(cypher("ol_derive_feeds"), jobs=part, now=tx.now, source=source,
                      scope=scope or source)
        written += len(recs)
        tx.changes.edges[Rel.FEEDS].extend(recs)
    return written


def close_dropped(tx: StoreTx, touched: Mapping[str, str]) -> list[str]:
    """Keep closed (at their DROP time) the datasets dropped after the events naming them."""
    rows = [{"id": i, "time": t} for i, t in touched.items()]
    closed: list[str] = []
    for part in _chunks(rows):
        res = tx.run(cypher("ol_close_dropped"), rows=part)
        closed += res[0]["closed"] if res else []
    tx.changes.closed[Label.DATASET].extend(closed)
    return closed
