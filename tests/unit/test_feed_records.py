"""A change-feed record decodes to the changes written, whatever their values: what every
process's in-memory indexes apply depends on it."""

from __future__ import annotations

from datetime import UTC, datetime

from graph.feed import decode, encode
from graph.labels import Label, Rel
from graph.tx import Changes


def test_a_record_decodes_to_its_changes():
    c = Changes("2026-12-07T00:00:00Z")
    c.nodes[Label.COLUMN].append({"id": "dataset:pg://h:1/db.s.t#é", "name": "é", "ordinal": 3,
                                  "score": 0.5, "tags": ["a", "b"], "none": None})
    c.edges[Rel.FEEDS].append({"src": "dataset:a", "dst": "dataset:b", "jobs": ["job:x"]})
    c.closed[Label.DATASET].append("dataset:gone")
    c.closed_edges[Rel.OWNED_BY].append({"src": "dataset:a", "dst": "owner:o"})
    got = decode(encode(c))
    assert (got.now, got.nodes, got.edges, got.closed, got.closed_edges) == (
        c.now, c.nodes, c.edges, c.closed, c.closed_edges)
    assert isinstance(next(iter(got.nodes)), Label)


def test_values_json_cannot_hold_are_written_as_text():
    at = datetime(2026, 12, 7, tzinfo=UTC)
    for extra in ({}, {"big": 2 ** 70}):  # orjson, then the stdlib for what orjson refuses
        c = Changes("2026-12-07T00:00:00Z")
        c.nodes[Label.DATASET].append({"id": "dataset:a", "at": at, **extra})
        row = decode(encode(c)).nodes[Label.DATASET][0]
        assert row == {"id": "dataset:a", "at": str(at), **extra}
