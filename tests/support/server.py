"""Run the real app under uvicorn on a free loopback port, in a background thread."""

from __future__ import annotations

import socket
import threading
import time
from contextlib import contextmanager

import httpx
import uvicorn


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def running(app, start_timeout: float = 120.0):
    """`start_timeout`: the app's start-up builds its in-memory indexes (minutes at the
    benchmarks' xl scale)."""
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + start_timeout
    while time.monotonic() < deadline:
        if not thread.is_alive():
            raise RuntimeError("server exited during start-up (see the log above)")
        try:
            if httpx.get(f"{base}/healthz", timeout=1).status_code == 200:
                break
        except httpx.HTTPError:
            time.sleep(0.1)
    else:
        raise RuntimeError("server did not start")
    try:
        yield base
    finally:
        server.should_exit = True
        thread.join(timeout=30)


def gql(base: str, query: str, variables: dict | None = None, **kw) -> dict:
    r = httpx.post(f"{base}/graphql", json={"query": query, "variables": variables or {}},
                   timeout=60, **kw)
    r.raise_for_status()
    return r.json()


def ok(data: dict) -> dict:
    """A GraphQL answer's data, asserting it has no errors."""
    assert "errors" not in data, data
    return data["data"]


def err(data: dict) -> dict:
    """A GraphQL answer's first error, asserting there is one."""
    assert data.get("errors"), data
    return data["errors"][0]
