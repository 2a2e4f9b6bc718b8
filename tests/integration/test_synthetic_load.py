"""The benchmark's synthetic catalog, at a tiny scale, through the real store and loader."""

from __future__ import annotations

import dataclasses
import json

from graph.cypher import cypher
from graph.labels import Label, Rel
from tests.benchmarks.load_catalog import LoadOptions, load
from tests.benchmarks.synthetic import SCALES, SyntheticCatalog


def _open_counts(store, scope: str) -> dict[str, int]:
    """Open facts of `scope` per label and relationship type (the session store is shared)."""
    out = {}
    for label in Label:
        out[label.value] = store.query(cypher("scope_nodes", label=label), scope=scope,
                                       before="")[0]["total"]
    for rel in Rel:
        out[rel.value] = store.query(cypher("scope_edges", rel=rel), scope=scope,
                                     before="")[0]["total"]
    return {k: v for k, v in out.items() if v}


def test_tiny_catalog_loads_with_the_counts_the_generator_made(store, uid):
    cat = SyntheticCatalog(dataclasses.replace(SCALES["tiny"], prefix=f"t{uid}_"))
    scope = f"bench:{uid}"
    # small chunks and two writers: several transactions per kind, some at once
    stats = load(store, cat, LoadOptions(batch=40, writers=2), progress=False, scope=scope)
    expected = cat.counts()
    assert _open_counts(store, scope) == expected
    assert {s.kind.rstrip("*"): s.rows for s in stats} == expected

    # the bulk path (columns with HAS_COLUMN) wrote the same shape as the generic one
    col = next(cat.rows(Label.COLUMN))
    dataset = col["id"].partition("#")[0]
    edges = store.neighbours([dataset], Rel.HAS_COLUMN)[dataset]
    assert col["id"] in {node["id"] for _, node in edges}
    node = store.get_node(col["id"])
    assert node["name"] == col["name"] and node["scope"] == scope and node["first_seen"]

    derived = next(cat.rows(Rel.DERIVES_FROM))
    out = store.neighbours([derived["src"]], Rel.DERIVES_FROM)[derived["src"]]
    edge = next(e for e, n in out if n["id"] == derived["dst"])
    assert edge["job"] == derived["job"]
    assert json.loads(edge["transformations"]) == json.loads(derived["transformations"])

    # loading again is an upsert: same counts
    load(store, cat, LoadOptions(batch=200, writers=1), progress=False, scope=scope)
    assert _open_counts(store, scope) == expected
