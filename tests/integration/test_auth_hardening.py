"""Tokens on the real server, and the GraphQL limits."""

from __future__ import annotations

import logging

import httpx
import pytest

from catalog.api.app import create_app
from catalog.auth import Role, TokenStore
from catalog.settings import Settings
from tests.conftest import bearer
from tests.support.server import gql, running
from tests.support.waiting import eventually

Q = "{ domains { name } }"


def test_bad_scheme_and_bad_token_are_401_with_a_message(server, caplog):
    caplog.set_level(logging.WARNING, logger="catalog.auth")
    r = httpx.post(f"{server}/graphql", json={"query": Q}, headers={"Authorization": "Basic x"})
    assert r.status_code == 401 and "Bearer" in r.json()["message"]
    secret = "mct_abcdef012345_notarealsecretvalue"
    r = httpx.post(f"{server}/graphql", json={"query": Q}, headers=bearer(secret))
    assert r.status_code == 401 and r.json()["message"] == "invalid or revoked token"
    assert "denied POST /graphql" in caplog.text
    assert secret not in caplog.text and "notarealsecret" not in caplog.text


def test_valid_token_reads(server, tokens):
    r = httpx.post(f"{server}/graphql", json={"query": Q}, headers=bearer(tokens[Role.READER]))
    assert r.status_code == 200 and "errors" not in r.json()


@pytest.mark.parametrize("settings_kw", [{"auth_reads": True}, {"host": "0.0.0.0"}])
def test_reads_need_a_token_when_configured_or_exposed(store, tmp_path, settings_kw):
    settings = Settings(data_dir=tmp_path, **settings_kw)
    _, token = TokenStore(store).create("r", Role.READER)
    with running(create_app(settings, store=store)) as base:
        assert httpx.get(f"{base}/healthz").status_code == 200
        assert httpx.get(f"{base}/readyz").status_code == 200
        r = httpx.post(f"{base}/graphql", json={"query": Q})
        assert r.status_code == 401 and r.json()["error"] == "UNAUTHENTICATED"
        ok = httpx.post(f"{base}/graphql", json={"query": Q}, headers=bearer(token))
        assert ok.status_code == 200
        TokenStore(store).revoke(token.split("_")[1])  # as `catalog token revoke` would
        # every process re-reads the tokens within a second (README, Access): 2 s at most
        assert eventually(lambda: httpx.post(f"{base}/graphql", json={"query": Q},
                                             headers=bearer(token)).status_code == 401, 2.0)


def test_depth_limit(server):
    inner = "name"
    for _ in range(8):
        inner = f"dataProducts {{ domain {{ {inner} }} }}"
    deep = f"{{ domains {{ {inner} }} }}"  # 17 levels
    data = gql(server, deep)
    assert "exceeds maximum operation depth" in data["errors"][0]["message"]


def test_alias_limit(server):
    q = "{ " + " ".join(f"a{i}: domains {{ name }}" for i in range(40)) + " }"
    data = gql(server, q)
    assert "aliases" in data["errors"][0]["message"].lower()


def test_cost_limit(server):
    data = gql(server, "{ a: datasets(first: 500) { edges { node { name } } } }")
    assert "errors" not in data
    q = "{ " + " ".join(f"d{i}: datasets(first: 500) {{ edges {{ node {{ name columns {{ name }} "
                        f"}} }} }}" for i in range(20)) + " }"
    data = gql(server, q)
    assert data["errors"][0]["extensions"]["code"] == "QUERY_TOO_COSTLY"


def test_introspection_can_be_turned_off_and_timeout_answers(store, tmp_path):
    settings = Settings(data_dir=tmp_path, graphql_introspection=False, graphql_timeout_s=0.001)
    with running(create_app(settings, store=store)) as base:
        r = httpx.post(f"{base}/graphql", json={"query": "{ __schema { types { name } } }"})
        body = r.json()
        assert r.status_code in (200, 504)
        if r.status_code == 200:
            assert "introspection" in body["errors"][0]["message"].lower()
        r = httpx.post(f"{base}/graphql", json={"query": "{ datasets(first: 200) { edges { node "
                                                          "{ columns { name } } } } }"})
        assert r.status_code == 504 and r.json()["errors"][0]["extensions"]["code"] == "TIMEOUT"


def test_introspection_off_without_timeout(store, tmp_path):
    settings = Settings(data_dir=tmp_path, graphql_introspection=False)
    with running(create_app(settings, store=store)) as base:
        data = httpx.post(f"{base}/graphql",
                          json={"query": "{ __schema { types { name } } }"}).json()
        assert "introspection" in data["errors"][0]["message"].lower()
        assert "errors" not in httpx.post(f"{base}/graphql", json={"query": Q}).json()
