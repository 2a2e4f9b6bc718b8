"""The web UI is served by the app at `/` without shadowing the API, and needs no token."""

from __future__ import annotations

import re
from urllib.parse import quote

import httpx
import pytest

from catalog.api.app import create_app
from catalog.auth import Role, TokenStore
from catalog.settings import Settings
from tests.conftest import bearer
from tests.support.engines import ENGINE
from tests.support.server import gql, running

PAGES = ["/", "/search?q=custmers", "/domains", "/token",
         "/datasets/" + quote("dataset:postgres://db:5432:shop.public.customers", safe=""),
         "/columns/" + quote("dataset:postgres://db:5432:shop.public.customers#email", safe=""),
         "/lineage/" + quote("dataset:x:y", safe="") + "?level=COLUMN&depth=2",
         "/impact/" + quote("dataset:x:y", safe=""), "/products/product%3Asales%2Fcustomers"]


@pytest.mark.parametrize("path", PAGES)
def test_client_side_routes_answer_the_app(server, path):
    r = httpx.get(server + path)
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    assert '<div id="app"></div>' in r.text
    assert r.headers["cache-control"] == "no-cache"


def test_assets_are_served_and_named_by_the_index(server):
    index = httpx.get(server + "/").text
    refs = re.findall(r'(?:src|href)="(/assets/[^"]+)"', index)
    assert any(r.endswith(".js") for r in refs) and any(r.endswith(".css") for r in refs), refs
    for ref in refs:
        r = httpx.get(server + ref)
        assert r.status_code == 200 and len(r.content) > 1000, ref
    assert httpx.get(server + "/assets/nope.js").status_code == 404


def test_api_paths_are_not_shadowed(server):
    assert httpx.get(server + "/healthz").json()["status"] == "ok"
    ready = httpx.get(server + "/readyz")  # the session's store is up: ready
    assert ready.status_code == 200 and ready.json() == {"status": "ready", "engine": ENGINE}
    ide = httpx.get(server + "/graphql", headers={"accept": "text/html"})
    assert "graphiql" in ide.text.lower()
    r = httpx.get(server + "/api/v1/impact")  # a real API route: its own 400, not the UI
    assert r.status_code == 400 and r.headers["content-type"].startswith("application/json")
    assert httpx.get(server + "/api/v1/nothing").status_code == 404
    assert httpx.get(server + "/not-a-page").status_code == 404


def test_viewer_tells_the_ui_who_is_calling(server, tokens):
    q = "{ viewer { authenticated name role canSteward } }"
    assert gql(server, q)["data"]["viewer"] == {"authenticated": False, "name": "anonymous",
                                                "role": None, "canSteward": False}
    for role, steward in ((Role.READER, False), (Role.STEWARD, True), (Role.ADMIN, True)):
        v = gql(server, q, headers=bearer(tokens[role]))["data"]["viewer"]
        assert v == {"authenticated": True, "name": f"test-{role}", "role": role.value,
                     "canSteward": steward}


def test_pages_load_without_a_token_when_reads_need_one(store, tmp_path):
    settings = Settings(data_dir=tmp_path, auth_reads=True)
    _, token = TokenStore(store).create("reader", Role.READER)
    with running(create_app(settings, store=store)) as base:
        assert httpx.get(base + "/").status_code == 200
        assert httpx.get(base + "/datasets/x").status_code == 200
        ref = re.search(r'src="(/assets/[^"]+)"', httpx.get(base + "/").text).group(1)
        assert httpx.get(base + ref).status_code == 200
        # the data still needs the token
        q = {"query": "{ viewer { role } }"}
        assert httpx.post(base + "/graphql", json=q).status_code == 401
        r = httpx.post(base + "/graphql", json=q, headers=bearer(token))
        assert r.json()["data"]["viewer"]["role"] == "reader"
        assert httpx.get(base + "/api/v1/impact?id=dataset:x:y").status_code == 401
