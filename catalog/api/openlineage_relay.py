"""OpenLineage writes of a server with several workers, done by one process: the workers
read and check a request's body and hand it over a Unix socket to the supervising process,
which parses, validates, logs and writes it (`catalog.api.openlineage.ingest_body`) and answers.

Why one writer: readers keep their worker's GIL (parsing, mapping and the Bolt round trips
of a write no longer wait behind the event loop's readers, nor hold them up); requests from
every worker are grouped into one transaction (`ingestors.openlineage.group_commit`); and
two workers' transactions no longer conflict over the same pages (ArcadeDB's optimistic
page versions) or locks (Neo4j). Every worker's caches take the events from the change feed
(within about a second), as they take each other's writes; the graph has them at the answer.

Frames: a request is `>BI` (1 for a batch, 0 for one event; the body's length) and the
body; an answer is `>I` and a JSON object: `results` and `written`, or `body_error` (a
BodyError, answered 4xx as in a single process), or `unavailable` (503), or `failed` (a
fault of ours, logged by the supervisor: 500).
"""

from __future__ import annotations

import asyncio
import json
import logging
import os
import socket
import socketserver
import struct
import tempfile
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from catalog.api.request_body import BodyError
from graph.errors import StoreAuthError, StoreUnavailable
from ingestors.openlineage import IngestResult
from ingestors.openlineage.ingest import EventResult
from ingestors.openlineage.validate import Problem

log = logging.getLogger(__name__)
REQUEST = struct.Struct(">BI")
ANSWER = struct.Struct(">I")


class RelayFailed(RuntimeError):
    """The supervisor's write failed for a reason of ours (logged there): a 500."""


def _wire(result: IngestResult) -> dict[str, Any]:
    return {"results": [r.as_dict() for r in result.results], "written": result.written}


def _unwire(data: dict[str, Any]) -> IngestResult:
    """The answer as the receiver would have had it in its own process (or its error)."""
    if "body_error" in data:
        e = data["body_error"]
        raise BodyError(e["status"], e["code"], e["message"], e["path"])
    if "unavailable" in data:
        raise StoreUnavailable(data["unavailable"])
    if "failed" in data:
        raise RelayFailed(data["failed"])
    results = [EventResult(index=r["index"], accepted=r["accepted"], kind=r.get("kind"),
                           job=r.get("job"), run=r.get("run"),
                           errors=[Problem(p["path"], p["message"])
                                   for p in r.get("errors", [])])
               for r in data["results"]]  # as EventResult.as_dict wrote them
    return IngestResult(results, data["written"])


# -- the supervising process --------------------------------------------------------------
class RelayServer:
    """Answers the workers' requests, a thread per connection; `ingest(body, batch)` is the
    receiver's own pipeline, bound to this process's store and runtime."""

    def __init__(self, ingest: Callable[[bytes, bool], IngestResult]) -> None:
        self._ingest = ingest
        self._folder = Path(tempfile.mkdtemp(prefix="catalog-ol-"))  # short: AF_UNIX paths
        self.path = self._folder / "relay.sock"
        self._server: socketserver.ThreadingUnixStreamServer | None = None

    def start(self) -> None:
        relay = self

        class Handler(socketserver.StreamRequestHandler):
            def handle(self) -> None:
                while True:
                    head = self.rfile.read(REQUEST.size)
                    if len(head) < REQUEST.size:
                        return  # the worker closed the connection
                    batch, length = REQUEST.unpack(head)
                    body = self.rfile.read(length)
                    if len(body) < length:
                        return
                    answer = json.dumps(relay.answer(body, bool(batch))).encode()
                    self.wfile.write(ANSWER.pack(len(answer)) + answer)

        server = socketserver.ThreadingUnixStreamServer(str(self.path), Handler)
        server.daemon_threads = True
        os.chmod(self.path, 0o600)  # only this user's workers may write events
        self._server = server
        threading.Thread(target=server.serve_forever, name="ol-relay", daemon=True).start()

    def answer(self, body: bytes, batch: bool) -> dict[str, Any]:
        try:
            return _wire(self._ingest(body, batch))
        except BodyError as exc:
            return {"body_error": {"status": exc.status, "code": exc.code,
                                   "message": exc.message, "path": exc.path}}
        except (StoreUnavailable, StoreAuthError) as exc:
            return {"unavailable": str(exc)}
        except Exception as exc:  # a fault of ours: the worker answers 500, as it would
            log.exception("OpenLineage relay: a request failed")
            return {"failed": f"{type(exc).__name__}: {exc}"}

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
        self.path.unlink(missing_ok=True)
        self._folder.rmdir()


# -- a worker -----------------------------------------------------------------------------
class RelayClient:
    """A worker's connections to the relay, one per request in flight (the gate bounds
    them), kept open between requests."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._idle: list[tuple[asyncio.StreamReader, asyncio.StreamWriter]] = []

    async def ingest(self, body: bytes, batch: bool) -> IngestResult:
        conn = self._idle.pop() if self._idle else await self._connect()
        reader, writer = conn
        try:
            writer.write(REQUEST.pack(int(batch), len(body)))
            writer.write(body)
            await writer.drain()
            (length,) = ANSWER.unpack(await reader.readexactly(ANSWER.size))
            data = json.loads(await reader.readexactly(length))
        except (OSError, asyncio.IncompleteReadError) as exc:
            writer.close()
            raise StoreUnavailable(f"the OpenLineage writer of this server is gone: "
                                   f"{exc!r}") from exc
        except BaseException:  # cancelled mid-answer: the connection is out of step
            writer.close()
            raise
        self._idle.append(conn)
        return _unwire(data)

    async def _connect(self) -> tuple[asyncio.StreamReader, asyncio.StreamWriter]:
        try:
            reader, writer = await asyncio.open_unix_connection(
                str(self.path), limit=1 << 20)
        except OSError as exc:
            raise StoreUnavailable(f"the OpenLineage writer of this server is unreachable "
                                   f"at {self.path}: {exc}") from exc
        sock = writer.get_extra_info("socket")
        if sock is not None:
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF, 1 << 20)
        return reader, writer

    def close(self) -> None:
        for _, writer in self._idle:
            writer.close()
        self._idle.clear()
