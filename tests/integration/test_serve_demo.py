"""`catalog serve --demo` (what `make run` runs) as a real child process: it loads the demo
mesh and writes an admin token to `<data dir>/demo-admin.token`, once, never to the log."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import httpx

from tests.conftest import bearer
from tests.support import serve
from tests.support.engines import Graph
from tests.support.server import gql

VIEWER = "{ viewer { authenticated name role canSteward } }"


def _serve_demo(graph: Graph, data: Path, log: Path):
    """The child reaches the run's engine (on the embedded leg, a new engine in `data`)."""
    return serve.start(data, extra_env={**graph.env, "CATALOG_DATA_DIR": str(data)},
                       log=log, args=("--demo",))


def test_serve_demo_writes_its_admin_token_once(graph, tmp_path):
    data, log = tmp_path / "data", tmp_path / "serve.log"
    proc, base = _serve_demo(graph, data, log)
    try:
        path = data / "demo-admin.token"
        assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
        token = path.read_text().strip()
        assert gql(base, VIEWER, headers=bearer(token))["data"]["viewer"] == {
            "authenticated": True, "name": "demo-admin", "role": "admin", "canSteward": True}
        # an admin may write: a tag on a demo dataset
        ds = gql(base, "{ datasets(first: 1) { edges { node { id } } } }")[
            "data"]["datasets"]["edges"][0]["node"]["id"]
        added = gql(base, """mutation($in: TagInput!) { addTag(input: $in) { id } }""",
                    {"in": {"subjectId": ds, "tag": "demo-checked"}}, headers=bearer(token))
        assert added == {"data": {"addTag": {"id": ds}}}
        assert httpx.post(f"{base}/graphql", json={"query": VIEWER},
                          headers=bearer(token + "x")).status_code == 401
    finally:
        serve.stop(proc)
    assert token not in log.read_text()
    # a restart keeps the token it wrote the first time
    proc, base = _serve_demo(graph, data, log)
    try:
        assert path.read_text().strip() == token
        assert gql(base, VIEWER, headers=bearer(token))["data"]["viewer"]["role"] == "admin"
    finally:
        serve.stop(proc)
    assert token not in log.read_text()
