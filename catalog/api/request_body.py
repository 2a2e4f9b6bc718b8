"""Reading a request body within limits: a cap on what arrives and on what it inflates to.

Errors are `BodyError`s carrying the HTTP status (413 too large, 400 broken gzip or JSON,
415 an encoding we do not speak) and a JSON body naming what was wrong.

A body over the limit is still read to its end (and thrown away), up to `drain_bytes`, before
the 413 goes out: a client answered while it is still sending (requests, and so the
openlineage-python client, reads nothing until it has sent everything) can lose the answer
to a connection reset, and log a broken pipe instead of the reason. A body beyond even that
bound is answered at once with `Connection: close`.
"""

from __future__ import annotations

import zlib
from collections.abc import AsyncIterator
from typing import Any

import orjson
from fastapi import Request


class BodyError(Exception):
    def __init__(self, status: int, code: str, message: str, path: str = "$", *,
                 close: bool = False):
        self.status, self.code, self.message, self.path = status, code, message, path
        self.close = close  # the body was left unread: answer with Connection: close
        super().__init__(message)

    def headers(self) -> dict[str, str] | None:
        if self.status == 401:
            return {"WWW-Authenticate": "Bearer"}
        return {"Connection": "close"} if self.close else None

    def content(self) -> dict[str, Any]:
        return {"error": self.code, "errors": [{"path": self.path, "message": self.message}]}


async def _drained(stream: AsyncIterator[bytes], read: int, bound: int) -> bool:
    """Read the rest of a refused body and drop it; False when it goes on past `bound`."""
    async for chunk in stream:
        read += len(chunk)
        if read > bound:
            return False
    return True


async def read_body(request: Request, *, max_bytes: int, max_decompressed: int,
                    drain_bytes: int = 0) -> bytes:
    """The body, gunzipped when `Content-Encoding: gzip`, within both limits; a body over
    the limit is drained (up to `drain_bytes`) before it is refused."""
    declared = request.headers.get("content-length")
    stream = request.stream()
    if declared and declared.isdigit() and int(declared) > max_bytes:
        drained = int(declared) <= drain_bytes and await _drained(stream, 0, drain_bytes)
        raise BodyError(413, "TOO_LARGE", f"body of {declared} bytes is over the limit of "
                                          f"{max_bytes} bytes", close=not drained)
    chunks, size = [], 0
    async for chunk in stream:
        size += len(chunk)
        if size > max_bytes:
            drained = await _drained(stream, size, drain_bytes)
            raise BodyError(413, "TOO_LARGE", f"body is over the limit of {max_bytes} bytes",
                            close=not drained)
        chunks.append(chunk)
    body = b"".join(chunks)
    encoding = request.headers.get("content-encoding", "").strip().lower()
    if encoding in ("gzip", "x-gzip"):
        return gunzip(body, max_decompressed)
    if encoding not in ("", "identity"):
        raise BodyError(415, "UNSUPPORTED_ENCODING",
                        f"Content-Encoding {encoding!r} is not supported (use gzip)")
    return body


def gunzip(data: bytes, limit: int) -> bytes:
    """Inflate gzip (several members allowed) without ever holding more than `limit` bytes."""
    out = bytearray()
    rest = data
    while rest:
        inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
        try:
            out += inflater.decompress(rest, limit - len(out) + 1)
        except zlib.error as exc:
            raise BodyError(400, "BAD_GZIP", f"body is not valid gzip: {exc}") from None
        if len(out) > limit or inflater.unconsumed_tail:
            raise BodyError(413, "TOO_LARGE",
                            f"body inflates to more than the limit of {limit} bytes")
        if not inflater.eof:
            raise BodyError(400, "BAD_GZIP", "gzip body is truncated")
        rest = inflater.unused_data.lstrip(b"\0")
    return bytes(out)


def parse_json(body: bytes) -> Any:
    try:
        return orjson.loads(body)
    except orjson.JSONDecodeError as exc:
        raise BodyError(400, "BAD_JSON", f"body is not JSON: {exc}") from None


def parse_json_or_ndjson(body: bytes) -> list[Any]:
    """A JSON array (or one JSON value) or NDJSON, as a list of values."""
    try:
        doc = orjson.loads(body)
    except orjson.JSONDecodeError as exc:
        lines = [line for line in body.splitlines() if line.strip()]
        if len(lines) < 2 or not _is_json(lines[0]):
            raise BodyError(400, "BAD_JSON", f"body is not JSON: {exc}") from None
    else:
        return doc if isinstance(doc, list) else [doc]
    items = []
    for n, line in enumerate(body.splitlines(), 1):
        if line.strip():
            try:
                items.append(orjson.loads(line))
            except orjson.JSONDecodeError as exc:
                raise BodyError(400, "BAD_JSON", f"NDJSON line {n} is not JSON: {exc}",
                                path=f"$[line {n}]") from None
    return items


def _is_json(line: bytes) -> bool:
    try:
        orjson.loads(line)
    except orjson.JSONDecodeError:
        return False
    return True
