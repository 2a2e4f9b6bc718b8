"""The engine of this test run, and graphs of a test's own on it.

The suite runs once per engine: `CATALOG_ENGINE=embedded` (the default) or `neo4j`. On the
Neo4j leg the shared graph is the Neo4j of `NEO4J_URI` (`make neo4j` starts the test service
and writes its `.neo4j/env`), or, when that is unset, a test service the session starts.
Neo4j Community holds one database, so a test that needs an empty graph of its own gets a
small Neo4j test service of its own, as on the embedded leg it gets a data folder of its own.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from graph import GraphStore
from graph.engines.embedded import EmbeddedEngine
from graph.engines.neo4j import Neo4jEngine

ROOT = Path(__file__).resolve().parents[2]
SERVICE = ROOT / "tests" / "neo4j_service"
ENGINE = os.environ.get("CATALOG_ENGINE", "embedded")
if ENGINE not in ("embedded", "neo4j"):
    raise RuntimeError(f"CATALOG_ENGINE={ENGINE!r}: the tests run on 'embedded' or 'neo4j'")
NEO4J = ENGINE == "neo4j"


def only_embedded(why: str):
    """Mark a test that checks the embedded engine itself (its child process, data folder)."""
    import pytest

    return pytest.mark.skipif(NEO4J, reason=f"embedded engine only: {why}")


def read_env_file(path: Path) -> dict[str, str]:
    pairs = (line.split("=", 1) for line in path.read_text().splitlines() if "=" in line)
    return {k.strip(): v.strip() for k, v in pairs}


@dataclass
class Graph:
    """A graph on the run's engine: how this process opens it, how a child process reaches it
    (`env`: CATALOG_ENGINE, CATALOG_DATA_DIR and, on Neo4j, NEO4J_*)."""

    data_dir: Path
    neo4j: dict[str, str] = field(default_factory=dict)

    @property
    def engine_name(self) -> str:
        return "neo4j" if self.neo4j else "embedded"

    @property
    def env(self) -> dict[str, str]:
        return {"CATALOG_ENGINE": self.engine_name, "CATALOG_DATA_DIR": str(self.data_dir),
                **self.neo4j}

    def engine(self, heap: str = "512m"):
        if self.neo4j:
            return Neo4jEngine(self.neo4j["NEO4J_URI"], self.neo4j["NEO4J_USER"],
                               self.neo4j["NEO4J_PASSWORD"],
                               self.neo4j.get("NEO4J_DATABASE", "neo4j"))
        return EmbeddedEngine(self.data_dir, heap=heap)

    def store(self, heap: str = "512m") -> GraphStore:
        return GraphStore(self.engine(heap))


@contextmanager
def neo4j_service(state: Path, heap: str = "768m", pagecache_mb: int = 128, *,
                  keep: bool = False) -> Iterator[dict]:
    """Start a Neo4j test service (tests/neo4j_service) in `state`; its NEO4J_* settings.
    With `keep`, its data stays in `state` at the end and the next start reopens it."""
    env = {**os.environ, "NEO4J_TEST_HEAP": heap, "NEO4J_TEST_PAGECACHE_MB": str(pagecache_mb)}
    subprocess.run(["bash", str(SERVICE / "start.sh"), str(state)], env=env, check=True,
                   stdout=subprocess.DEVNULL)
    try:
        yield read_env_file(state / "env")
    finally:
        subprocess.run(["bash", str(SERVICE / "stop.sh"), *(["--keep"] if keep else []),
                        str(state)], check=False, stdout=subprocess.DEVNULL)


@contextmanager
def own_graph(tmp: Path) -> Iterator[Graph]:
    """An empty graph of the caller's own on the run's engine; `tmp` holds its files."""
    tmp.mkdir(parents=True, exist_ok=True)
    if not NEO4J:
        yield Graph(tmp / "data")
        return
    with neo4j_service(tmp / "neo4j") as settings:
        yield Graph(tmp / "data", settings)


def neo4j_from_env() -> dict[str, str]:
    """The NEO4J_* settings of the environment (empty when NEO4J_URI is unset), with the
    CATALOG_SECRET_KEY a catalog on Neo4j requires."""
    if not os.environ.get("NEO4J_URI"):
        return {}
    return {k: os.environ[k] for k in ("NEO4J_URI", "NEO4J_USER", "NEO4J_PASSWORD",
                                       "NEO4J_DATABASE", "CATALOG_SECRET_KEY")
            if k in os.environ}


@contextmanager
def shared_graph(tmp: Path) -> Iterator[Graph]:
    """The session's shared graph: NEO4J_URI's on the Neo4j leg when set, else a new one."""
    if NEO4J and neo4j_from_env():
        yield Graph(tmp / "data", neo4j_from_env())
        return
    if NEO4J:
        with neo4j_service(tmp / "neo4j", heap="2g", pagecache_mb=512) as settings:
            yield Graph(tmp / "data", settings)
        return
    yield Graph(tmp / "data")
