"""docs/GOVERNANCE.md documents the view policies see exactly as the code defines it."""

from __future__ import annotations

from pathlib import Path

from catalog.governance.view import describe

DOC = Path(__file__).resolve().parents[2] / "docs" / "GOVERNANCE.md"


def test_the_documented_view_is_the_view():
    assert describe() in DOC.read_text()
