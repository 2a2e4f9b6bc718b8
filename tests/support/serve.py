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
    proc = subprocess.Popen([str(BIN / "catalog"), "serve", "--port", str(port), *args],
                            env=env,
                            stdout=out, stderr=subprocess.STDOUT)
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


def kill_all(proc: subprocess.Popen, data_dir: Path) -> None:
    """SIGKILL the server and its embedded engine: the closest thing to pulling the plug.
    On Neo4j (no engine.json: the server only connects) the server alone dies."""
    info = data_dir / "engine.json"
    engine = json.loads(info.read_text())["pid"] if info.exists() else None
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    if engine is None:
        return
    try:
        os.kill(engine, signal.SIGKILL)
    except ProcessLookupError:
        return
    while True:
        try:
            os.kill(engine, 0)
        except ProcessLookupError:
            return
        time.sleep(0.05)


def stop_orphaned_engine(data_dir: Path) -> None:
    """An embedded engine whose starting process was killed outlives it (the next process
    would adopt it): stop it so a test leaves no engine behind."""
    info = data_dir / "engine.json"
    if not info.exists():
        return
    pid = json.loads(info.read_text()).get("pid")
    try:
        os.kill(pid, signal.SIGTERM)
    except (ProcessLookupError, TypeError):
        return
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return
        time.sleep(0.1)
    os.kill(pid, signal.SIGKILL)
