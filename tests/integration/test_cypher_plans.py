"""Every statement under graph/cypher parses and plans on the run's engine.

EXPLAIN compiles a statement without running it (parameters need no values) on both
engines, so a statement in syntax that only one engine accepts fails here, on that engine's
leg, not on a user's production catalog. Each enum slot is filled with every label or
relationship type the store can put there (a relationship with each of its endpoint
labels)."""

from __future__ import annotations

import re
from importlib import resources

import pytest

from graph.cypher import cypher
from graph.labels import Label, Rel

FILES = sorted(p.name.removesuffix(".cypher") for p in resources.files("graph.cypher").iterdir()
               if p.name.endswith(".cypher"))
SLOTS = {"label": "__LABEL__", "src": "__SRC__", "dst": "__DST__", "rel": "__REL__"}


def _fillings(text: str) -> list[dict]:
    """Every combination of enum values the statement's slots take."""
    used = {k for k, tok in SLOTS.items() if tok in text}
    if not used:
        return [{}]
    if "rel" in used:
        out = []
        for rel in Rel:
            srcs, dsts = rel.endpoints
            for src in sorted(srcs) if "src" in used else [None]:
                for dst in sorted(dsts) if "dst" in used else [None]:
                    fill = {"rel": rel, "src": src, "dst": dst}
                    out.append({k: v for k, v in fill.items() if k in used})
        return out
    if used == {"label"}:
        return [{"label": label} for label in Label]
    pairs = [(a, b) for a in Label for b in Label]
    return [{k: v for k, v in zip(("src", "dst"), pair, strict=True) if k in used}
            for pair in pairs]


def test_the_folder_holds_statements():
    assert len(FILES) >= 50, FILES


@pytest.mark.parametrize("name", FILES)
def test_statement_plans(store, name):
    text = resources.files("graph.cypher").joinpath(f"{name}.cypher").read_text()
    if re.match(r"\s*(CREATE|DROP) (CONSTRAINT|INDEX)", text):
        for fill in _fillings(text):  # DDL: idempotent, run for real (bootstrap ran it too)
            store.driver.execute_query(cypher(name, **fill), database_=store.database)
        return
    for fill in _fillings(text):
        statement = cypher(name, **fill)
        store.driver.execute_query("EXPLAIN " + statement, database_=store.database)
