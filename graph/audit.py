"""The audit log in the graph: `AuditEntry` nodes, outside the catalog's labels.

Append-only by construction: `append` (one CREATE) is the only write there is; no statement
updates or deletes an entry. It takes the mutation's own transaction, so an entry is kept
exactly when the change it records commits.
"""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING, Any

from graph.cypher import cypher
from graph.labels import label_of

if TYPE_CHECKING:
    from graph.store import GraphStore
    from graph.tx import StoreTx

DDL = ("audit_schema_id",)


def append(tx: StoreTx, entry: dict[str, Any]) -> None:
    tx.run(cypher("audit_append"), **entry)


def entries(store: GraphStore, *, first: int, actor: str | None = None,
            action: str | None = None, target: str | None = None,
            before: str | None = None) -> list[dict[str, Any]]:
    return [r["entry"] for r in store.query(cypher("audit_list"), first=first, actor=actor,
                                            action=action, target=target, before=before)]


def subject_state(tx: StoreTx, subject_ids: list[str]) -> dict[str, dict[str, Any]]:
    """What stewardship may change on each subject (owners, tags, classifications,
    description), for an entry's before and after."""
    by_label: dict[Any, list[str]] = defaultdict(list)
    for sid in subject_ids:
        by_label[label_of(sid)].append(sid)
    out: dict[str, dict[str, Any]] = {}
    for label, sids in by_label.items():
        for r in tx.run(cypher("audit_subject_state", label=label), ids=sids):
            out[r.pop("id")] = {k: sorted(v) if isinstance(v, list) else v
                                for k, v in r.items()}
    return out
