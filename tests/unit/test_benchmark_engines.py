"""Every benchmark that touches the graph takes `--engine embedded|neo4j` (issue: both engines
measured side by side); their --help is the contract the README's table relies on."""

from __future__ import annotations

import subprocess
import sys

import pytest

GRAPH_BENCHMARKS = ["load_catalog", "lineage_latency", "search", "openlineage_ingest",
                    "ingest_database", "load_mixed"]


@pytest.mark.parametrize("name", GRAPH_BENCHMARKS)
def test_benchmark_takes_the_engine(name):
    out = subprocess.run([sys.executable, "-m", f"tests.benchmarks.{name}", "--help"],
                         capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert "--engine {embedded,neo4j}" in out.stdout
