"""Browse service: entities by id, their neighbours and pages of them (no HTTP, no Cypher)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from graph import GraphStore, Label, Rel
from graph.errors import InvalidInput
from graph.identity import canonical_dataset
from graph.labels import Direction, label_of
from graph.pages import DatasetView, dataset_view
from graph.props import from_json_prop
from graph.runs import recent_runs

# what an entity's description gathers: (key, relationship, direction) per label
_RELATED: dict[Label, tuple[tuple[str, Rel, Direction], ...]] = {
    Label.DATASET: (("columns", Rel.HAS_COLUMN, Direction.OUT),
                    ("data_product", Rel.CONTAINS, Direction.IN)),
    Label.COLUMN: (("dataset", Rel.HAS_COLUMN, Direction.IN),),
    Label.DATA_PRODUCT: (("datasets", Rel.CONTAINS, Direction.OUT),
                         ("domain", Rel.HAS_PRODUCT, Direction.IN)),
    Label.DOMAIN: (("data_products", Rel.HAS_PRODUCT, Direction.OUT),),
    Label.JOB: (("inputs", Rel.READS, Direction.OUT), ("outputs", Rel.WRITES, Direction.OUT)),
}
_KEEP = ("id", "name", "label", "kind", "type", "status", "path", "description",
         "user_description")
_CONTRACT = ("contract_ref", "contract_format", "contract_id", "contract_version",
             "contract_status", "contract_checked_at", "contract_sla")


class BrowseService:
    def __init__(self, store: GraphStore):
        self.store = store

    def nodes(self, ids: Iterable[str]) -> dict[str, dict[str, Any]]:
        ids = list(ids)
        for node_id in ids:
            label_of(node_id)  # refuse malformed ids with a clear message
        return self.store.get_nodes(ids)

    def node(self, node_id: str, label: Label | None = None) -> dict[str, Any]:
        """One node; NotFound when absent, InvalidInput when the id is of another label."""
        actual = label_of(node_id)
        if label is not None and actual is not label:
            raise InvalidInput("id", f"{node_id!r} is a {actual} id, not a {label} id")
        if actual is Label.DATASET:  # any name of a dataset (SAME_AS) finds its node
            node_id = canonical_dataset(self.store, node_id)
        return self.store.get_node(node_id)

    def dataset_view(self, dataset_id: str) -> DatasetView:
        """A dataset page (node, columns and their classifications, owners, tags) at once."""
        actual = label_of(dataset_id)
        if actual is not Label.DATASET:
            raise InvalidInput("id", f"{dataset_id!r} is a {actual} id, not a Dataset id")
        return dataset_view(self.store, dataset_id)

    def related(self, ids: Iterable[str], rel: Rel, direction: Direction
                ) -> dict[str, list[tuple[dict, dict]]]:
        return self.store.neighbours(ids, rel, direction)

    def describe(self, node_id: str) -> dict[str, Any]:
        """An entity with what a reader asks next: owners, tags, classifications (with
        status and reasons), its container and contents, a product's contract status."""
        node = self.node(node_id)
        nid, label = node["id"], Label(node["label"])
        wanted = [("owners", Rel.OWNED_BY, Direction.OUT), ("tags", Rel.TAGGED, Direction.OUT),
                  ("classifications", Rel.CLASSIFIED_AS, Direction.OUT),
                  *_RELATED.get(label, ())]
        out: dict[str, Any] = {"entity": node}
        for key, rel, direction in wanted:
            if label not in (rel.endpoints[0] if direction is Direction.OUT
                             else rel.endpoints[1]):
                continue
            pairs = self.related([nid], rel, direction)[nid]
            out[key] = [_brief(edge, other, rel) for edge, other in pairs]
        if label is Label.DATA_PRODUCT:
            contract = {k.removeprefix("contract_"): node.get(k) for k in _CONTRACT
                        if node.get(k) is not None}
            violations = from_json_prop(node.get("contract_violations"))
            if violations:
                contract["violations"] = violations
            out["contract"] = contract or None
        return out

    def runs(self, node_id: str, first: int) -> list[dict[str, Any]]:
        """The newest runs of a job; of a dataset, those of the jobs that write it (of the
        jobs that read it when nothing writes it)."""
        node = self.node(node_id)
        label = Label(node["label"])
        if label is Label.JOB:
            jobs = [node["id"]]
        elif label is Label.DATASET:
            pairs = self.related([node["id"]], Rel.WRITES, Direction.IN)[node["id"]] or \
                self.related([node["id"]], Rel.READS, Direction.IN)[node["id"]]
            jobs = [n["id"] for _, n in pairs]
        else:
            raise InvalidInput("node_id", f"{node_id!r} is a {label}; runs are of a job or "
                                          "a dataset")
        per_job = recent_runs(self.store, jobs, first)
        rows = [{**r, "job": job} for job, runs in per_job.items() for r in runs]
        rows.sort(key=lambda r: r.get("started") or r.get("ended") or r.get("last_seen") or "",
                  reverse=True)
        return rows[:first]

    def page(self, label: Label, *, first: int, after: str | None, **filters: Any
             ) -> tuple[list[dict], int]:
        return self.store.list_nodes(label, first=first, after=after, **filters)


def _brief(edge: dict[str, Any], node: dict[str, Any], rel: Rel) -> dict[str, Any]:
    """A related node in a few fields, with what its edge says (a role, a verdict)."""
    out = {k: node[k] for k in _KEEP if node.get(k) not in (None, "")}
    if rel is Rel.OWNED_BY and edge.get("role"):
        out["role"] = edge["role"]
    if rel is Rel.CLASSIFIED_AS:
        out.update({k: edge[k] for k in ("status", "score", "source", "reasons")
                    if edge.get(k) is not None})
    return out
