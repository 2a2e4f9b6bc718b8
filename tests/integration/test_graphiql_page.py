"""GET /graphql in a browser answers our GraphiQL page (built with the web UI), whose assets
are all served here; CATALOG_GRAPHIQL=false turns it off; it loads without a token when
reads need one, while queries still need the token."""

from __future__ import annotations

import re

import httpx

from catalog.api.app import create_app
from catalog.auth import Role, TokenStore
from catalog.settings import Settings
from tests.conftest import bearer
from tests.support.server import running

HTML = {"accept": "text/html,application/xhtml+xml"}


def test_graphql_in_a_browser_is_our_graphiql_with_its_assets(server: str) -> None:
    r = httpx.get(server + "/graphql", headers=HTML)
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    assert "<title>mesh catalog · GraphiQL</title>" in r.text and "unpkg" not in r.text
    assert r.headers["cache-control"] == "no-cache"
    refs = re.findall(r'(?:src|href)="(/[^"]+)"', r.text)
    assert any(ref.startswith("/assets/graphiql-") and ref.endswith(".js") for ref in refs)
    for ref in refs:
        asset = httpx.get(server + ref)
        assert asset.status_code == 200 and asset.content, ref


def test_graphiql_setting_off_serves_no_page(store, tmp_path) -> None:
    with running(create_app(Settings(data_dir=tmp_path, graphiql=False), store=store)) as base:
        r = httpx.get(base + "/graphql", headers=HTML)
        assert r.status_code != 200 and "GraphiQL" not in r.text
        answer = httpx.post(base + "/graphql", json={"query": "{ domains { name } }"})
        assert answer.status_code == 200 and "errors" not in answer.json()


def test_graphiql_loads_without_a_token_but_queries_need_one(store, tmp_path) -> None:
    settings = Settings(data_dir=tmp_path, auth_reads=True)
    _, token = TokenStore(store).create("reader", Role.READER)
    with running(create_app(settings, store=store)) as base:
        page = httpx.get(base + "/graphql", headers=HTML)
        assert page.status_code == 200 and "GraphiQL" in page.text
        # a query through GET is not the page: it still needs the token
        q = {"query": "{ viewer { role } }"}
        assert httpx.get(base + "/graphql", params=q, headers=HTML).status_code == 401
        assert httpx.post(base + "/graphql", json=q).status_code == 401
        r = httpx.post(base + "/graphql", json=q, headers=bearer(token))
        assert r.json()["data"]["viewer"]["role"] == "reader"
