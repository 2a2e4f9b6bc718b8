"""`catalog serve` as a real child process on its own data folder (crash and load tests)."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx

from tests.support.server import free_port

BIN = Path(sys.executable).parent


def start(data_dir: Path, *, heap: str = "1g", extra_env: dict | None = None,
          log: Path | None = None, args: tuple[str, ...] = ()) -> tuple[subprocess.Popen, str]:
    port = free_port()
    env = {**os.environ, "CATALOG_DATA_DIR": str(data_dir), "CATALOG_JVM_HEAP": heap,
           "CATALOG_CLASSIFICATION_AUTO_PROPAGATE": "false", **(extra_env or {})}
    out = open(log, "ab") if log else subprocess.DEVNULL  # noqa: SIM115 - child's
    # a session of its own: its workers share its process group, which kill_all kills
    proc = subprocess.Popen([str(BIN / "catalog"), "serve", "--port", str(port), *args],
                            env=env, stdout=out, stderr=subprocess.STDOUT,
                            start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"catalog serve exited with {proc.returncode}")
        try:
            if httpx.get(f"{base}/readyz", timeout=2).status_code == 200:
                return proc, base
        except httpx.HTTPError:
            pass
        time.sleep(0.3)
    stop(proc)
    raise RuntimeError("catalog serve did not become ready")


def stop(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=120)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def _engine_pid(data_dir: Path) -> int | None:
    """The embedded engine of `data_dir` (None on Neo4j: no engine.json, the server only
    connects)."""
    info = data_dir / "engine.json"
    return json.loads(info.read_text()).get("pid") if info.exists() else None


def _signal_and_wait(pid: int, sig: int, within_s: float) -> bool:
    """Send `sig` to `pid`; True once it is gone, False if it still runs after `within_s`."""
    try:
        os.kill(pid, sig)
    except ProcessLookupError:
        return True
    deadline = time.monotonic() + within_s
    while time.monotonic() < deadline:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return True
        time.sleep(0.05)
    return False


def kill_all(proc: subprocess.Popen, data_dir: Path) -> None:
    """SIGKILL the server and its embedded engine: the closest thing to pulling the plug.
    On Neo4j the server alone dies."""
    engine = _engine_pid(data_dir)
    os.killpg(proc.pid, signal.SIGKILL)  # the server and its workers (the engine has its own)
    proc.wait()
    if engine is not None:
        _signal_and_wait(engine, signal.SIGKILL, float("inf"))


def stop_orphaned_engine(data_dir: Path) -> None:
    """An embedded engine whose starting process was killed outlives it (the next process
    would adopt it): stop it so a test leaves no engine behind."""
    engine = _engine_pid(data_dir)
    if engine is not None and not _signal_and_wait(engine, signal.SIGTERM, 60):
        _signal_and_wait(engine, signal.SIGKILL, float("inf"))
