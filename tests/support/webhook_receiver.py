"""A real local HTTP server that receives webhook deliveries (no mocks of our stack): it
keeps each POST's headers and JSON body, and answers with the status it is told to."""

from __future__ import annotations

import json
import threading
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


@dataclass
class Received:
    url: str
    status: int = 200  # what the receiver answers (500: an endpoint that fails)
    calls: list[dict[str, Any]] = field(default_factory=list)

    def bodies(self, event: str | None = None) -> list[dict[str, Any]]:
        return [c["body"] for c in list(self.calls)
                if event is None or c["body"].get("event") == event]


@contextmanager
def receiver():
    got = Received("")

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # noqa: N802
            raw = self.rfile.read(int(self.headers.get("Content-Length") or 0))
            got.calls.append({"headers": dict(self.headers), "raw": raw,
                              "body": json.loads(raw or b"{}")})
            self.send_response(got.status)
            self.end_headers()

        def log_message(self, *args) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    got.url = f"http://127.0.0.1:{server.server_address[1]}/hook"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield got
    finally:
        server.shutdown()
        server.server_close()
