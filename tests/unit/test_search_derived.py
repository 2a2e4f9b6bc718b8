"""The derived arrays follow the index's writes: after any sequence of writes, the arrays
followed write by write equal the arrays built from scratch over the index."""

from __future__ import annotations

import random

import numpy as np
import pytest

from catalog.search.derived import Derived
from catalog.search.derived_log import DerivedLog
from graph.labels import Label, Rel
from identity import ids
from tests.support.search import Catalog

ARRAYS = ("domain", "product", "platform", "domain_code", "owned", "boost")
TAGS = [ids.tag_id(t) for t in ("gold", "silver")]
CLASSES = [ids.classification_id(c) for c in ("PII.Email", "PII.Phone")]
OWNERS = [ids.owner_id(o) for o in ("team-a", "team-b", "team-c")]


def _assert_same(followed: Derived, index) -> None:
    fresh = Derived(index)
    n = index.docs.n
    assert followed.n == n
    assert np.array_equal(followed.up[: n + 1], fresh.up[: n + 1])
    for name in ARRAYS:
        assert np.array_equal(getattr(followed, name)[:n], getattr(fresh, name)[:n]), name
    assert np.array_equal(followed.domains, fresh.domains)
    for attr in ("tags", "classes", "owners"):
        for value in getattr(index, attr).members:
            got = np.sort(followed.members(index, attr, value))
            assert np.array_equal(got, np.sort(fresh.members(index, attr, value))), value
        at, code, values = followed.pairs(index, attr)
        at2, code2, values2 = fresh.pairs(index, attr)
        got = sorted(zip(at.tolist(), [values[c] for c in code], strict=True))
        assert got == sorted(zip(at2.tolist(), [values2[c] for c in code2], strict=True))


class _World:
    """A random mesh written through Catalog, one small transaction at a time."""

    def __init__(self, seed: int) -> None:
        self.rnd = random.Random(seed)
        self.c = Catalog()
        self.domains: list[str] = []
        self.products: list[str] = []
        self.datasets: list[str] = []
        self.columns: list[str] = []
        self.parent: dict[str, str] = {}
        for t in TAGS:
            self.c.node(Label.TAG, t, name=t.split(":")[1])
        for cl in CLASSES:
            self.c.node(Label.CLASSIFICATION, cl, name=cl.split(":")[1])
        for o in OWNERS:
            self.c.node(Label.OWNER, o, name=o.split(":")[-1])
        for _ in range(2):
            self.add_domain()
        for _ in range(6):
            self.add_dataset()
        self.c.commit()

    def add_domain(self) -> None:
        name = f"dom{len(self.domains)}"
        d = self.c.node(Label.DOMAIN, ids.domain_id(name), name=name)
        self.domains.append(d)
        for j in range(2):
            p = self.c.node(Label.DATA_PRODUCT, ids.product_id(name, f"p{j}"), name=f"p{j}")
            self.c.edge(Rel.HAS_PRODUCT, d, p)
            self.products.append(p)
            self.parent[p] = d

    def add_dataset(self) -> None:
        rnd, i = self.rnd, len(self.datasets)
        ns = rnd.choice(["postgres://db:5432", "kafka://broker:9092", "s3://bucket"])
        ds = self.c.dataset(f"shop.t{i}", namespace=ns, columns=[f"c{i}_{k}" for k in range(3)],
                            description=rnd.choice(["", "a table"]))
        self.datasets.append(ds)
        self.columns += [ids.column_id(ds, f"c{i}_{k}") for k in range(3)]
        if rnd.random() < 0.8:
            p = rnd.choice(self.products)
            self.c.edge(Rel.CONTAINS, p, ds)
            self.parent[ds] = p

    def step(self) -> None:
        rnd, c = self.rnd, self.c
        op = rnd.randrange(10)
        ds = rnd.choice(self.datasets)
        if op == 0:
            self.add_dataset()
        elif op == 1:  # move a dataset to another product
            old = self.parent.pop(ds, None)
            if old:
                c.changes.closed_edges[Rel.CONTAINS].append({"src": old, "dst": ds})
            p = rnd.choice(self.products)
            c.edge(Rel.CONTAINS, p, ds)
            self.parent[ds] = p
        elif op == 2:  # an owner comes or goes, anywhere up the tree
            node = rnd.choice(self.domains + self.products + self.datasets)
            owner = rnd.choice(OWNERS)
            if rnd.random() < 0.6:
                c.edge(Rel.OWNED_BY, node, owner)
            else:
                c.changes.closed_edges[Rel.OWNED_BY].append({"src": node, "dst": owner})
        elif op == 3:
            tag = rnd.choice(TAGS)
            node = rnd.choice(self.datasets + self.columns)
            if rnd.random() < 0.6:
                c.edge(Rel.TAGGED, node, tag)
            else:
                c.changes.closed_edges[Rel.TAGGED].append({"src": node, "dst": tag})
        elif op == 4:
            col, cl = rnd.choice(self.columns), rnd.choice(CLASSES)
            c.edge(Rel.CLASSIFIED_AS, col, cl,
                   status=rnd.choice(["accepted", "rejected", None]))
        elif op == 5:  # lineage: degrees move, and with them the columns' boosts
            other = rnd.choice(self.datasets)
            if rnd.random() < 0.7:
                c.edge(Rel.FEEDS, ds, other)
            else:
                c.changes.closed_edges[Rel.FEEDS].append({"src": ds, "dst": other})
        elif op == 6:
            c.node(Label.DATASET, ds, description=rnd.choice(["", "now documented"]))
        elif op == 7:
            c.node(Label.DATASET, ds, platform=rnd.choice(["postgres", "snowflake", None]))
        elif op == 8:
            self.add_domain()
        else:  # a column moves to another dataset (rare in life; the arrays must follow)
            col = rnd.choice(self.columns)
            c.edge(Rel.HAS_COLUMN, ds, col)
        if rnd.random() < 0.5:
            c.commit()


def _follow_steps(world: _World, steps: int) -> None:
    """`steps` random writes, each followed and compared with a fresh build."""
    index = world.c.index
    followed = Derived(index)
    for _ in range(steps):
        world.step()
        world.c.commit()
        followed.follow()
        _assert_same(followed, index)  # reads the caches too: a stale one would show


@pytest.mark.parametrize("seed", range(6))
def test_followed_arrays_equal_a_fresh_build(monkeypatch, seed):
    monkeypatch.setattr(Derived, "REBUILD_SHARE", 10.0)  # never fall back to a build
    builds = []
    real_build = Derived._build
    monkeypatch.setattr(Derived, "_build", lambda self: (builds.append(1), real_build(self)))
    _follow_steps(_World(seed), 120)
    assert len(builds) == 1 + 120  # one per fresh Derived: the followed one never rebuilt


def test_a_forgetting_log_makes_the_reader_rebuild(monkeypatch):
    monkeypatch.setattr(DerivedLog, "MAX_DOCS", 4)
    world = _World(99)
    _follow_steps(world, 60)
    assert world.c.index.derived_log.floor > 0


def test_a_write_touching_most_documents_rebuilds_and_a_small_one_follows(monkeypatch):
    world = _World(5)
    index = world.c.index
    followed = Derived(index)
    monkeypatch.setattr(Derived, "REBUILD_SHARE", 0.5)  # 8 of the 30 documents: follows
    calls = []
    real_set = Derived._set
    monkeypatch.setattr(Derived, "_set",
                        lambda self, at: (calls.append(at.size), real_set(self, at)))
    world.c.edge(Rel.FEEDS, world.datasets[0], world.datasets[1])
    world.c.commit()
    followed.follow()
    assert calls == [8]  # the two datasets and their three columns each
    _assert_same(followed, index)
    calls.clear()
    world.c.edge(Rel.OWNED_BY, world.domains[0], OWNERS[0])  # above half the catalog
    world.c.commit()
    monkeypatch.setattr(Derived, "REBUILD_SHARE", 0.01)
    followed.follow()
    assert calls == [index.docs.n]  # one build over every document
    _assert_same(followed, index)
