"""Fixtures: real engines (embedded always, Neo4j when NEO4J_URI is set), a real server."""

from __future__ import annotations

import os
import uuid
from pathlib import Path

import pytest

from catalog.api.app import create_app
from catalog.auth import Role, TokenStore
from catalog.settings import Settings
from graph import GraphStore
from graph.engines.embedded import EmbeddedEngine
from graph.engines.neo4j import Neo4jEngine
from tests.support.server import running

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT.parent / "shared" / "fixtures"
if not FIXTURES.exists():
    FIXTURES = ROOT / "tests" / "fixtures"

ENGINES = ["embedded", pytest.param("neo4j", marks=pytest.mark.skipif(
    not os.environ.get("NEO4J_URI"), reason="NEO4J_URI is not set: no Neo4j to test against"))]


def make_engine(name: str, data_dir: Path):
    if name == "neo4j":
        return Neo4jEngine(os.environ["NEO4J_URI"], os.environ.get("NEO4J_USER", "neo4j"),
                           os.environ.get("NEO4J_PASSWORD", "neo4j"),
                           os.environ.get("NEO4J_DATABASE", "neo4j"))
    return EmbeddedEngine(data_dir, heap="1g")


@pytest.fixture(scope="session", params=ENGINES)
def store(request, tmp_path_factory) -> GraphStore:
    """One store per engine for the session; tests keep apart by unique ids (see `uid`)."""
    engine = make_engine(request.param, tmp_path_factory.mktemp(f"store-{request.param}"))
    s = GraphStore(engine)
    yield s
    s.close()


@pytest.fixture(scope="session")
def embedded_store(tmp_path_factory) -> GraphStore:
    s = GraphStore(EmbeddedEngine(tmp_path_factory.mktemp("embedded"), heap="1g"))
    yield s
    s.close()


@pytest.fixture
def uid() -> str:
    """A prefix that keeps a test's ids apart from every other test's."""
    return uuid.uuid4().hex[:10]


@pytest.fixture(scope="session")
def server_settings(tmp_path_factory) -> Settings:
    return Settings(data_dir=tmp_path_factory.mktemp("server-data"))


@pytest.fixture(scope="session")
def server(embedded_store, server_settings) -> str:
    """Base URL of the real app served over HTTP on the session's embedded store."""
    with running(create_app(server_settings, store=embedded_store)) as base:
        yield base


@pytest.fixture(scope="session")
def tokens(server_settings) -> dict[Role, str]:
    """A token per role, valid on the `server` fixture (Authorization: Bearer <token>)."""
    store = TokenStore(server_settings.data_dir / "tokens.json")
    return {role: store.create(f"test-{role}", role)[1] for role in Role}


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}
