"""The embedded engine: ArcadeDB from the arcadedb-embedded wheel, as a child process.

The engine runs as a plain Java process (the wheel's bundled JRE and jars) serving Bolt on
a free loopback port. Running it outside the Python process keeps JVM crashes and exit
hangs away from the server, and lets a second process (the `catalog` CLI while the server
runs) attach to the same engine: `engine.json` in the data folder says where it listens.
Only one engine may open a data folder, so starting is serialised by a file lock.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import secrets
import signal
import socket
import subprocess
import time
from importlib import resources
from pathlib import Path

import neo4j

from graph.engines.base import Connection
from graph.filelock import file_lock

log = logging.getLogger(__name__)

DATABASE = "catalog"
USER = "root"
_MAIN = "com.arcadedb.server.ArcadeDBServer"
_BOLT_PLUGIN = "Bolt:com.arcadedb.bolt.BoltProtocolPlugin"


class EngineStartError(RuntimeError):
    pass


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    # a zombie child still answers kill(0): reap it if it is ours
    with contextlib.suppress(ChildProcessError):
        done, _ = os.waitpid(pid, os.WNOHANG)
        if done == pid:
            return False
    return True


def _pid(ident: str) -> int:
    """The process of a "pid:token" user of the engine."""
    try:
        return int(str(ident).split(":", 1)[0])
    except ValueError:
        return -1


def _port_open(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.settimeout(0.5)
        return s.connect_ex(("127.0.0.1", port)) == 0


def _wheel_paths() -> tuple[Path, Path]:
    root = Path(str(resources.files("arcadedb_embedded")))
    java = root / "jre" / "bin" / "java"
    if not java.exists():
        raise EngineStartError(f"no bundled JRE at {java}; reinstall arcadedb-embedded")
    return java, root / "jars"


class EmbeddedEngine:
    name = "embedded"

    def __init__(self, data_dir: Path, heap: str = "2g", startup_timeout: float = 90.0,
                 extra_jvm_args: tuple[str, ...] = ()):
        self.data_dir = Path(data_dir).resolve()
        self.heap = heap
        self.startup_timeout = startup_timeout
        self.extra_jvm_args = extra_jvm_args
        self._proc: subprocess.Popen | None = None
        self._owner = False
        # who uses the engine, per store (several may be open in one process): "pid:token"
        self._ident = f"{os.getpid()}:{secrets.token_hex(4)}"
        self._lock_fd: int | None = None

    # -- files in the data folder -------------------------------------------------
    @property
    def _state_file(self) -> Path:
        return self.data_dir / "engine.json"

    @property
    def _password_file(self) -> Path:
        return self.data_dir / "engine.password"

    def _password(self) -> str:
        """Generated once per data folder, kept with mode 0600."""
        pw_file = self._password_file
        if not pw_file.exists():
            fd = os.open(pw_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(fd, "w") as f:
                f.write(secrets.token_urlsafe(24))
        os.chmod(pw_file, 0o600)
        return pw_file.read_text().strip()

    def _locked(self):
        return file_lock(self.data_dir / "engine.lock")

    def _read_state(self) -> dict | None:
        try:
            return json.loads(self._state_file.read_text())
        except (FileNotFoundError, json.JSONDecodeError):
            return None

    def _write_state(self, state: dict) -> None:
        tmp = self._state_file.with_suffix(".tmp")
        tmp.write_text(json.dumps(state))
        os.chmod(tmp, 0o600)
        tmp.replace(self._state_file)

    # -- lifecycle --------------------------------------------------------------------
    def start(self) -> Connection:
        self.data_dir.mkdir(parents=True, exist_ok=True)
        password = self._password()
        with self._locked():
            state = self._read_state()
            if state and _alive(state["pid"]) and _port_open(state["bolt_port"]):
                # attach; adopt the engine when the process that started it is gone
                if not _alive(state.get("owner_pid", -1)):
                    state["owner_pid"], state["owner"] = os.getpid(), self._ident
                    self._owner = True
                state["attached"] = [a for a in state.get("attached", []) if _alive(_pid(a))] \
                    + [self._ident]
                self._write_state(state)
                self._attached_pid = state["pid"]
                log.info("attached to embedded engine pid %s on bolt port %s",
                         state["pid"], state["bolt_port"])
                conn = self._connection(state["bolt_port"], password)
                self._wait_ready(conn, state["pid"])
                return conn
            bolt_port, http_port = _free_port(), _free_port()
            self._spawn(bolt_port, http_port)
            self._owner = True
            self._attached_pid = self._proc.pid
            self._write_state({"pid": self._proc.pid, "owner_pid": os.getpid(),
                               "owner": self._ident, "attached": [self._ident],
                               "bolt_port": bolt_port, "http_port": http_port})
            conn = self._connection(bolt_port, password)
            self._wait_ready(conn, self._proc.pid)
            return conn

    def _connection(self, bolt_port: int, password: str) -> Connection:
        return Connection(uri=f"bolt://127.0.0.1:{bolt_port}", user=USER, password=password,
                          database=DATABASE)

    def _spawn(self, bolt_port: int, http_port: int) -> None:
        java, jars = _wheel_paths()
        root = self.data_dir / "engine"
        root.mkdir(exist_ok=True)
        props = {
            "arcadedb.server.rootPath": root,
            "arcadedb.server.rootPasswordPath": self._password_file,
            "arcadedb.server.defaultDatabases": f"{DATABASE}[{USER}]",
            "arcadedb.server.plugins": _BOLT_PLUGIN,
            "arcadedb.server.mode": "production",
            "arcadedb.server.httpIncomingHost": "127.0.0.1",
            "arcadedb.server.httpIncomingPort": http_port,
            "arcadedb.bolt.host": "127.0.0.1",
            "arcadedb.bolt.port": bolt_port,
        }
        cmd = [str(java), f"-Xmx{self.heap}", "-XX:+UseG1GC", *self.extra_jvm_args,
               "-cp", f"{jars}/*", *(f"-D{k}={v}" for k, v in props.items()), _MAIN]
        log_file = open(self.data_dir / "engine.log", "ab")  # noqa: SIM115 - owned by child
        self._proc = subprocess.Popen(cmd, stdout=log_file, stderr=subprocess.STDOUT,
                                      stdin=subprocess.DEVNULL, start_new_session=True,
                                      cwd=self.data_dir)
        log_file.close()
        log.info("started embedded engine pid %s (bolt 127.0.0.1:%s, heap %s)",
                 self._proc.pid, bolt_port, self.heap)

    def _wait_ready(self, conn: Connection, pid: int) -> None:
        deadline = time.monotonic() + self.startup_timeout
        last: Exception | None = None
        while time.monotonic() < deadline:
            if not _alive(pid):
                tail = (self.data_dir / "engine.log").read_text(errors="replace")[-2000:]
                raise EngineStartError(f"embedded engine exited during start-up:\n{tail}")
            port = int(conn.uri.rsplit(":", 1)[1])
            if not _port_open(port):
                time.sleep(0.3)
                continue
            try:
                with conn.driver(max_pool=1) as drv:
                    drv.execute_query("RETURN 1 AS ok", database_=conn.database)
                return
            except (neo4j.exceptions.ServiceUnavailable, neo4j.exceptions.Neo4jError,
                    OSError) as exc:
                last = exc
                time.sleep(0.3)
        raise EngineStartError(f"embedded engine not ready after {self.startup_timeout}s: {last}")

    def stop(self) -> None:
        """Leave the engine. The last process using it stops it: an owner with processes
        still attached hands the engine over to one of them (a replica, a server beside the
        CLI that adopted it), and an attached process whose owner died stops it if it is
        the last one."""
        with self._locked():
            state = self._read_state()
            if state is None:
                if not self._owner:
                    return
            else:
                me = self._ident
                others = [a for a in state.get("attached", []) if a != me and _alive(_pid(a))]
                owner = state.get("owner") or f"{state.get('owner_pid', -1)}:"
                state["attached"] = others
                if owner != me and _alive(_pid(owner)):
                    self._write_state(state)  # the owner runs it on
                    return
                if others:  # hand it over to one still using it
                    state["owner"], state["owner_pid"] = others[0], _pid(others[0])
                    self._write_state(state)
                    log.info("embedded engine %s handed over to %s", state["pid"], others[0])
                    self._owner = False
                    return
            pid = state["pid"] if state else (self._proc.pid if self._proc else None)
            if pid is not None and _alive(pid):
                os.kill(pid, signal.SIGTERM)
                deadline = time.monotonic() + 60
                while _alive(pid) and time.monotonic() < deadline:
                    time.sleep(0.1)
                if _alive(pid):
                    log.warning("embedded engine %s ignored SIGTERM; killing it", pid)
                    os.kill(pid, signal.SIGKILL)
            with contextlib.suppress(FileNotFoundError):
                self._state_file.unlink()
            self._owner = False

    def kill(self) -> None:
        """SIGKILL the engine (crash tests): no clean shutdown."""
        pid = getattr(self, "_attached_pid", None)
        if pid and _alive(pid):
            os.kill(pid, signal.SIGKILL)
            while _alive(pid):
                time.sleep(0.05)

    def extra_ddl(self) -> list[str]:
        return []
