"""Store operations of stewardship: which subjects exist, who holds an owner role, a
steward's description. Functions take the StoreTx of the decision's `store.write`."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from graph.cypher import cypher
from graph.labels import Label, Rel, label_of
from graph.tx import StoreTx


def nodes(tx: StoreTx, ids: Iterable[str]) -> dict[str, dict[str, Any]]:
    """The nodes of these ids (of any labels) that exist, by id."""
    by_label: dict[Label, list[str]] = defaultdict(list)
    for node_id in ids:
        by_label[label_of(node_id)].append(node_id)
    return {r["node"]["id"]: r["node"] for label, group in by_label.items()
            for r in tx.run(cypher("get_nodes", label=label), ids=group)}


def owners_with_role(tx: StoreTx, subject: str, role: str) -> list[str]:
    """The ids of the subject's open owners in `role`."""
    stmt = cypher("stw_owners_with_role", src=label_of(subject), rel=Rel.OWNED_BY,
                  dst=Label.OWNER)
    return [r["owner"] for r in tx.run(stmt, id=subject, role=role)]


def set_description(tx: StoreTx, subject: str, description: str | None, by: str) -> None:
    """A steward's description (also kept as `user_description`, which harvests leave)."""
    tx.run(cypher("stw_set_description", label=label_of(subject)), id=subject,
           description=description, by=by, now=tx.now)
