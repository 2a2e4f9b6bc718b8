"""What mapping one event may consult: the graph's state read for the batch, the plan of the
events mapped before it in the batch, and the event's own plan so far."""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from typing import Any

from graph import Label
from graph.sql_lineage import Reader
from ingestors.openlineage.events import DatasetRef, Event
from ingestors.openlineage.mapping.plan import DatasetState, Plan
from ingestors.openlineage.validate import facet_digest

MAX_RAW_FACET = 256 * 1024
_NOT_IDENT = re.compile(r"\W")


@dataclass
class BatchState:
    datasets: dict[str, DatasetState]
    plan: Plan = field(default_factory=Plan)
    # reads datasets' columns from the graph (the SQL parser's schemas): graph.sql_lineage
    read: Reader | None = None


class Context:
    def __init__(self, event: Event, state: BatchState):
        self.event = event
        self.state = state
        self.plan = Plan()
        self.canon: dict[str, str] = {}  # DatasetRef.path -> the node it lands on

    # -- dataset identity -----------------------------------------------------------------
    def canonical(self, dataset: str) -> str:
        """The node a dataset name resolves to, following SAME_AS (the event's own first)."""
        seen = {dataset}
        current = dataset
        for _ in range(8):
            nxt = (self.plan.aliases.get(current) or self.state.plan.aliases.get(current)
                   or self.stored(current).canonical)
            if nxt is None or nxt in seen:
                return current
            seen.add(nxt)
            current = nxt
        return current

    def stored(self, dataset: str) -> DatasetState:
        return self.state.datasets.get(dataset) or DatasetState()

    def exists(self, dataset: str) -> bool:
        return self.stored(dataset).exists or any(
            dataset in plan.nodes.get(Label.DATASET, {}) or
            dataset in plan.stubs.get(Label.DATASET, {})
            for plan in (self.plan, self.state.plan))

    def ref(self, ref: DatasetRef) -> str:
        return self.canon.get(ref.path) or self.canonical(ref.id)

    # -- change detection ------------------------------------------------------------------
    def known_hash(self, kind: str, dataset: str) -> str | None:
        key = (kind, dataset)
        if key in self.plan.hashes:
            return self.plan.hashes[key]
        if key in self.state.plan.hashes:
            return self.state.plan.hashes[key]
        stored = self.stored(dataset)
        return stored.schema_hash if kind == "schema" else stored.lineage_hash

    def changed(self, kind: str, dataset: str, content: Any, salt: str = "") -> str | None:
        """The new hash when `content` (a facet, usually) differs from what the graph holds
        for `dataset`, else None. A facet's digest from validation is reused."""
        base = self.event.digests.get(id(content)) or facet_digest(content)
        digest = hashlib.blake2b(salt.encode() + base, digest_size=16).hexdigest()
        if self.known_hash(kind, dataset) == digest:
            return None
        self.plan.hashes[(kind, dataset)] = digest
        self.plan.node(Label.DATASET, dataset, **{f"ol_{kind}_hash": digest})
        return digest


def deleted(facets: dict[str, Any], key: str) -> bool:
    facet = facets.get(key)
    return isinstance(facet, dict) and bool(facet.get("_deleted"))


def cleared(facets: dict[str, Any], sets: dict[str, tuple[str, ...]]) -> dict[str, None]:
    """What the `_deleted` facets had set, as None (removed): `sets` maps a facet key to
    the properties its mapping writes."""
    return {prop: None for key, props in sets.items() if deleted(facets, key) for prop in props}


def raw_prop(key: str) -> str:
    """The property holding a facet kept as raw JSON: `facet_<key>` as an identifier."""
    name = "facet_" + _NOT_IDENT.sub("_", key)
    return name if name.isidentifier() else "facet_x"


def raw_value(facet: Any) -> str:
    text = json.dumps(facet, sort_keys=True, default=str, ensure_ascii=False)
    if len(text) > MAX_RAW_FACET:
        return json.dumps({"_truncated": True, "bytes": len(text)})
    return text
