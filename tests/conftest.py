"""Fixtures: the run's engine (CATALOG_ENGINE: embedded, or neo4j), a real server on it."""

from __future__ import annotations

import os
import uuid
from pathlib import Path

import pytest

from catalog.api.app import create_app
from catalog.auth import Role, TokenStore
from catalog.crypto.keys import new_key
from catalog.settings import Settings
from graph import GraphStore
from tests.support.engines import ENGINE, NEO4J, Graph, shared_graph
from tests.support.server import running

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT.parent / "shared" / "fixtures"
if not FIXTURES.exists():
    FIXTURES = ROOT / "tests" / "fixtures"
LOOPBACK = ["127.0.0.0/8", "::1/128"]  # where the tests' webhook receivers listen
if NEO4J:  # a catalog on Neo4j needs it (`. .neo4j/env` gives the test service's)
    os.environ.setdefault("CATALOG_SECRET_KEY", new_key())


def pytest_report_header(config) -> str:
    return f"catalog engine: {ENGINE} (CATALOG_ENGINE)"


@pytest.fixture(scope="session")
def graph(tmp_path_factory) -> Graph:
    """The session's shared graph on the run's engine (how to open it, how children reach it)."""
    with shared_graph(tmp_path_factory.mktemp(f"graph-{ENGINE}")) as g:
        yield g


@pytest.fixture(scope="session")
def store(graph) -> GraphStore:
    """One store on the run's engine for the session; tests keep apart by unique ids (`uid`)."""
    s = graph.store(heap="1g")
    yield s
    s.close()


@pytest.fixture
def uid() -> str:
    """A prefix that keeps a test's ids apart from every other test's."""
    return uuid.uuid4().hex[:10]


@pytest.fixture(scope="session")
def server_settings(tmp_path_factory) -> Settings:
    # governance evaluation is left to the tests that look at it (findings are global: a
    # background evaluation with the built-in policies would race a test's own)
    # webhooks may reach loopback: the tests' receivers listen on 127.0.0.1 (and a deliverer
    # that refused them would race the one of a test's own app that does not)
    return Settings(data_dir=tmp_path_factory.mktemp("server-data"),
                    governance_continuous=False, webhook_allowed_networks=LOOPBACK)


@pytest.fixture(scope="session")
def server(store, server_settings) -> str:
    """Base URL of the real app served over HTTP on the session's store."""
    with running(create_app(server_settings, store=store)) as base:
        yield base


@pytest.fixture(scope="session")
def tokens(store) -> dict[Role, str]:
    """A token per role, valid on the `server` fixture (Authorization: Bearer <token>)."""
    made = TokenStore(store)
    return {role: made.create(f"test-{role}", role)[1] for role in Role}


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


@pytest.fixture
def cli_env(monkeypatch, graph, store) -> Graph:
    """The environment of a `catalog` command run in this process on the session's graph
    (on the embedded engine it attaches to the session's running engine)."""
    for key, value in graph.env.items():
        monkeypatch.setenv(key, value)
    return graph
