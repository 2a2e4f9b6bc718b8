"""The benchmark's synthetic catalog: deterministic, consistent, and the size it says."""

from __future__ import annotations

import dataclasses
import json
from collections import defaultdict

import pytest

from graph.labels import Label, Rel, label_of
from tests.benchmarks.synthetic import SCALES, SyntheticCatalog


@pytest.fixture(scope="module")
def small() -> SyntheticCatalog:
    return SyntheticCatalog(SCALES["small"])


def _all_rows(cat: SyntheticCatalog) -> dict[str, list[dict]]:
    return {str(kind): list(rows()) for kind, rows in cat.plan()}


def test_same_scale_gives_the_same_catalog_and_another_seed_another():
    scale = SCALES["tiny"]
    assert _all_rows(SyntheticCatalog(scale)) == _all_rows(SyntheticCatalog(scale))
    other = SyntheticCatalog(dataclasses.replace(scale, seed=scale.seed + 1))
    assert _all_rows(other) != _all_rows(SyntheticCatalog(scale))


@pytest.mark.parametrize("name", ["tiny", "small"])
def test_counts_are_what_the_scale_asks_and_what_the_rows_hold(name):
    scale = SCALES[name]
    cat = SyntheticCatalog(scale)
    counts = cat.counts()
    assert counts == {str(kind): sum(1 for _ in rows()) for kind, rows in cat.plan()}
    assert counts["Dataset"] == scale.datasets
    assert counts["Column"] == counts["HAS_COLUMN"] == scale.datasets * scale.columns
    assert counts["FEEDS"] == scale.feeds
    assert counts["DERIVES_FROM"] == scale.column_edges


def test_ids_are_unique_and_every_edge_ends_at_a_generated_node(small):
    nodes: set[str] = set()
    for kind, rows in small.plan():
        if isinstance(kind, Label):
            ids = [r["id"] for r in rows()]
            assert len(ids) == len(set(ids)), kind
            assert {label_of(i) for i in ids} == {kind}
            nodes.update(ids)
    for kind, rows in small.plan():
        if isinstance(kind, Rel):
            pairs = [(r["src"], r["dst"]) for r in rows()]
            assert len(pairs) == len(set(pairs)), kind
            starts, ends = kind.endpoints
            for src, dst in pairs:
                assert src in nodes and dst in nodes, (kind, src, dst)
                assert label_of(src) in starts and label_of(dst) in ends


def test_lineage_is_a_dag_with_hubs_and_column_lineage_follows_it(small):
    feeds = list(small.rows(Rel.FEEDS))
    down = defaultdict(set)
    for r in feeds:
        down[r["src"]].add(r["dst"])
        assert r["jobs"] and r["jobs"][0].startswith("job:")
    # a DFS finds no cycle
    state: dict[str, int] = {}
    for start in list(down):
        stack = [(start, iter(down[start]))]
        state[start] = 1
        while stack:
            node, it = stack[-1]
            nxt = next(it, None)
            if nxt is None:
                state[node] = 2
                stack.pop()
            elif state.get(nxt) == 1:
                pytest.fail(f"cycle through {nxt}")
            elif nxt not in state:
                state[nxt] = 1
                stack.append((nxt, iter(down[nxt])))
    fan_out = sorted((len(v) for v in down.values()), reverse=True)
    hub_out = [len(down[h]) for h in small.hub_ids()]
    assert min(hub_out) >= SCALES["small"].hub_fanout * 0.5
    assert fan_out[len(fan_out) // 2] < min(hub_out)  # hubs stand out of the median
    ds_pairs = {(r["src"], r["dst"]) for r in feeds}
    for r in small.rows(Rel.DERIVES_FROM):
        src_ds, dst_ds = r["src"].partition("#")[0], r["dst"].partition("#")[0]
        assert (dst_ds, src_ds) in ds_pairs  # the output column derives from an input's
        tx = json.loads(r["transformations"])
        assert tx[0]["type"] in ("DIRECT", "INDIRECT") and "subtype" in tx[0]


def test_columns_look_like_a_real_catalog(small):
    names = [r["name"] for r in small.rows(Label.COLUMN)]
    assert any("_" in n for n in names) and any(n != n.lower() for n in names)  # snake, camel
    assert any(n.endswith("email") or n.endswith("Email") for n in names)
    assert sum(1 for _ in small.pii_columns()) > len(names) * 0.05
    assert any("description" in r for r in small.rows(Label.COLUMN))


def test_a_prefix_keeps_every_id_apart():
    plain = SyntheticCatalog(SCALES["tiny"])
    fixed = SyntheticCatalog(dataclasses.replace(SCALES["tiny"], prefix="x1_"))
    for kind in Label:
        a = {r["id"] for r in plain.rows(kind)} if kind in dict(plain.plan()) else set()
        b = {r["id"] for r in fixed.rows(kind)} if kind in dict(fixed.plan()) else set()
        assert not a & b, kind
