"""Store operations of classification: the columns to classify, the CLASSIFIED_AS edges
and their decisions, and the column-lineage hops propagation walks.

Edges are never deleted: a classification whose evidence is gone is closed (`valid_to`),
a steward's rejection is a status. Functions taking a StoreTx run inside `store.write`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from typing import Any

from graph.cypher import cypher
from graph.errors import InvalidInput
from graph.labels import Label, Rel, label_of
from graph.store import GraphStore
from graph.tx import StoreTx

CLASSIFIABLE = (Label.COLUMN, Label.DATASET)


def dataset_ids(store: GraphStore, domain: str | None = None) -> list[str]:
    """Open datasets, all or those of one domain's products."""
    if domain is None:
        return [r["id"] for r in store.query(cypher("cls_all_datasets"))]
    return [r["id"] for r in store.query(cypher("cls_domain_datasets"), domain=domain)]


def columns_of(store: GraphStore, dataset_ids_: Iterable[str]) -> list[dict[str, Any]]:
    """Open columns of the datasets: dataset_id, dataset_name, column_id, name, type."""
    return store.query(cypher("cls_columns"), ids=list(dataset_ids_))


def _by_label(ids: Iterable[str]) -> dict[Label, list[str]]:
    out: dict[Label, list[str]] = defaultdict(list)
    for node_id in ids:
        label = label_of(node_id)
        if label not in CLASSIFIABLE:
            raise InvalidInput("id", f"{node_id!r} is a {label}; only columns and datasets "
                                     "are classified")
        out[label].append(node_id)
    return out


def edges_of(run, ids: Iterable[str]) -> dict[str, dict[str, dict[str, Any]]]:
    """subject id -> info type name -> edge properties (open and closed edges).

    `run` is `store.query` or `tx.run`, so decisions can read inside their transaction."""
    out: dict[str, dict[str, dict[str, Any]]] = defaultdict(dict)
    for label, group in _by_label(ids).items():
        stmt = cypher("cls_edges", src=label, rel=Rel.CLASSIFIED_AS, dst=Label.CLASSIFICATION)
        for rec in run(stmt, ids=group):
            out[rec["src"]][rec["name"]] = {**rec["edge"], "dst": rec["dst"]}
    return out


def write_edges(tx: StoreTx, rows: list[Mapping[str, Any]], *, source: str) -> int:
    """Upsert classification edges (reopening closed ones) with their evidence."""
    if not rows:
        return 0
    return tx.upsert_edges(Rel.CLASSIFIED_AS, rows, source=source, scope=source)


def _keyed(rows: list[Mapping[str, Any]]) -> dict[Label, list[dict[str, Any]]]:
    groups: dict[Label, list[dict[str, Any]]] = defaultdict(list)
    for i, row in enumerate(rows):
        groups[label_of(row["src"])].append({**row, "i": i})
    return groups


def decide(tx: StoreTx, rows: list[Mapping[str, Any]]) -> set[int]:
    """Set status/decided_by/decided_at on open edges; rows {src, dst, status, by}.
    Returns the indexes of the rows whose edge existed."""
    done: set[int] = set()
    for label, group in _keyed(rows).items():
        stmt = cypher("cls_decide", src=label, rel=Rel.CLASSIFIED_AS, dst=Label.CLASSIFICATION)
        res = tx.run(stmt, rows=group, now=tx.now)
        mine = set(res[0]["done"]) if res else set()
        done |= mine
        # reported like an upsert with the new status: the search index drops a rejected
        # classification, the governance watcher re-reads what policies see
        tx.changes.edges[Rel.CLASSIFIED_AS].extend(
            {"src": r["src"], "dst": r["dst"], "status": r["status"]}
            for r in group if r["i"] in mine)
    return done


def close_edges(tx: StoreTx, rel: Rel, dst: Label, rows: list[Mapping[str, Any]]) -> set[int]:
    """Close open edges; rows {src, dst, by, reason}. Returns the indexes closed."""
    closed: set[int] = set()
    for label, group in _keyed(rows).items():
        stmt = cypher("close_edges_by_key", src=label, rel=rel, dst=dst)
        res = tx.run(stmt, rows=group, now=tx.now)
        done = set(res[0]["closed"]) if res else set()
        closed |= done
        tx.changes.closed_edges[rel].extend({"src": r["src"], "dst": r["dst"]}
                                            for r in group if r["i"] in done)
    return closed


def ensure_nodes(tx: StoreTx, label: Label, rows: list[Mapping[str, Any]], *,
                 source: str) -> list[str]:
    """Create the nodes that do not exist yet (provenance `source`); returns created ids."""
    if not rows:
        return []
    payload = [{"id": r["id"], "props": {k: v for k, v in r.items() if k != "id"}}
               for r in rows]
    res = tx.run(cypher("stw_ensure_nodes", label=label), rows=payload, now=tx.now,
                 source=source, scope=source)
    created = [i for i in (res[0]["created"] if res else []) if i]
    if created:
        made = set(created)
        tx.changes.nodes[label].extend({"id": r["id"], **r["props"]} for r in payload
                                       if r["id"] in made)
    return created


# -- propagation reads -----------------------------------------------------------------
def accepted_on_columns(store: GraphStore) -> list[dict[str, Any]]:
    """Accepted classifications of open columns (column, classification, name, score,
    source, decided_by, classifier_version)."""
    return store.query(cypher("cls_origins"))


def derived_from(store: GraphStore, column_ids: Iterable[str]) -> list[dict[str, Any]]:
    """One hop downstream: (input, output, transformations, job) of open DERIVES_FROM."""
    return store.query(cypher("cls_derived_hop"), ids=list(column_ids))


def propagated_edges(store: GraphStore) -> list[dict[str, Any]]:
    """Open classification edges that propagation wrote (src, dst, name, edge)."""
    return store.query(cypher("cls_propagated"))
