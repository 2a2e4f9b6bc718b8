"""The embedded engine: restart keeps data, credentials stay private, a second process attaches."""

from __future__ import annotations

import json
import os
import signal
import stat
import subprocess
import sys

from graph import GraphStore
from graph.engines.embedded import EmbeddedEngine
from identity import ids
from tests.support.engines import only_embedded

pytestmark = only_embedded("these tests check its child process, data folder and attach")


def test_restart_keeps_data_and_credentials_are_private(tmp_path):
    rows = [{"id": ids.dataset_id("restart", f"db.t{i}"), "name": f"t{i}"} for i in range(50)]
    with GraphStore(EmbeddedEngine(tmp_path, heap="512m")) as store:
        store.upsert_datasets(rows, source="manual")
        pid = store.engine._attached_pid
    assert not (tmp_path / "engine.json").exists()
    # the engine process is gone after a clean stop
    assert subprocess.run(["kill", "-0", str(pid)], capture_output=True).returncode != 0
    mode = stat.S_IMODE(os.stat(tmp_path / "engine.password").st_mode)
    assert mode == 0o600
    with GraphStore(EmbeddedEngine(tmp_path, heap="512m")) as store:
        assert len(store.get_nodes([r["id"] for r in rows])) == 50


def test_second_process_attaches_to_the_running_engine(tmp_path):
    ds = ids.dataset_id("attach", "db.t")
    with GraphStore(EmbeddedEngine(tmp_path, heap="512m")) as owner:
        owner.upsert_datasets([{"id": ds, "name": "t"}], source="manual")
        code = (
            "import sys; from graph import GraphStore;"
            "from graph.engines.embedded import EmbeddedEngine;"
            f"s = GraphStore(EmbeddedEngine({str(tmp_path)!r}));"
            f"n = s.get_nodes([{ds!r}]);"
            f"s.upsert_datasets([{{'id': {ds!r} + '2', 'name': 't2'}}], source='manual');"
            "s.close(); sys.exit(0 if n else 3)"
        )
        proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                              timeout=120)
        assert proc.returncode == 0, proc.stderr
        # the attached process left the engine running, and its write is visible here
        assert owner.ping()
        assert ds + "2" in owner.get_nodes([ds + "2"])


def test_engine_killed_uncleanly_is_restarted_with_acknowledged_data(tmp_path):
    rows = [{"id": ids.dataset_id("crash", f"db.t{i}"), "name": f"t{i}"} for i in range(200)]
    store = GraphStore(EmbeddedEngine(tmp_path, heap="512m"))
    store.upsert_datasets(rows, source="manual")
    store.engine.kill()
    store.driver.close()
    with GraphStore(EmbeddedEngine(tmp_path, heap="512m")) as again:
        assert len(again.get_nodes([r["id"] for r in rows])) == 200


def _alive(pid: int) -> bool:
    return subprocess.run(["kill", "-0", str(pid)], capture_output=True).returncode == 0


def test_an_orphaned_engine_is_adopted_by_the_next_process(tmp_path):
    """The process that started the engine dies without stopping it: the next process
    attaches to the same engine (no restart), takes ownership, and stops it on exit."""
    ds = ids.dataset_id("orphan", "db.t")
    code = (
        "import os, signal; from graph import GraphStore;"
        "from graph.engines.embedded import EmbeddedEngine;"
        f"s = GraphStore(EmbeddedEngine({str(tmp_path)!r}, heap='512m'));"
        f"s.upsert_datasets([{{'id': {ds!r}, 'name': 't'}}], source='manual');"
        "print(s.engine._attached_pid, flush=True);"
        "os.kill(os.getpid(), signal.SIGKILL)"  # dies without stopping its engine
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=180)
    assert proc.returncode == -9, proc.stderr
    engine = int(proc.stdout.strip())
    try:
        assert _alive(engine)  # the orphan
        state = json.loads((tmp_path / "engine.json").read_text())
        assert state["pid"] == engine and state["owner_pid"] != os.getpid()
        with GraphStore(EmbeddedEngine(tmp_path, heap="512m")) as store:
            assert store.engine._attached_pid == engine  # attached, not restarted
            assert json.loads((tmp_path / "engine.json").read_text())["owner_pid"] == \
                os.getpid()
            assert ds in store.get_nodes([ds])
        assert not _alive(engine)  # the adopter stopped it, as the starter would have
        assert not (tmp_path / "engine.json").exists()
    finally:
        if _alive(engine):
            os.kill(engine, signal.SIGKILL)
