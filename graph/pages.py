"""Reads shaped for one page of the UI or one GraphQL answer: what a reader asks together
is fetched in one round trip (each Bolt round trip costs CPU on both sides under load)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from graph import Label
from graph.cypher import cypher
from graph.errors import NotFound
from graph.store import GraphStore

Pair = tuple[dict[str, Any], dict[str, Any]]


@dataclass
class DatasetView:
    """A dataset with its current columns, owners, tags and classifications, as the
    (edge, node) pairs `GraphStore.neighbours` gives, so dataloaders can be primed."""

    node: dict[str, Any]
    columns: list[Pair] = field(default_factory=list)
    owners: list[Pair] = field(default_factory=list)
    tags: list[Pair] = field(default_factory=list)
    classifications: list[Pair] = field(default_factory=list)
    column_classifications: dict[str, list[Pair]] = field(default_factory=dict)


def _pairs(rows: list[dict[str, Any]], label: Label) -> list[Pair]:
    """Present (edge, node) pairs ordered by node id, as `neighbours` orders them."""
    out = [(r["edge"], {**r["node"], "label": label.value}) for r in rows
           if r.get("node") is not None and r.get("edge") is not None]
    return sorted(out, key=lambda p: p[1]["id"])


def dataset_view(store: GraphStore, dataset_id: str) -> DatasetView:
    """The dataset any of whose names is `dataset_id`, with what its page shows."""
    rows = store.query(cypher("dataset_view"), id=dataset_id)
    if not rows or rows[0]["node"] is None:
        raise NotFound(dataset_id)
    row = rows[0]
    view = DatasetView({**row["node"], "label": Label.DATASET.value},
                       owners=_pairs(row["owners"], Label.OWNER),
                       tags=_pairs(row["tags"], Label.TAG),
                       classifications=_pairs(row["classifications"], Label.CLASSIFICATION))
    view.columns = _pairs(row["columns"], Label.COLUMN)
    for col in row["columns"]:
        if col.get("node") is not None and col.get("edge") is not None:
            view.column_classifications[col["node"]["id"]] = _pairs(
                col["cls"], Label.CLASSIFICATION)
    return view
