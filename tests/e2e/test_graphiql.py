"""GraphiQL at /graphql in a real browser with its network restricted to the server: it must
start, explore and run queries with nothing from the internet (issue 23: strawberry's page
loaded React and GraphiQL from unpkg.com and showed "Loading..." forever offline)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from urllib.parse import urlsplit

import pytest

from catalog.auth import Role
from tests.conftest import bearer
from tests.support.server import gql

CUSTOMERS = "dataset:postgres://shop-db:5432:shop.public.customers"
LOCAL_SCHEMES = ("data", "blob", "about")


class Network:
    """Every request of the page is routed through here: the server's own go on, any other
    host is aborted and recorded, so the test fails on it (and the page cannot use it)."""

    def __init__(self, page, base: str):
        self.server = urlsplit(base).netloc  # 127.0.0.1:<port>
        self.foreign: list[str] = []
        self.graphql_posts: list[dict] = []
        page.route("**/*", self.route)
        # requests that routing might not see (workers, websockets) are checked as well
        page.on("request", lambda r: self.check(r.url))
        page.on("websocket", lambda ws: self.check(ws.url))

    def check(self, url: str) -> bool:
        parts = urlsplit(url)
        ok = parts.scheme in LOCAL_SCHEMES or parts.netloc == self.server
        if not ok and url not in self.foreign:
            self.foreign.append(url)
        return ok

    def route(self, route) -> None:
        request = route.request
        if not self.check(request.url):
            route.abort("blockedbyclient")
            return
        if request.method == "POST" and urlsplit(request.url).path == "/graphql":
            self.graphql_posts.append({"headers": request.headers,
                                       "body": json.loads(request.post_data or "{}")})
        route.continue_()


@pytest.fixture
def network(page, catalog_data) -> Iterator[Network]:
    """The page's network, restricted to the server; whatever else it asked for fails the
    test at the end, also when it failed earlier (then the hosts say why)."""
    net = Network(page, catalog_data)
    yield net
    assert net.foreign == [], f"requests to other hosts: {net.foreign}"


def response_text(page) -> str:
    """What the response editor shows (Monaco draws spaces as no-break spaces)."""
    return page.locator(".graphiql-response .view-lines").inner_text().replace("\u00a0", " ")


def run_and_wait(page, expect: str) -> str:
    page.locator(".graphiql-execute-button").click()
    page.wait_for_function(
        """(want) => (document.querySelector('.graphiql-response .view-lines')?.innerText
                      ?? '').replace(/\\u00a0/g, ' ').includes(want)""", arg=expect)
    return response_text(page)


def test_graphiql_explores_and_runs_a_query_offline(catalog_data, page, network):
    page.goto(catalog_data + "/graphql")
    explorer = page.locator(".graphiql-explorer-root")
    # the explorer is open and lists the schema's root fields: the schema came through
    explorer.locator(".graphiql-explorer-node", has_text="domains").first.wait_for()
    editor = page.locator(".graphiql-query-editor .view-lines")
    page.wait_for_function(  # the editor draws its text after the explorer lists fields
        """() => (document.querySelector('.graphiql-query-editor .view-lines')?.innerText
                  ?? '').trim().length > 0""")
    assert "{ domains { name } }" in editor.inner_text().replace("\u00a0", " ")
    # the explorer reads the query: domains is open and its name ticked (the checked box is
    # the svg filled with --color-info), its id is not
    ticked = "svg[style*='--color-info']"
    name = explorer.locator(".graphiql-explorer-domains .graphiql-explorer-name")
    name.wait_for()
    assert name.locator(ticked).count() == 1
    assert explorer.locator(".graphiql-explorer-domains .graphiql-explorer-id").locator(
        ticked).count() == 0
    page.shots("explorer")

    expected = [d["name"] for d in gql(catalog_data, "{ domains { name } }")["data"]["domains"]]
    assert {"sales", "finance", "marketing"} <= set(expected)
    with page.expect_response(lambda r: r.request.method == "POST"
                              and "domains" in (r.request.post_data or "")) as answer:
        shown = run_and_wait(page, f'"name": "{expected[0]}"')
    body = answer.value.json()
    assert [d["name"] for d in body["data"]["domains"]] == expected
    for name in expected[:8]:  # what fits on screen (Monaco draws the visible lines only)
        assert f'"name": "{name}"' in shown
    page.shots("answer")

    # the README's examples are there as tabs
    tabs = page.locator(".graphiql-tab").all_inner_texts()
    assert any("Lineage" in t for t in tabs) and any("Search" in t for t in tabs), tabs
    assert any("AddTag" in t for t in tabs), tabs
    assert network.foreign == []
    assert network.graphql_posts and all("authorization" not in p["headers"]
                                         for p in network.graphql_posts)  # not signed in


def test_graphiql_sends_the_ui_token_so_a_steward_can_run_a_mutation(catalog_data, page,
                                                                      network, ui_tokens):
    steward = ui_tokens[Role.STEWARD]
    # sign in through the web UI's token control, as a user would
    page.goto(catalog_data + "/")
    page.locator("#token-button").click()
    page.locator("#token-input").fill(steward)
    page.locator("#token-save").click()
    page.locator('#token-button[data-role="steward"]').wait_for()
    try:
        page.goto(catalog_data + "/graphql")
        page.locator(".graphiql-explorer-node", has_text="domains").first.wait_for()
        # the editor holds the first tab before another tab can be chosen
        page.locator(".graphiql-query-editor .view-lines", has_text="Signed in").wait_for()
        page.locator(".graphiql-tab", has_text="AddTag").click()
        page.locator(".graphiql-query-editor .view-lines", has_text="addTag").wait_for()
        shown = run_and_wait(page, "tried-in-graphiql")
        assert '"errors"' not in shown
        page.shots("mutation")
        posts = [p for p in network.graphql_posts  # GraphiQL's, not the UI's before sign-in
                 if urlsplit(p["headers"].get("referer", "")).path == "/graphql"]
        assert posts
        for post in posts:  # introspection and the mutation alike
            assert post["headers"].get("authorization") == f"Bearer {steward}"
        assert any("addTag" in p["body"].get("query", "") for p in posts)
        assert network.foreign == []
    finally:
        undo = gql(catalog_data, """mutation ($id: ID!) { removeTag(input: {subjectId: $id,
                   tag: "tried-in-graphiql"}) { id } }""", {"id": CUSTOMERS},
                   headers=bearer(steward))
        assert "errors" not in undo, undo
