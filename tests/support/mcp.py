"""Talking to the catalog's MCP server with the SDK's own client, over HTTP or stdio."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Awaitable, Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

import httpx2
from mcp import Client
from mcp.client.stdio import StdioServerParameters
from mcp.client.streamable_http import streamable_http_client

T = TypeVar("T")


def over_http(base: str, token: str | None = None) -> Client:
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    http = httpx2.AsyncClient(headers=headers, timeout=httpx2.Timeout(60, read=300))
    return Client(streamable_http_client(f"{base}/mcp", http_client=http))


def over_stdio(command: str, args: list[str], env: dict[str, str]) -> Client:
    return Client(StdioServerParameters(command=command, args=args, env=env),
                  read_timeout_seconds=120)


def session(client: Client, work: Callable[[Client], Awaitable[T]]) -> T:
    """Run `work(client)` inside one MCP session (the test's own event loop)."""
    async def go() -> T:
        async with client as c:
            return await work(c)
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(go())
    # a loop already runs in this thread (Playwright's sync API leaves one behind for the
    # rest of the session): the session gets a thread and a loop of its own
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, go()).result()


def text(result: Any) -> str:
    return "".join(getattr(c, "text", "") for c in result.content)


def answer(result: Any) -> tuple[str, dict[str, Any]]:
    """A tool's answer: its summary line and its JSON document; a tool error fails."""
    body = text(result)
    assert not result.is_error, body
    summary, _, doc = body.partition("\n")
    return summary, json.loads(doc)


async def until(check: Callable[[], Awaitable[bool]], what: str, within_s: float = 60) -> None:
    """Poll `check` until it holds (the search index follows writes within seconds)."""
    deadline = asyncio.get_running_loop().time() + within_s
    while not await check():
        if asyncio.get_running_loop().time() > deadline:
            raise AssertionError(f"waited {within_s}s for {what}")
        await asyncio.sleep(0.2)
