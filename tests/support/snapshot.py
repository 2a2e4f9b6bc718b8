"""What the graph holds around some ids, to compare before and after a replay: every node
whose id starts with one of the prefixes, every edge touching one, the nodes at their other
end, each with all its properties but `last_seen` (the one a replay may move)."""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from graph import GraphStore, Label, Rel
from graph.labels import label_of

MOVING = frozenset({"last_seen"})


def _props(props: dict[str, Any], ignore: frozenset[str]) -> dict[str, Any]:
    return {k: v for k, v in props.items() if k not in ignore}


def snapshot(store: GraphStore, prefixes: Iterable[str],
             ignore: frozenset[str] = MOVING) -> dict[str, dict]:
    """{"nodes": {id: props}, "edges": {"REL src -> dst": [props, ...]}} for `prefixes`."""
    prefixes = list(prefixes)
    nodes: dict[str, dict[str, Any]] = {}
    edges: dict[str, list[str]] = defaultdict(list)
    for prefix in prefixes:
        for label in Label:
            for rec in store.query(f"MATCH (n:{label.value}) WHERE n.id STARTS WITH $p "
                                   "RETURN n {.*} AS node", p=prefix):
                nodes[rec["node"]["id"]] = {**_props(rec["node"], ignore), "label": label.value}
    ends: set[str] = set()
    for rel in Rel:
        rows = {}
        for prefix in prefixes:
            for side in ("a", "b"):
                stmt = (f"MATCH (a)-[e:{rel.value}]->(b) WHERE {side}.id STARTS WITH $p "
                        "RETURN a.id AS src, b.id AS dst, e {.*} AS edge")
                for rec in store.query(stmt, p=prefix):
                    key = (rec["src"], rec["dst"], json.dumps(rec["edge"], sort_keys=True))
                    rows[key] = rec
        for src, dst, _ in sorted(rows):
            rec = rows[(src, dst, _)]
            edges[f"{rel.value} {src} -> {dst}"].append(
                json.dumps(_props(rec["edge"], ignore), sort_keys=True))
            ends.update((src, dst))
    by_label: dict[Label, list[str]] = defaultdict(list)
    for node_id in sorted(ends - nodes.keys()):
        by_label[label_of(node_id)].append(node_id)
    for label, group in by_label.items():
        for rec in store.query(f"MATCH (n:{label.value}) WHERE n.id IN $ids "
                               "RETURN n {.*} AS node", ids=group):
            nodes[rec["node"]["id"]] = {**_props(rec["node"], ignore), "label": label.value}
    return {"nodes": nodes, "edges": {k: sorted(v) for k, v in edges.items()}}


def differences(before: dict[str, dict], after: dict[str, dict]) -> list[str]:
    """What changed between two snapshots, one line per node or edge (empty: nothing)."""
    out = []
    for kind in ("nodes", "edges"):
        a, b = before[kind], after[kind]
        for key in sorted(a.keys() | b.keys()):
            old, new = a.get(key), b.get(key)
            if old == new:
                continue
            if isinstance(old, dict) and isinstance(new, dict):
                changed = {k: (old.get(k), new.get(k)) for k in old.keys() | new.keys()
                           if old.get(k) != new.get(k)}
                out.append(f"node {key}: {changed!r}")
            else:
                out.append(f"{kind[:-1]} {key}: {old!r} -> {new!r}")
    return out
