"""Fixture files found by glob, refused when the glob finds fewer than expected: a
parametrised test over an empty list collects nothing and would pass unnoticed."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path


def found(paths: Iterable[Path], what: str, at_least: int = 1) -> list[Path]:
    """`paths` sorted; a collection error (not zero tests) when fewer than `at_least`."""
    files = sorted(paths)
    if len(files) < at_least:
        raise RuntimeError(f"{what}: found {len(files)} fixture files, expected at least "
                           f"{at_least} (is ../shared/fixtures there?)")
    return files
