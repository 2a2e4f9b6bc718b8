"""Impact analysis (grouping, owners, classifications, filters), lineage paths and the
product/domain roll-ups, through the service on every engine."""

from __future__ import annotations

import pytest

from catalog.lineage import LineageDirection as Direction
from catalog.lineage import LineageService
from catalog.lineage.impact_model import ImpactFilters
from catalog.settings import Settings
from graph import Label, Rel
from graph.errors import InvalidInput, NotFound
from tests.support.lineage import Mesh, build_mesh


@pytest.fixture
def svc(store) -> LineageService:
    return LineageService(store, Settings())


def test_impact_groups_by_domain_product_owner_with_classifications(svc, store, uid):
    g = Mesh(store, uid)
    build_mesh(g)
    imp = svc.impact(g.ds("customers"))
    assert [(d.id, d.degree) for d in imp.datasets()] == [
        (g.ds("orders"), 1), (g.ds("daily"), 2), (g.ds("report"), 3)]
    assert {c.id: c.degree for c in imp.columns()} == {
        g.col("orders", "email"): 1, g.col("daily", "contact"): 2}
    by_domain = {grp.id: (grp.datasets, grp.columns, grp.classified_columns)
                 for grp in imp.by_domain}
    assert by_domain == {
        g.domain("sales"): ([g.ds("orders")], 1, 1),
        g.domain("finance"): ([g.ds("daily"), g.ds("report")], 1, 1)}
    assert {grp.id: grp.datasets for grp in imp.by_product} == {
        g.product("orders"): [g.ds("orders")],
        g.product("revenue"): [g.ds("daily"), g.ds("report")]}
    # owners: the dataset's own, else its product's, else its domain's
    assert {grp.id: grp.datasets for grp in imp.by_owner} == {
        g.owner("sales"): [g.ds("orders")], g.owner("finance"): [g.ds("daily")],
        g.owner("bi"): [g.ds("report")]}
    report = next(d for d in imp.datasets() if d.id == g.ds("report"))
    assert report.kind == "view" and [o.role for o in report.owners] == ["steward"]
    assert report.domain.id == g.domain("finance") and report.product.name == "revenue"
    # accepted and propagated count; suggested and rejected do not
    (email,) = imp.classifications
    assert email.classification.name == "PII.Email"
    assert email.columns == [g.col("orders", "email"), g.col("daily", "contact")]
    assert email.datasets == [g.ds("orders"), g.ds("daily")]
    assert not imp.truncated


def test_impact_filters_narrow_the_report(svc, store, uid):
    g = Mesh(store, uid)
    build_mesh(g)
    finance = svc.impact(g.ds("customers"), filters=ImpactFilters(domains=[g.domain("finance")]))
    assert [d.id for d in finance.datasets()] == [g.ds("daily"), g.ds("report")]
    assert [c.id for c in finance.columns()] == [g.col("daily", "contact")]
    views = svc.impact(g.ds("customers"), filters=ImpactFilters(kinds=["view"]))
    assert [d.id for d in views.datasets()] == [g.ds("report")] and views.columns() == []
    pii = svc.impact(g.ds("customers"), filters=ImpactFilters(classifications=["PII"]))
    assert [d.id for d in pii.datasets()] == [g.ds("orders"), g.ds("daily")]
    by_product = svc.impact(g.ds("customers"), filters=ImpactFilters(products=["orders"]))
    assert [d.id for d in by_product.datasets()] == [g.ds("orders")]


def test_impact_of_a_column_follows_column_lineage_only(svc, store, uid):
    g = Mesh(store, uid)
    build_mesh(g)
    imp = svc.impact(g.col("orders", "total"), depth=5)
    assert [(c.id, c.degree) for c in imp.columns()] == [
        (g.col("daily", "revenue"), 1), (g.col("report", "revenue"), 2)]
    assert [d.id for d in imp.datasets()] == [g.ds("daily"), g.ds("report")]
    # daily.revenue's PII.Phone is only suggested, so no impacted column carries anything;
    # the impacted dataset daily still holds PII.Email (on its contact column)
    assert [(c.classification.name, c.columns, c.datasets) for c in imp.classifications] == [
        ("PII.Email", [], [g.ds("daily")])]
    with pytest.raises(NotFound):
        svc.impact(g.ds("nowhere"))


def test_lineage_path_is_shortest_with_its_jobs(svc, store, uid):
    g = Mesh(store, uid)
    g.datasets(["a", "b", "c", "d", "e"], columns={"a": ["x"], "c": ["y"]})
    g.feeds([("a", "b")], job="j1")
    g.feeds([("b", "c")], job="j2")
    g.feeds([("c", "d")], job="j3")
    g.feeds([("a", "d")], job="shortcut")
    p = svc.path(g.ds("a"), g.ds("d"))
    assert p.found and not p.reversed and p.nodes == [g.ds("a"), g.ds("d")]
    assert p.jobs == [g.job("shortcut")]
    p = svc.path(g.ds("a"), g.ds("c"))
    assert p.nodes == [g.ds("a"), g.ds("b"), g.ds("c")] and p.jobs == [g.job("j1"), g.job("j2")]
    back = svc.path(g.ds("c"), g.ds("a"))
    assert back.found and back.reversed and back.nodes == [g.ds("a"), g.ds("b"), g.ds("c")]
    assert not svc.path(g.ds("a"), g.ds("e")).found
    g.derives([(g.col("c", "y"), g.col("a", "x"))], job="j9")
    col = svc.path(g.col("a", "x"), g.col("c", "y"))
    assert col.found and col.nodes == [g.col("a", "x"), g.col("c", "y")]
    assert col.jobs == [g.job("j9")]
    with pytest.raises(InvalidInput, match="two datasets or two columns"):
        svc.path(g.ds("a"), g.col("c", "y"))
    for source, target in ((g.ds("ghost"), g.ds("ghost")), (g.ds("a"), g.ds("ghost"))):
        with pytest.raises(NotFound, match="ghost"):
            svc.path(source, target)


def test_product_and_domain_lineage_roll_up_with_justifying_edges(svc, store, uid):
    g = Mesh(store, uid)
    build_mesh(g)
    prod = svc.mesh(Label.DATA_PRODUCT, g.product("orders"), direction=Direction.BOTH)
    assert {n.id: (n.side.value, n.degree) for n in prod.nodes} == {
        g.product("orders"): ("ROOT", 0), g.product("crm"): ("UPSTREAM", 1),
        g.product("revenue"): ("DOWNSTREAM", 1)}
    deps = {(d.upstream, d.downstream): [(e.upstream, e.downstream) for e in d.edges]
            for d in prod.dependencies}
    assert deps == {
        (g.product("crm"), g.product("orders")): [(g.ds("customers"), g.ds("orders"))],
        (g.product("orders"), g.product("revenue")): [(g.ds("orders"), g.ds("daily"))]}
    edge = prod.dependencies[0].edges[0]
    assert edge.type is Rel.FEEDS and edge.jobs
    # daily -> report is inside one product: not a dependency
    dom = svc.mesh(Label.DOMAIN, g.domain("sales"), direction=Direction.DOWNSTREAM)
    assert [(d.upstream, d.downstream) for d in dom.dependencies] == [
        (g.domain("sales"), g.domain("finance"))]
    assert [(e.upstream, e.downstream) for e in dom.dependencies[0].edges] == [
        (g.ds("orders"), g.ds("daily"))]  # crm -> orders stays inside sales
    whole = svc.mesh(Label.DATA_PRODUCT, None)
    pairs = {(d.upstream, d.downstream) for d in whole.dependencies}
    assert {(g.product("crm"), g.product("orders")),
            (g.product("orders"), g.product("revenue"))} <= pairs
    with pytest.raises(InvalidInput):
        svc.mesh(Label.DOMAIN, g.product("crm"))
    with pytest.raises(NotFound):
        svc.mesh(Label.DATA_PRODUCT, g.product("ghost"))



def test_impact_reaches_a_column_of_its_own_root(svc, store, uid):
    """A column of the root dataset that is not one of its current columns (so not a start
    of the column walk) derived from one that is: impacted, in the root's context (the root
    is no impacted dataset of its own analysis)."""
    g = Mesh(store, uid)
    g.datasets(["solo"], columns={"solo": ["a"]})
    g.write(lambda tx: tx.upsert_nodes(Label.COLUMN, [  # a column without HAS_COLUMN
        {"id": g.col("solo", "b"), "name": "b", "path": "b"}], source="manual",
        scope=f"nodes-{uid}"))
    g.derives([(g.col("solo", "b"), g.col("solo", "a"))])
    imp = svc.impact(g.ds("solo"))
    assert [(c.id, c.dataset, c.degree) for c in imp.columns()] == [
        (g.col("solo", "b"), g.ds("solo"), 1)]
    assert imp.datasets() == [] and imp.dataset_count == 0
    assert [(grp.id, grp.datasets, grp.columns) for grp in imp.by_domain] == [(None, [], 1)]
