"""A kept-alive connection serves at most `keepalive_requests` requests, so long-lived
clients spread over `catalog serve`'s workers again (catalog/api/keepalive.py)."""

from __future__ import annotations

import http.client

from catalog.api.app import create_app
from catalog.settings import Settings
from tests.support.server import running


def _ports_and_closes(base: str, requests: int) -> tuple[list[int], list[bool]]:
    """Per request: the client port it went out on, and whether its answer closed."""
    host, port = base.removeprefix("http://").split(":")
    conn = http.client.HTTPConnection(host, int(port), timeout=30)
    ports, closes = [], []
    try:
        for _ in range(requests):
            conn.request("GET", "/healthz")  # reconnects when the last answer closed
            ports.append(conn.sock.getsockname()[1])
            r = conn.getresponse()
            r.read()
            assert r.status == 200
            closes.append((r.getheader("connection") or "").lower() == "close")
    finally:
        conn.close()
    return ports, closes


def test_every_nth_answer_closes_its_connection_and_the_client_reconnects(store, tmp_path):
    settings = Settings(data_dir=tmp_path, keepalive_requests=3, governance_continuous=False)
    with running(create_app(settings, store=store)) as base:
        ports, closes = _ports_and_closes(base, 7)
    assert closes == [False, False, True, False, False, True, False]
    assert len(set(ports[:3])) == len(set(ports[3:6])) == 1  # three connections
    assert len({ports[0], ports[3], ports[6]}) == 3


def test_no_limit_keeps_one_connection(store, tmp_path):
    settings = Settings(data_dir=tmp_path, keepalive_requests=0, governance_continuous=False)
    with running(create_app(settings, store=store)) as base:
        ports, closes = _ports_and_closes(base, 7)
    assert not any(closes) and len(set(ports)) == 1
