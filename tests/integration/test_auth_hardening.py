"""Tokens on the real server, and the GraphQL limits."""

from __future__ import annotations

import json
import logging
import re
import socket

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


def _post_without_finishing(base: str, body: bytes) -> tuple[int, dict]:
    """POST /graphql announcing `body` but sending only half of it: the request cannot
    complete, whatever the machine's speed, so only the time limit can answer it."""
    host, port = base.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port))) as sock:
        sock.sendall(b"POST /graphql HTTP/1.1\r\nHost: x\r\nContent-Type: application/json"
                     b"\r\nContent-Length: " + str(len(body)).encode() + b"\r\n\r\n"
                     + body[: len(body) // 2])
        sock.settimeout(60)
        reply = b""
        while b"\r\n\r\n" not in reply or len(reply.partition(b"\r\n\r\n")[2]) < int(
                re.search(rb"content-length: (\d+)", reply.lower()).group(1)):
            chunk = sock.recv(65536)
            assert chunk, reply
            reply += chunk
    head, _, payload = reply.partition(b"\r\n\r\n")
    return int(head.split()[1]), json.loads(payload)


def test_a_request_over_the_time_limit_answers_504_timeout(store, tmp_path):
    settings = Settings(data_dir=tmp_path, graphql_timeout_s=0.5)
    with running(create_app(settings, store=store)) as base:
        status, body = _post_without_finishing(base, json.dumps({"query": Q}).encode())
        assert status == 504
        assert body["errors"][0]["extensions"]["code"] == "TIMEOUT"
        assert body["errors"][0]["message"] == "query timed out after 0.5s"
        # a request that completes is answered as usual by the same server
        assert "errors" not in httpx.post(f"{base}/graphql", json={"query": Q}).json()


def test_introspection_off_without_timeout(store, tmp_path):
    settings = Settings(data_dir=tmp_path, graphql_introspection=False)
    with running(create_app(settings, store=store)) as base:
        data = httpx.post(f"{base}/graphql",
                          json={"query": "{ __schema { types { name } } }"}).json()
        assert "introspection" in data["errors"][0]["message"].lower()
        assert data.get("data") is None
        assert "errors" not in httpx.post(f"{base}/graphql", json={"query": Q}).json()
