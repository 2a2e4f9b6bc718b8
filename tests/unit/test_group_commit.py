"""Group commit (ingestors/openlineage/group_commit.py): requests that wait while a write runs
are written together next, each gets its own answer, and one bad request fails alone."""

from __future__ import annotations

import threading
from collections.abc import Sequence

import pytest

from ingestors.openlineage.group_commit import GroupWriter


class Down(Exception):
    """Stands for an engine that is unreachable: not worth writing requests one by one."""


class Recorder:
    def __init__(self) -> None:
        self.groups: list[list[str]] = []
        self.first_started = threading.Event()
        self.release = threading.Event()

    def write(self, items: Sequence[str]) -> list[str]:
        self.groups.append(list(items))
        if len(self.groups) == 1:  # hold the first write until every other request waits
            self.first_started.set()
            assert self.release.wait(10)
        if "down" in items:
            raise Down("engine unreachable")
        if "bad" in items:
            raise ValueError("bad data")
        return [f"wrote {i}" for i in items]


def _submit_all(writer: GroupWriter, rec: Recorder, items: list[str],
                weights: dict[str, int] | None = None) -> dict[str, object]:
    """The first item alone, then the others while its write is held."""
    answers: dict[str, object] = {}

    def submit(item: str) -> None:
        try:
            answers[item] = writer.submit(item, (weights or {}).get(item, 1))
        except Exception as exc:
            answers[item] = exc

    first = threading.Thread(target=submit, args=(items[0],))
    first.start()
    assert rec.first_started.wait(10)
    others = [threading.Thread(target=submit, args=(i,)) for i in items[1:]]
    for t in others:
        t.start()
    while len(writer._queue) < len(items) - 1:  # every other request is waiting
        threading.Event().wait(0.01)
    rec.release.set()
    for t in [first, *others]:
        t.join(10)
    return answers


def test_waiting_requests_are_written_together_each_with_its_answer():
    rec = Recorder()
    writer = GroupWriter(rec.write, max_weight=100, isolate=lambda e: not isinstance(e, Down))
    items = [f"r{i}" for i in range(8)]
    answers = _submit_all(writer, rec, items)
    assert answers == {i: f"wrote {i}" for i in items}
    assert len(rec.groups) == 2 and sorted(rec.groups[1]) == items[1:]


def test_a_group_never_passes_its_weight_bound():
    rec = Recorder()
    writer = GroupWriter(rec.write, max_weight=5, isolate=lambda e: True)
    items = ["r0", "a", "b", "c", "d"]
    answers = _submit_all(writer, rec, items, weights={"a": 3, "b": 3, "c": 3, "d": 6})
    assert all(answers[i] == f"wrote {i}" for i in items)
    assert [len(g) for g in rec.groups] == [1, 1, 1, 1, 1]  # 3+3 > 5; d alone though > 5


def test_a_bad_request_fails_alone():
    rec = Recorder()
    writer = GroupWriter(rec.write, max_weight=100, isolate=lambda e: not isinstance(e, Down))
    answers = _submit_all(writer, rec, ["r0", "r1", "bad", "r2"])
    assert isinstance(answers["bad"], ValueError)
    assert answers["r1"] == "wrote r1" and answers["r2"] == "wrote r2"
    assert rec.groups[1:] == [["r1", "bad", "r2"], ["r1"], ["bad"], ["r2"]]


def test_an_unreachable_engine_fails_the_group_without_writing_each_alone():
    rec = Recorder()
    writer = GroupWriter(rec.write, max_weight=100, isolate=lambda e: not isinstance(e, Down))
    answers = _submit_all(writer, rec, ["r0", "r1", "down", "r2"])
    assert all(isinstance(answers[i], Down) for i in ("r1", "down", "r2"))
    assert len(rec.groups) == 2


def test_an_error_of_a_lone_request_reaches_its_caller():
    writer = GroupWriter(lambda items: [][0], max_weight=10, isolate=lambda e: True)
    with pytest.raises(IndexError):
        writer.submit("x")
