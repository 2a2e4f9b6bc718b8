"""Lineage of the Marquez seed (26 OpenLineage events, 13 jobs) equals the oracle derived
from the events themselves: upstream, downstream and the column-level closure."""

from __future__ import annotations

import json
from collections import defaultdict

import pytest

from catalog.lineage import LineageDirection as Direction
from catalog.lineage import LineageService
from catalog.settings import Settings
from identity import ids
from ingestors.openlineage import ingest_events
from tests.conftest import FIXTURES

MARQUEZ = FIXTURES / "openlineage" / "marquez"
NS = "food_delivery"
EXPECTED = json.loads((MARQUEZ / "derived" / "expected_lineage.json").read_text())


def ds(name: str) -> str:
    return ids.dataset_id(NS, name)


def col(table: str, field: str) -> str:
    return ids.column_id(ds(table), field)


def closure(edges: list[tuple[str, str]], start: str) -> set[str]:
    nxt = defaultdict(set)
    for a, b in edges:
        nxt[a].add(b)
    seen, todo = set(), [start]
    while todo:
        for b in nxt[todo.pop()]:
            if b not in seen:
                seen.add(b)
                todo.append(b)
    seen.discard(start)
    return seen


TABLE_EDGES = [(ds(a), ds(b)) for a, b in EXPECTED["table_edges"]]
COLUMN_EDGES = [(col(t1, c1), col(t2, c2)) for t1, c1, t2, c2 in EXPECTED["column_edges"]]


@pytest.fixture(scope="module")
def svc(store) -> LineageService:
    events = [json.loads(line) for line in
              (MARQUEZ / "seed" / "metadata.rendered.ndjson").read_text().splitlines() if line]
    result = ingest_events(store, events)
    assert result.ok and result.accepted == 26, [r.as_dict() for r in result.results]
    return LineageService(store, Settings())


def reached(graph) -> set[str]:
    return {n.id for n in graph.nodes if n.degree > 0}


@pytest.mark.parametrize("table", sorted(EXPECTED["tables"]))
def test_table_lineage_equals_the_oracle(svc, table):
    down = svc.lineage(ds(table), direction=Direction.DOWNSTREAM, depth=20)
    assert reached(down) == closure(TABLE_EDGES, ds(table))
    up = svc.lineage(ds(table), direction=Direction.UPSTREAM, depth=20)
    assert reached(up) == closure([(b, a) for a, b in TABLE_EDGES], ds(table))
    assert not down.truncated and not up.truncated
    one = svc.lineage(ds(table), direction=Direction.BOTH, depth=1)
    direct = {(e.upstream, e.downstream) for e in one.edges}
    assert direct == {(a, b) for a, b in TABLE_EDGES if ds(table) in (a, b)}


def test_column_closure_equals_the_oracle(svc):
    for source in sorted({a for a, _ in COLUMN_EDGES}):
        down = svc.lineage(source, direction=Direction.DOWNSTREAM, depth=20)
        assert reached(down) == closure(COLUMN_EDGES, source), source
    for target in sorted({b for _, b in COLUMN_EDGES}):
        up = svc.lineage(target, direction=Direction.UPSTREAM, depth=1)
        assert reached(up) == {a for a, b in COLUMN_EDGES if b == target}, target


def test_personal_columns_flow_where_the_oracle_says(svc):
    for name, expected in EXPECTED["downstream_of"].items():
        table, _, field = name.rpartition(".")
        down = svc.lineage(col(table, field), direction=Direction.DOWNSTREAM, depth=20)
        want = {col(t, f) for t, _, f in (e.rpartition(".") for e in expected)}
        assert reached(down) == want, name
