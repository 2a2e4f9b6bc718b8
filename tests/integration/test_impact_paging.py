"""Impact analysis a page at a time: the pages of datasets and columns put together are the
whole result in its order (nearest first, then by id), none skipped or repeated; counts,
groups and classifications are over the whole result whatever page is asked; filters narrow
the pages and the counts alike; bad paging input names its argument. Through the service and
through GraphQL on the real server, on the run's engine (fixture: tests.support.lineage
build_fanout, 16 datasets and 28 columns downstream of src)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from catalog.lineage import LineageService, impact_context
from catalog.lineage.impact_model import ImpactFilters
from catalog.settings import Settings
from graph.errors import InvalidInput
from tests.support.lineage import Mesh, build_fanout
from tests.support.server import gql, ok

TS = [f"t{i:02}" for i in range(12)]
US = ["u00", "u01", "u02", "u03"]


@pytest.fixture
def g(store, uid) -> Mesh:
    m = Mesh(store, uid)
    build_fanout(m)
    return m


def expected_datasets(g: Mesh) -> list[str]:
    return [g.ds(n) for n in TS + US]  # degree 1, then degree 2; by id within


def expected_columns(g: Mesh) -> list[str]:
    return [g.col(t, c) for t in TS for c in ("a", "b")] + [g.col(u, "a") for u in US]


def pages(fetch: Callable[[int, str | None], list[str]], first: int) -> list[list[str]]:
    """Every page of `first` ids, each asked after the last id of the one before."""
    out: list[list[str]] = []
    after = None
    while True:
        page = fetch(first, after)
        assert len(page) <= first
        out.append(page)
        if len(page) < first:
            return out
        after = page[-1]


def test_pages_put_together_are_the_whole_result_in_order(store, g):
    imp = LineageService(store, Settings()).impact(g.ds("src"))
    assert [d.id for d in imp.datasets()] == expected_datasets(g)
    assert [c.id for c in imp.columns()] == expected_columns(g)
    by5 = pages(lambda n, after: [d.id for d in imp.datasets(n, after)], 5)
    assert [len(p) for p in by5] == [5, 5, 5, 1]
    assert sum(by5, []) == expected_datasets(g)
    by7 = pages(lambda n, after: [c.id for c in imp.columns(n, after)], 7)
    assert [len(p) for p in by7] == [7, 7, 7, 7, 0]  # 28 columns: the last page is empty
    assert sum(by7, []) == expected_columns(g)
    # a page's items are the whole answer's (context and degree too)
    (t01,) = imp.datasets(1, g.ds("t00"))
    assert (t01.id, t01.degree, t01.kind, [o.name for o in t01.owners]) == (
        g.ds("t01"), 1, "view", ["o_own"])
    (u00a,) = imp.columns(1, g.col("t11", "b"))
    assert (u00a.id, u00a.dataset, u00a.degree) == (g.col("u00", "a"), g.ds("u00"), 2)
    assert imp.datasets(0) == [] and imp.datasets(3, expected_datasets(g)[-1]) == []


def test_counts_groups_and_classifications_are_over_the_whole_result(store, g):
    imp = LineageService(store, Settings()).impact(g.ds("src"))
    imp.datasets(2), imp.columns(2)  # a page asked first changes nothing below
    assert (imp.dataset_count, imp.column_count) == (16, 28)
    left = [g.ds(t) for i, t in enumerate(TS) if i % 3 == 0] + [g.ds(u) for u in US]
    right = [g.ds(t) for i, t in enumerate(TS) if i % 3 == 1]
    none = [g.ds(t) for i, t in enumerate(TS) if i % 3 == 2]
    assert {grp.id: (grp.datasets, grp.columns, grp.classified_columns)
            for grp in imp.by_domain} == {g.domain("left"): (left, 12, 1),
                                          g.domain("right"): (right, 8, 1),
                                          None: (none, 8, 1)}
    assert {grp.id: len(grp.datasets) for grp in imp.by_product} == {
        g.product("p_left"): 8, g.product("p_right"): 4, None: 4}
    assert {grp.id: grp.datasets for grp in imp.by_owner} == {
        g.owner("o_left"): left, g.owner("o_own"): [g.ds("t01")],
        g.owner("o_right"): [d for d in right if d != g.ds("t01")], None: none}
    (email,) = imp.classifications
    assert email.columns == [g.col(t, "a") for t in ("t00", "t04", "t08")]
    assert email.datasets == [g.ds(t) for t in ("t00", "t04", "t08")]


def test_filters_narrow_pages_and_counts_alike(store, g):
    svc = LineageService(store, Settings())
    right = svc.impact(g.ds("src"), filters=ImpactFilters(domains=[g.domain("right")]))
    ids = [g.ds(t) for i, t in enumerate(TS) if i % 3 == 1]
    assert sum(pages(lambda n, after: [d.id for d in right.datasets(n, after)], 3), []) == ids
    assert right.dataset_count == 4 and right.column_count == 8
    assert [c.id for c in right.columns(2)] == [g.col("t01", "a"), g.col("t01", "b")]
    assert [grp.id for grp in right.by_domain] == [g.domain("right")]
    pii = svc.impact(g.ds("src"), filters=ImpactFilters(classifications=["PII"]))
    assert [d.id for d in pii.datasets(2)] == [g.ds("t00"), g.ds("t04")]
    assert [c.id for c in pii.columns()] == [g.col(t, "a") for t in ("t00", "t04", "t08")]
    assert (pii.dataset_count, pii.column_count) == (3, 3)
    views = svc.impact(g.ds("src"), filters=ImpactFilters(kinds=["view"]))
    assert [d.id for d in views.datasets(2, g.ds("t03"))] == [g.ds("t05"), g.ds("t07")]
    # an id the filters left out is no cursor of this answer
    with pytest.raises(InvalidInput) as err:
        right.datasets(2, g.ds("t00"))
    assert err.value.path == "after"


def test_bad_paging_input_names_the_argument(store, g):
    imp = LineageService(store, Settings()).impact(g.ds("src"))
    with pytest.raises(InvalidInput) as err:
        imp.datasets(-1)
    assert err.value.path == "first"
    with pytest.raises(InvalidInput) as err:
        imp.columns(5, g.ds("t00"))  # a dataset's id among the columns
    assert err.value.path == "after"


PAGE = """query($input: ImpactAnalysisInput!, $first: Int, $after: ID, $cfirst: Int,
                $cafter: ID) { impactAnalysis(input: $input) {
  datasetCount columnCount
  datasets(first: $first, after: $after) { id degree dataProduct { id } owners { name } }
  columns(first: $cfirst, after: $cafter) { id dataset classifications { name } }
  byDomain { id datasetCount columnCount classifiedColumnCount }
  byOwner { id datasetCount }
  classifications { classification { name } columnCount datasetCount } } }"""


def ask(server: str, src: str, **variables: Any) -> dict[str, Any]:
    return ok(gql(server, PAGE, {"input": {"id": src}, **variables}))["impactAnalysis"]


def test_graphql_pages_and_whole_result_counts(server, g):
    src = g.ds("src")
    whole = ask(server, src)  # no paging arguments: every item, as before paging existed
    assert [d["id"] for d in whole["datasets"]] == expected_datasets(g)
    assert [c["id"] for c in whole["columns"]] == expected_columns(g)
    first = ask(server, src, first=2, cfirst=3)
    assert [d["id"] for d in first["datasets"]] == expected_datasets(g)[:2]
    assert [c["id"] for c in first["columns"]] == expected_columns(g)[:3]
    for key in ("datasetCount", "columnCount", "byDomain", "byOwner", "classifications"):
        assert first[key] == whole[key], key
    assert (first["datasetCount"], first["columnCount"]) == (16, 28)
    assert {grp["id"]: (grp["datasetCount"], grp["columnCount"], grp["classifiedColumnCount"])
            for grp in first["byDomain"]} == {g.domain("left"): (8, 12, 1),
                                              g.domain("right"): (4, 8, 1), None: (4, 8, 1)}
    assert first["classifications"] == [{"classification": {"name": "PII.Email"},
                                         "columnCount": 3, "datasetCount": 3}]
    by_page = pages(lambda n, after: [d["id"] for d in ask(server, src, first=n,
                                                           after=after)["datasets"]], 6)
    assert sum(by_page, []) == expected_datasets(g)
    by_page = pages(lambda n, after: [c["id"] for c in ask(server, src, cfirst=n,
                                                           cafter=after)["columns"]], 10)
    assert sum(by_page, []) == expected_columns(g)


def test_graphql_filters_and_bad_paging_input(server, g):
    src = g.ds("src")
    inp = {"id": src, "domains": [g.domain("left")]}
    left = ok(gql(server, PAGE, {"input": inp, "first": 3, "cfirst": 100}))["impactAnalysis"]
    assert (left["datasetCount"], left["columnCount"]) == (8, 12)
    assert [d["id"] for d in left["datasets"]] == [g.ds(t) for t in ("t00", "t03", "t06")]
    assert {d["dataProduct"]["id"] for d in left["datasets"]} == {g.product("p_left")}
    assert {c["dataset"] for c in left["columns"]} == {
        g.ds(n) for n in ("t00", "t03", "t06", "t09", *US)}
    assert [grp["id"] for grp in left["byDomain"]] == [g.domain("left")]
    for variables, field in (({"first": -1}, "datasets.first"),
                             ({"cafter": g.ds("t00")}, "columns.after"),
                             ({"after": "dataset:nowhere:x.y"}, "datasets.after")):
        data = gql(server, PAGE, {"input": {"id": src}, **variables})
        assert data["errors"][0]["extensions"] == {"code": "BAD_INPUT", "field": field}
        assert data["data"] is None


def test_the_context_read_in_parts_answers_the_same(store, g, monkeypatch):
    """A hub's datasets are read in parts side by side; small sets (every test's) in one."""
    svc = LineageService(store, Settings())
    whole = svc.impact(g.ds("src"))
    monkeypatch.setattr(impact_context, "PART_FROM", 2)
    in_parts = svc.impact(g.ds("src"))
    assert in_parts == whole
    assert [d.owners for d in in_parts.datasets()] == [d.owners for d in whole.datasets()]
