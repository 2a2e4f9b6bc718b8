"""At most `keepalive_requests` requests per kept-alive connection (Apache's
MaxKeepAliveRequests, nginx's keepalive_requests): the last one is answered with
`Connection: close`, and the client's next request opens a new connection.

Why: the workers of `catalog serve` accept connections from one socket, and a client keeps
its connection, so a burst of clients can land mostly on one worker and stay there (23 of
32 readers on one of two workers was seen), doubling that worker's latencies for as long as
they stay. Reconnecting now and then spreads them again; with `UV_TCP_SINGLE_ACCEPT` (set
by `catalog serve`) the worker that is less busy tends to accept first. A client's
reconnect costs a loopback or LAN handshake every few hundred requests.
"""

from __future__ import annotations

from fastapi import FastAPI
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from catalog.settings import Settings

CLOSE = (b"connection", b"close")
FORGET_BEYOND = 10_000  # connections counted at most (a closed one's count is dropped then)


def install(app: FastAPI, settings: Settings) -> None:
    if settings.keepalive_requests:
        app.add_middleware(KeepAliveLimit, limit=settings.keepalive_requests)


class KeepAliveLimit:
    """Plain ASGI; a connection is known by its client address and port."""

    def __init__(self, app: ASGIApp, *, limit: int) -> None:
        self.app, self.limit = app, limit
        self._served: dict[tuple[str, int], int] = {}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        client = scope.get("client")
        if scope["type"] != "http" or not client:
            return await self.app(scope, receive, send)
        key = (client[0], client[1])
        served = self._served.get(key, 0) + 1
        if served < self.limit:
            if len(self._served) >= FORGET_BEYOND and key not in self._served:
                self._served.clear()
            self._served[key] = served
            return await self.app(scope, receive, send)
        self._served.pop(key, None)

        async def closing(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = [h for h in message.get("headers", [])
                           if h[0].lower() != b"connection"]
                message = {**message, "headers": [*headers, CLOSE]}
            await send(message)

        await self.app(scope, receive, closing)
