"""Dataset identity: a dataset looked up by any of its names (SAME_AS aliases, from
OpenLineage symlinks) resolves to one node."""

from __future__ import annotations

from graph.cypher import cypher
from graph.store import GraphStore


def canonical_dataset(store: GraphStore, dataset_id: str) -> str:
    """The id of the node `dataset_id` resolves to (itself when it is no alias or unknown)."""
    rows = store.query(cypher("canonical_dataset"), id=dataset_id)
    return rows[0]["id"] if rows and rows[0]["id"] else dataset_id
