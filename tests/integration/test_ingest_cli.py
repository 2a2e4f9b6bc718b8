"""`catalog ingest recipe.yaml` end to end: a subprocess against its own data folder."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from identity.namespaces import table_dataset
from tests.support.databases import PG_HOST, PG_PORT, pg_database, pg_exec
from tests.support.engines import Graph, own_graph

CATALOG = str(Path(sys.executable).with_name("catalog"))


def ingest(graph: Graph, *args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    full_env = {**os.environ, **graph.env, "CATALOG_JVM_HEAP": "1g", **(env or {})}
    return subprocess.run([CATALOG, "ingest", "--no-progress", *args], env=full_env,
                          capture_output=True, text=True, timeout=600)


def test_cli_runs_recipes_prints_summaries_and_exits_non_zero_on_the_guard(tmp_path):
    with own_graph(tmp_path / "catalog") as data:
        _runs_recipes(tmp_path, data)


def _runs_recipes(tmp_path: Path, data: Graph) -> None:
    ddl = "".join(f"CREATE TABLE t{i} (id int PRIMARY KEY, v text);" for i in range(5))
    with pg_database("ingest_cli", ddl) as db:
        recipe = tmp_path / "recipe.yaml"
        recipe.write_text(
            "source:\n  type: database\n  config:\n"
            f"    url: postgresql://postgres@{PG_HOST}:{PG_PORT}/${{CLI_DB}}\n")
        bad = tmp_path / "bad.yaml"
        bad.write_text("source:\n  type: database\n  config:\n    url: sqlite:///x.db\n"
                       "    include_schemas: [public]\n")

        r = ingest(data, str(bad))
        assert r.returncode == 2
        assert "source.config.include_schemas: unknown key" in r.stderr

        r = ingest(data, str(recipe), env={"CLI_DB": db})
        assert r.returncode == 0, r.stderr
        assert f"database database:postgres://{PG_HOST}:{PG_PORT}/{db}" in r.stdout
        assert "added      5 Dataset, 10 Column, 10 HAS_COLUMN" in r.stdout

        r = ingest(data, str(recipe), "--json", env={"CLI_DB": db})
        assert r.returncode == 0, r.stderr
        summary = json.loads(r.stdout)[0]
        assert summary["unchanged"] == {"Dataset": 5, "Column": 10, "HAS_COLUMN": 10}
        assert summary["totals"]["added"] == 0 and summary["totals"]["closed"] == 0

        pg_exec(db, "DROP TABLE t1; DROP TABLE t2; DROP TABLE t3")
        r = ingest(data, str(recipe), env={"CLI_DB": db})
        assert r.returncode == 3
        assert "refusing to close 15 of 25 facts" in r.stderr

        r = ingest(data, str(recipe), "--dry-run", "--max-close-ratio", "0.9",
                   env={"CLI_DB": db})
        assert r.returncode == 0, r.stderr
        assert "dry run: nothing written" in r.stdout
        assert "closed     3 Dataset, 6 Column, 6 HAS_COLUMN" in r.stdout

    store = data.store(heap="1g")
    try:
        nodes = store.get_nodes([table_dataset("postgres", host=PG_HOST, port=PG_PORT,
                                               database=db, schema="public", table=f"t{i}")
                                 for i in range(5)])
        assert len(nodes) == 5
        assert all(n.get("valid_to") is None for n in nodes.values())  # nothing was closed
    finally:
        store.close()
