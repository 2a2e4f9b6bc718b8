"""The engine a benchmark runs on: `--engine embedded|neo4j`, the same figures for both.

embedded: a data folder of the benchmark's (the engine starts with the store or the server).
neo4j: the Neo4j of NEO4J_URI when set; otherwise a Neo4j test service (tests/neo4j_service)
started for the run with its data in the benchmark's folder, kept at the end so a loaded
catalog is reused like an embedded data folder.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from catalog.crypto.keys import new_key
from graph import GraphStore, Label
from graph.engines.embedded import EmbeddedEngine
from tests.support.engines import Graph, neo4j_from_env, neo4j_service

ENGINES = ("embedded", "neo4j")
OWNED = ".bench-owned"  # this folder was made by a benchmark: safe to wipe


def add_engine_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--engine", choices=ENGINES, default="embedded",
                   help="embedded (default) or neo4j (NEO4J_URI's, or a Neo4j test service "
                        "started for the run)")
    p.add_argument("--neo4j-pagecache-mb", type=int, default=4096,
                   help="page cache of the Neo4j test service (default 4096)")
    p.add_argument("--no-feed", dest="change_feed", action="store_false",
                   help="write no change-feed records (to measure what the feed costs)")


@dataclass
class BenchEngine:
    graph: Graph
    heap: str
    jvm_args: tuple[str, ...] = ()
    service_pid: int | None = None  # the Neo4j test service's JVM
    change_feed: bool = True

    @property
    def name(self) -> str:
        return self.graph.engine_name

    def store(self) -> GraphStore:
        engine = self.graph.engine(self.heap) if self.graph.neo4j else EmbeddedEngine(
            self.graph.data_dir, heap=self.heap, extra_jvm_args=self.jvm_args)
        return GraphStore(engine, change_feed=self.change_feed)

    def engine_pid(self) -> int | None:
        """The engine's process (to sample its CPU and memory): the Neo4j test service, or
        the embedded engine running on the data folder; None for a remote Neo4j."""
        if self.graph.neo4j:
            return self.service_pid
        try:
            return json.loads((self.graph.data_dir / "engine.json").read_text())["pid"]
        except (FileNotFoundError, KeyError, json.JSONDecodeError):
            return None

    def describe(self) -> str:
        if self.graph.neo4j:
            where = "test service" if self.service_pid else "NEO4J_URI"
            return f"neo4j ({where} {self.graph.neo4j['NEO4J_URI']}, heap {self.heap})"
        return f"embedded ({self.graph.data_dir}, heap {self.heap})"


@contextmanager
def bench_engine(engine: str, folder: Path, *, heap: str = "3g", pagecache_mb: int = 4096,
                 jvm_args: tuple[str, ...] = (), fresh: bool = False,
                 change_feed: bool = True) -> Iterator[BenchEngine]:
    """The engine of a benchmark in `folder` (made if missing); `fresh` empties it first.
    Data stays in `folder` at the end on both engines."""
    folder.mkdir(parents=True, exist_ok=True)
    if engine == "neo4j":  # an app on Neo4j needs the key (NEO4J_URI's env file may hold it)
        os.environ.setdefault("CATALOG_SECRET_KEY", new_key())
    if engine == "embedded":
        if fresh:
            _empty(folder)
        yield BenchEngine(Graph(folder), heap, jvm_args, change_feed=change_feed)
        return
    if neo4j_from_env():
        graph = Graph(folder, neo4j_from_env())
        if fresh:
            with graph.store() as probe:
                counts = probe.counts()
                nodes = sum(counts[label.value] for label in Label)
            if nodes:
                raise SystemExit(f"NEO4J_URI's graph holds {nodes:,} nodes: a fresh load "
                                 "needs an empty Neo4j (unset NEO4J_URI to use a test service)")
        yield BenchEngine(graph, heap, change_feed=change_feed)
        return
    state = folder / "neo4j"
    if fresh:
        _empty(folder)
    with neo4j_service(state, heap=heap, pagecache_mb=pagecache_mb, keep=True) as settings:
        pid = int((state / "pid").read_text())
        yield BenchEngine(Graph(folder, settings), heap, service_pid=pid,
                          change_feed=change_feed)


def _empty(folder: Path) -> None:
    """Empty a folder a benchmark made before; refuse to wipe anything else."""
    if any(folder.iterdir()):
        if not (folder / OWNED).exists():
            raise SystemExit(f"{folder} is not empty and was not made by a benchmark "
                             f"(no {OWNED}); pick another folder")
        shutil.rmtree(folder)
        folder.mkdir(parents=True)
    (folder / OWNED).touch()
