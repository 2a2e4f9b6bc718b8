"""Back-pressure for writes: a bounded number of requests work at once and a bounded number
wait; beyond that the answer is 503 with `Retry-After` at once, before latency explodes or
memory grows (the openlineage-python client retries a 503). Per worker process: each worker
has its own gate, so a server admits `workers * (in_flight + queued)` at most.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse


class Overloaded(Exception):
    def __init__(self, what: str, retry_after_s: int, waiting: int):
        self.what, self.retry_after_s, self.waiting = what, retry_after_s, waiting
        super().__init__(f"{what}: {waiting} requests already waiting; retry after "
                         f"{retry_after_s} s")


class Gate:
    """`in_flight` requests inside at once, `queued` more waiting for a place."""

    def __init__(self, what: str, in_flight: int, queued: int, retry_after_s: int):
        self.what, self.retry_after_s = what, retry_after_s
        self.limit = in_flight + queued
        self.inside = 0  # working or waiting; only touched on the event loop
        self.refused = 0
        self._places = asyncio.Semaphore(in_flight)

    @asynccontextmanager
    async def enter(self) -> AsyncIterator[None]:
        if self.inside >= self.limit:
            self.refused += 1
            raise Overloaded(self.what, self.retry_after_s, self.inside)
        self.inside += 1
        try:
            async with self._places:
                yield
        finally:
            self.inside -= 1


def install(app: FastAPI) -> None:
    @app.exception_handler(Overloaded)
    async def _overloaded(_: Request, exc: Overloaded) -> JSONResponse:
        return JSONResponse(status_code=503, headers={"Retry-After": str(exc.retry_after_s)},
                            content={"error": "OVERLOADED", "message": str(exc),
                                     "retry_after_s": exc.retry_after_s})
