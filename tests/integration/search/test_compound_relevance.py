"""Search on catalogs it was not written against: compound_queries.yaml over northwind,
pagila, TPC-H, TPC-DS and AdventureWorksLT (harvested with the database ingestor, the
demo catalog beside them as distractors).

The set is split in two halves by a hash of each query: `dev` (looked at while tuning)
and `held-out` (only measured). The test prints MRR@10 and the share of queries answered
in the top 3 per kind of query for both halves, and fails when the held-out half scores
below MRR@10 0.92, any dev query has no acceptable answer in the first 10, or more held-out
queries than HELD_OUT_MISSES have none.
Per-query rows are printed for the dev half only (CATALOG_SHOW_HELD_OUT=1 shows all).
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
from collections import defaultdict
from fnmatch import fnmatchcase
from pathlib import Path

import pytest
import yaml

from catalog.demo import load_demo
from catalog.search import Kind, SearchRequest, SearchService
from catalog.search.build import build_from_store
from catalog.search.tokenize import short_name
from ingestors.recipe import parse_recipe
from ingestors.runner import run_recipe
from tests.conftest import FIXTURES
from tests.support.databases import load_fixture, pg_database, pg_url
from tests.support.engines import own_graph

HERE = Path(__file__).parent
QUERIES = yaml.safe_load((HERE / "compound_queries.yaml").read_text())
SQLITE = {"tpch": "tpch.sql", "tpcds": "tpcds.sql", "awlt": "adventureworkslt.sql",
          "cm": "classicmodels.sql", "legacy": "legacy.sql"}
POSTGRES = {"nw": "northwind", "pagila": "pagila"}
TARGET = 0.92
HELD_OUT_MISSES = 0  # every held-out query's answer in the first 10
KINDS = ("typo", "abbreviation", "run-together", "multi-word", "spaced", "camel")


def half(query: str) -> str:
    """A deterministic split: the parity of the first byte of the query's SHA-1."""
    return "held-out" if hashlib.sha1(query.encode()).digest()[0] % 2 else "dev"


def _harvest(store, url: str, base_dir: Path) -> None:
    rec = parse_recipe({"source": {"type": "database", "config": {"url": url}}},
                       base_dir=base_dir)
    summary = run_recipe(rec, store)
    assert summary.added.get("Dataset"), summary


@pytest.fixture(scope="module")
def catalog(tmp_path_factory):
    """(search service, document -> short name `cat:table` / `cat:table#column`)."""
    tmp = tmp_path_factory.mktemp("compound")
    with own_graph(tmp / "graph") as g:
        store = g.store()
        try:
            load_demo(store)
            for short, script in SQLITE.items():
                conn = sqlite3.connect(tmp / f"{short}.db")
                conn.executescript((HERE / "schemas" / script).read_text())
                conn.close()
                _harvest(store, f"sqlite:///{short}.db", tmp)
            db_of = {}
            for short, fixture in POSTGRES.items():
                with pg_database(f"search_{short}", load_fixture(FIXTURES, fixture)) as db:
                    _harvest(store, pg_url(db), tmp)
                    db_of[db] = short
            index = build_from_store(store)
        finally:
            store.close()
    docs = index.docs
    names: dict[int, str] = {}
    for d in range(docs.n):
        if docs.kind[d] != Kind.DATASET or not docs.names[d]:
            continue
        ns, name = docs.namespaces[d] or "", docs.names[d]
        cat = Path(ns).stem if ns.startswith("sqlite://") else db_of.get(name.split(".")[0])
        if cat:
            names[d] = f"{cat}:{short_name(name)}"
    for d in range(docs.n):
        p = int(docs.parent[d])
        if docs.kind[d] == Kind.COLUMN and p in names:
            names[d] = f"{names[p]}#{docs.names[d]}"
    return SearchService(index), names


def _matches(short: str | None, patterns: list[str]) -> bool:
    return short is not None and any(fnmatchcase(short, p) for p in patterns)


def test_the_set_is_large_varied_and_split():
    assert len(QUERIES) >= 150
    assert len({q["q"] for q in QUERIES}) == len(QUERIES)
    assert {q["type"] for q in QUERIES} == set(KINDS)
    assert {q["expect"][0].split(":")[0] for q in QUERIES} >= {"nw", "pagila", "tpch", "tpcds",
                                                                "awlt"}
    halves = [half(q["q"]) for q in QUERIES]
    assert 0.4 < halves.count("held-out") / len(halves) < 0.6


def test_every_expected_answer_is_in_the_catalog(catalog):
    _, names = catalog
    known = set(names.values())
    missing = [(q["q"], p) for q in QUERIES for p in q["expect"]
               if not any(fnmatchcase(n, p) for n in known)]
    assert missing == []


def test_mean_reciprocal_rank_on_both_halves(catalog, capsys):
    service, names = catalog
    show_all = os.environ.get("CATALOG_SHOW_HELD_OUT") == "1"
    rr: dict[str, list[float]] = defaultdict(list)
    top3: dict[tuple[str, str], list[bool]] = defaultdict(list)
    rows, misses = [], defaultdict(list)
    for q in QUERIES:
        h = half(q["q"])
        hits = service.search(SearchRequest(query=q["q"], first=10)).hits
        shorts = [names.get(service.index.docs.get(hit.id), hit.id) for hit in hits]
        rank = next((i + 1 for i, s in enumerate(shorts) if _matches(s, q["expect"])), None)
        rr[h].append(1.0 / rank if rank else 0.0)
        top3[(h, q["type"])].append(bool(rank and rank <= 3))
        if not rank:
            misses[h].append(q["q"])
        if h == "dev" or show_all:
            rows.append(f"{h:<8} {rr[h][-1]:5.2f}  {q['type']:<12} {q['q']!r:<28} "
                        f"top: {shorts[:3]}")
    mrr = {h: sum(v) / len(v) for h, v in rr.items()}
    lines = []
    for h in ("dev", "held-out"):
        per_kind = "  ".join(
            f"{k} {sum(top3[(h, k)])}/{len(top3[(h, k)])}" for k in KINDS if top3[(h, k)])
        lines.append(f"{h:<8} {len(rr[h])} queries  MRR@10 {mrr[h]:.3f}  "
                     f"not in top 10: {len(misses[h])}  top-3 per kind: {per_kind}")
    report = "\n".join(rows + lines)
    with capsys.disabled():
        print("\n" + report)
    assert mrr["held-out"] >= TARGET, report
    assert not misses["dev"], report
    # held-out queries are counted, never named, so that the half stays unseen
    assert len(misses["held-out"]) <= HELD_OUT_MISSES, report
