"""Store reads of a product preview: a dataset's columns and their classifications."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from graph.cypher import cypher

if TYPE_CHECKING:
    from graph.store import GraphStore


def dataset_columns(store: GraphStore, dataset_id: str
                    ) -> tuple[dict[str, Any] | None, list[dict[str, Any]]]:
    """(the dataset's node or None, one row per open column and open classification)."""
    rows = store.query(cypher("preview_columns"), id=dataset_id)
    if not rows:
        return None, []
    return rows[0]["dataset"], [r for r in rows if r["name"] is not None]
