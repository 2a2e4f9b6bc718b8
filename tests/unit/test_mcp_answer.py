"""MCP answers stay within a model's budget: the page limit, then the character limit."""

from __future__ import annotations

import json

import pytest
from mcp.server.mcpserver.exceptions import ToolError

from catalog.api.mcp.answer import fit, paged
from catalog.settings import Settings

SETTINGS = Settings(mcp_page_size=10, mcp_max_chars=1_000)


def _doc(text: str) -> tuple[str, dict]:
    summary, _, body = text.partition("\n")
    return summary, json.loads(body)


def test_pages_follow_the_cursor_to_the_end():
    items = [{"id": f"dataset:x:t{k}"} for k in range(23)]
    seen, cursor = [], None
    while True:
        summary, doc = _doc(paged(SETTINGS, "23 things", "items", items, limit=None,
                                  cursor=cursor))
        seen += doc["items"]
        if doc["next_cursor"] is None:
            break
        cursor = doc["next_cursor"]
    assert seen == items and summary == "23 things (items 21-23 of 23)"


def test_a_page_too_long_for_the_budget_is_cut_further():
    items = [{"id": f"dataset:x:t{k}", "note": "n" * 150} for k in range(10)]
    text = paged(SETTINGS, "long", "items", items, limit=None, cursor=None)
    summary, doc = _doc(text)
    assert len(text) <= 1_000 and 0 < len(doc["items"]) < 10
    assert doc["next_cursor"] == str(len(doc["items"])) and doc["total"] == 10


def test_limits_and_cursors_are_checked():
    with pytest.raises(ToolError, match="between 1 and 10"):
        paged(SETTINGS, "", "items", [], limit=11, cursor=None)
    with pytest.raises(ToolError, match="cursor"):
        paged(SETTINGS, "", "items", [], limit=None, cursor="abc")
    with pytest.raises(ToolError, match="narrow the question"):
        fit(SETTINGS, "big", {"x": "y" * 2_000})
