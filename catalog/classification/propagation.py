"""Personal data follows column lineage downstream.

An accepted classification on a column flows to the columns derived from it along
`(out)-[:DERIVES_FROM]->(in)` edges whose transformations carry the values: an identity or
another direct transformation without masking. Masking stops it, and so do aggregations
(unless `classification_through_aggregation`), and indirect dependencies (a JOIN key or a
FILTER condition moves no values). An edge without recorded transformations (OpenLineage
column lineage before 1-2) counts as a direct copy.

Each run recomputes the whole picture breadth-first, so every propagated classification
carries the shortest path that explains it, and a propagated classification whose paths
are all gone (a lineage edge closed, the origin rejected) is closed. Steward decisions on
propagated classifications are left alone.
"""

from __future__ import annotations

import json
import logging
from collections import defaultdict
from typing import Any

from catalog.classification.decisions import (
    PROPAGATION,
    SOURCE_PROPAGATED,
    is_automatic,
    is_open,
)
from catalog.classification.nodes import classification_rows
from catalog.settings import Settings
from graph import GraphStore, Label, Rel
from graph import classification as gc
from graph.tx import StoreTx
from identity.ids import classification_id, classification_name

log = logging.getLogger(__name__)
HOP_BATCH = 2000


def carries(transformations: Any, *, through_aggregation: bool = False) -> tuple[bool, str]:
    """Whether a DERIVES_FROM edge carries its input's values, and why (or why not)."""
    items = transformations
    if isinstance(items, str):
        try:
            items = json.loads(items)
        except ValueError:
            return True, "unreadable transformations (treated as a copy)"
    if isinstance(items, dict):
        items = [items]
    if not items:
        return True, "a direct copy (no transformation recorded)"
    direct = [t for t in items if isinstance(t, dict)
              and str(t.get("type") or "DIRECT").upper() == "DIRECT"]
    if not direct:
        return False, "an indirect dependency only"
    why = []
    for t in direct:
        subtype = str(t.get("subtype") or "TRANSFORMATION").upper()
        if t.get("masking") in (True, "true", "True"):
            why.append(f"masked ({subtype.lower()})")
            continue
        if subtype == "AGGREGATION" and not through_aggregation:
            why.append("an aggregation")
            continue
        return True, f"{subtype.lower()}"
    return False, " and ".join(dict.fromkeys(why))


class Propagator:
    def __init__(self, store: GraphStore, settings: Settings | None = None):
        self.store = store
        self.settings = settings or Settings()

    def reach(self) -> dict[tuple[str, str], dict[str, Any]]:
        """(column, info type) -> {path, score, origin, how} for every column an accepted
        classification reaches downstream, by shortest path."""
        origins = [o for o in gc.accepted_on_columns(self.store)
                   if not (o["source"] == SOURCE_PROPAGATED and is_automatic(o))]
        own = {(o["column"], o["name"]) for o in origins}
        # frontier: column -> [(info type, path, score, hops description)]
        frontier: dict[str, list[tuple[str, list[str], float, list[str]]]] = defaultdict(list)
        seen: set[tuple[str, str]] = set()
        for o in origins:
            if (o["column"], o["name"]) not in seen:
                seen.add((o["column"], o["name"]))
                frontier[o["column"]].append((o["name"], [o["column"]], o["score"] or 1.0, []))
        reached: dict[tuple[str, str], dict[str, Any]] = {}
        through = self.settings.classification_through_aggregation
        for _ in range(self.settings.classification_max_hops):
            if not frontier:
                break
            nxt: dict[str, list[tuple[str, list[str], float, list[str]]]] = defaultdict(list)
            ids = sorted(frontier)
            for k in range(0, len(ids), HOP_BATCH):
                for hop in gc.derived_from(self.store, ids[k:k + HOP_BATCH]):
                    ok, how = carries(hop["transformations"], through_aggregation=through)
                    if not ok:
                        continue
                    out = hop["output"]
                    for itype, path, score, hows in frontier[hop["input"]]:
                        if (out, itype) in seen or out in path:
                            continue
                        seen.add((out, itype))
                        step = f"{how} by {hop['job']}" if hop.get("job") else how
                        entry = (itype, [*path, out], score, [*hows, step])
                        nxt[out].append(entry)
                        if (out, itype) not in own:
                            reached[(out, itype)] = {"path": entry[1], "score": score,
                                                     "origin": path[0], "how": entry[3]}
            frontier = nxt
        return reached

    def run(self) -> dict[str, int]:
        """Bring propagated classifications in line with lineage: write and close."""
        reached = self.reach()
        existing = gc.propagated_edges(self.store)
        return self.store.write(lambda tx: self._write(tx, reached, existing))

    def _write(self, tx: StoreTx, reached: dict[tuple[str, str], dict[str, Any]],
               propagated: list[dict[str, Any]]) -> dict[str, int]:
        counts = {"propagated": 0, "unchanged": 0, "closed": 0, "kept": 0}
        columns = sorted({c for c, _ in reached})
        current = gc.edges_of(tx.run, columns) if columns else {}
        rows = []
        for (col, itype), info in sorted(reached.items()):
            edge = current.get(col, {}).get(itype)
            if edge is not None and is_open(edge):
                if not is_automatic(edge):
                    counts["kept"] += 1  # a steward decided: leave it
                    continue
                if edge.get("source") != SOURCE_PROPAGATED and edge.get("status") == "accepted":
                    counts["kept"] += 1  # the classifier already accepted it here
                    continue
                if (edge.get("source") == SOURCE_PROPAGATED
                        and list(edge.get("path") or []) == info["path"]):
                    counts["unchanged"] += 1
                    continue
            hops = len(info["path"]) - 1
            rows.append({
                "src": col, "dst": classification_id(itype), "score": info["score"],
                "status": "accepted", "path": info["path"],
                "reasons": [f"propagated from {info['origin']} along {hops} column-lineage "
                            f"hop{'s' if hops > 1 else ''}: {'; '.join(info['how'])}"],
                "classifier_version": None, "sampled": None, "decided_by": PROPAGATION,
                "decided_at": tx.now, "closed_by": None, "closed_reason": None})
        if rows:
            gc.ensure_nodes(tx, Label.CLASSIFICATION,
                            classification_rows(classification_name(r["dst"])
                                                for r in rows), source=SOURCE_PROPAGATED)
            gc.write_edges(tx, rows, source=SOURCE_PROPAGATED)
        counts["propagated"] = len(rows)
        gone = [{"src": e["src"], "dst": e["dst"], "by": PROPAGATION,
                 "reason": "no lineage path from an accepted classification any more"}
                for e in propagated
                if (e["src"], e["name"]) not in reached and is_automatic(e["edge"])]
        if gone:
            counts["closed"] = len(gc.close_edges(tx, Rel.CLASSIFIED_AS, Label.CLASSIFICATION,
                                                  gone))
        return counts
