"""The lineage graph in a real browser: controls, expand on click, truncation shown, PII
columns marked, and a graph of a few hundred nodes kept readable (layered layout, fan-outs
collapsed, no overlapping nodes, legible labels)."""

from __future__ import annotations

from urllib.parse import quote

import pytest

from identity import ids
from tests.support.lineage import Mesh

CUSTOMERS = ids.dataset_id("food_delivery", "public.customers")
DELIVERY = ids.dataset_id("food_delivery", "public.delivery_7_days")

GRAPH_STATE = """() => {
    const cy = document.getElementById('lineage-graph').cy;
    const nodes = cy.nodes().filter(n => !n.isParent());
    const boxes = nodes.map(n => ({id: n.id(), bb: n.boundingBox({includeLabels: false})}));
    let overlaps = 0;
    for (let i = 0; i < boxes.length; i++)
        for (let j = i + 1; j < boxes.length; j++) {
            const a = boxes[i].bb, b = boxes[j].bb;
            if (a.x1 < b.x2 - 1 && b.x1 < a.x2 - 1 && a.y1 < b.y2 - 1 && b.y1 < a.y2 - 1)
                overlaps++;
        }
    return {ids: nodes.map(n => n.id()), groups: cy.nodes('.group').map(n => n.id()),
            frontier: cy.nodes('.frontier').map(n => n.id()),
            pii: cy.nodes('.pii').map(n => n.id()), overlaps, zoom: cy.zoom(),
            ranks: [...new Set(nodes.map(n => Math.round(n.position('x'))))].length};
}"""


def lineage_url(base: str, node_id: str, query: str = "") -> str:
    return f"{base}/lineage/{quote(node_id, safe='')}{query}"


def graph_state(page) -> dict:
    page.locator('#lineage-graph[data-ready="true"]').wait_for()
    return page.evaluate(GRAPH_STATE)


def tap(page, node_id: str) -> None:
    page.evaluate("id => { document.getElementById('lineage-graph').cy.getElementById(id)"
                  ".emit('tap'); }", node_id)


def wait_nodes(page, count: int) -> None:
    page.wait_for_function("""n => { const g = document.getElementById('lineage-graph');
        return !!(g && g.cy) && g.cy.nodes().filter(x => !x.isParent()).length === n; }""",
                           arg=count)


@pytest.fixture(scope="module")
def wide(ui_store, catalog_data):
    """3 sources -> root -> 12 datasets -> 24 leaves each: 304 datasets in all."""
    m = Mesh(ui_store, "wide")
    mids = [f"mid{i:02d}" for i in range(12)]
    leaves = {mid: [f"{mid}_leaf{j:02d}" for j in range(24)] for mid in mids}
    m.datasets(["src0", "src1", "src2", "root", *mids, *(x for v in leaves.values() for x in v)])
    m.feeds([(s, "root") for s in ("src0", "src1", "src2")], job="load_root")
    m.feeds([("root", mid) for mid in mids], job="split")
    for mid in mids:
        m.feeds([(mid, leaf) for leaf in leaves[mid]], job=f"fan_{mid}")
    return m


@pytest.fixture(scope="module")
def chain(ui_store, catalog_data):
    m = Mesh(ui_store, "chain")
    names = [f"c{i}" for i in range(7)]
    m.datasets(names)
    m.feeds(list(zip(names, names[1:], strict=False)), job="step")
    return m


def test_a_few_hundred_nodes_stay_readable(catalog_data, page, wide):
    page.goto(lineage_url(catalog_data, wide.ds("root"), "?direction=BOTH&depth=3"))
    s = graph_state(page)
    page.shots("collapsed")
    # 304 datasets answered; each 24-leaf fan-out shows as one "+24 more" node
    assert len(s["groups"]) == 12
    assert len(s["ids"]) == 1 + 3 + 12 + 12
    assert s["overlaps"] == 0 and s["ranks"] == 4  # layered: sources, root, mids, groups
    status = page.locator(".graph-status").inner_text()
    assert "304 nodes" in status and "288 in 12 collapsed fan-outs" in status
    assert s["zoom"] * 13 >= 7.9  # labels render at 8px or more
    # opening one fan-out shows its 24 leaves, still without overlaps
    tap(page, f"group:{wide.ds('mid03')}:out")
    wait_nodes(page, 28 - 1 + 24)
    s = page.evaluate(GRAPH_STATE)
    assert wide.ds("mid03_leaf17") in s["ids"] and s["overlaps"] == 0
    page.shots("one-open")
    # everything open: 304 nodes laid out in layers, none on another, labels still legible
    page.get_by_label("collapse fan-out above").fill("1000")
    page.get_by_label("collapse fan-out above").press("Enter")
    wait_nodes(page, 304)
    s = page.evaluate(GRAPH_STATE)
    assert s["overlaps"] == 0 and s["groups"] == [] and s["ranks"] == 4
    assert s["zoom"] * 13 >= 7.9
    page.shots("all-open")


def test_depth_direction_truncation_and_expand_on_click(catalog_data, page, chain):
    page.goto(lineage_url(catalog_data, chain.ds("c0"), "?direction=DOWNSTREAM&depth=2"))
    s = graph_state(page)
    assert sorted(s["ids"]) == sorted(chain.ds(f"c{i}") for i in range(3))
    truncated = page.locator('.graph-status [data-truncated="true"]')
    assert "Truncated" in truncated.inner_text()
    assert s["frontier"] == [chain.ds("c2")]  # dashed: more lies beyond
    page.shots("truncated")
    tap(page, chain.ds("c2"))  # a click on a dashed node expands it
    wait_nodes(page, 5)
    s = page.evaluate(GRAPH_STATE)
    assert chain.ds("c4") in s["ids"] and chain.ds("c2") not in s["frontier"]
    assert chain.ds("c4") in s["frontier"]
    page.shots("expanded")
    # the depth control asks the server again
    page.get_by_label("depth").fill("6")
    page.get_by_label("depth").press("Enter")
    page.wait_for_url("**depth=6**")
    wait_nodes(page, 7)
    assert page.locator('.graph-status [data-truncated="true"]').count() == 0
    assert page.evaluate(GRAPH_STATE)["frontier"] == []
    # and the direction control
    page.goto(lineage_url(catalog_data, chain.ds("c3"), "?direction=DOWNSTREAM&depth=6"))
    graph_state(page)
    page.get_by_label("direction").select_option("UPSTREAM")
    page.wait_for_url("**direction=UPSTREAM**")
    page.wait_for_function("""id => { const g = document.getElementById('lineage-graph');
        return !!(g && g.cy) && g.cy.getElementById(id).length > 0; }""", arg=chain.ds("c0"))
    assert sorted(page.evaluate(GRAPH_STATE)["ids"]) == sorted(
        chain.ds(f"c{i}") for i in range(4))


def test_column_level_marks_pii_and_boxes_columns_in_their_datasets(catalog_data, page):
    email = ids.column_id(CUSTOMERS, "email")
    downstream_email = ids.column_id(DELIVERY, "customer_email")
    page.goto(lineage_url(catalog_data, email, "?direction=DOWNSTREAM&depth=3"))
    s = graph_state(page)
    page.shots("column-lineage")
    assert downstream_email in s["ids"] and email in s["pii"]
    parent = page.evaluate("id => document.getElementById('lineage-graph').cy"
                           ".getElementById(id).parent().id()", downstream_email)
    assert parent == DELIVERY
    assert s["overlaps"] == 0
    # a whole dataset at column level: its columns with their downstream columns
    page.goto(lineage_url(catalog_data, CUSTOMERS, "?level=COLUMN&direction=DOWNSTREAM"))
    s = graph_state(page)
    assert {email, downstream_email} <= set(s["ids"]) and email in s["pii"]
    page.shots("dataset-columns")
