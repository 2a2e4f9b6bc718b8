"""The raw event log: accepted events appended as NDJSON, one file per UTC day, fsynced
before the receiver answers; and the reader `catalog replay` uses to rebuild or catch up
a graph from it (or from any JSON array, NDJSON file or folder of them)."""

from __future__ import annotations

import json
import os
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import orjson

SUFFIXES = (".ndjson", ".jsonl", ".json")


class EventLog:
    """Append-only: events are only ever added, never rewritten."""

    def __init__(self, folder: Path):
        self.folder = Path(folder)
        self.folder.mkdir(parents=True, exist_ok=True)
        self._lock = threading.Lock()

    def path_for(self, when: datetime | None = None) -> Path:
        day = (when or datetime.now(UTC)).strftime("%Y-%m-%d")
        return self.folder / f"events-{day}.ndjson"

    def append(self, events: list[Any]) -> Path | None:
        """Write `events` (one JSON line each) and fsync them; returns the file written."""
        if not events:
            return None
        data = b"".join(_line(e) for e in events)
        with self._lock:
            path = self.path_for()
            new = not path.exists()
            fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o640)
            try:
                os.write(fd, data)
                os.fsync(fd)
            finally:
                os.close(fd)
            if new:  # the new file's directory entry must survive a crash too
                dir_fd = os.open(self.folder, os.O_RDONLY)
                try:
                    os.fsync(dir_fd)
                finally:
                    os.close(dir_fd)
        return path


def _line(event: Any) -> bytes:
    try:
        return orjson.dumps(event) + b"\n"
    except (orjson.JSONEncodeError, TypeError):  # e.g. an integer over 64 bits
        return json.dumps(event, ensure_ascii=False, separators=(",", ":")).encode() + b"\n"


@dataclass
class Item:
    """One event read from a file, or why a line/file could not be read."""

    where: str  # file:line, file[index] in a JSON array, or the file
    event: Any = None
    error: str | None = None


def files_of(target: Path) -> list[Path]:
    """The event files of a file or folder (recursively), in name order."""
    if target.is_dir():
        return sorted(p for p in target.rglob("*") if p.is_file() and p.suffix in SUFFIXES)
    return [target]


def _lines(path: Path) -> Iterator[Item]:
    with path.open("rb") as fh:
        for n, line in enumerate(fh, 1):
            if line.strip():
                try:
                    yield Item(f"{path}:{n}", orjson.loads(line))
                except orjson.JSONDecodeError as exc:
                    yield Item(f"{path}:{n}", error=f"not JSON: {exc}")


def read_file(path: Path) -> Iterator[Item]:
    """Events of one file: NDJSON, a JSON array of events, or one JSON event."""
    if path.suffix in (".ndjson", ".jsonl"):
        yield from _lines(path)
        return
    try:
        doc = orjson.loads(path.read_bytes())
    except orjson.JSONDecodeError:
        yield from _lines(path)  # NDJSON under a .json name (or broken: said per line)
        return
    if not isinstance(doc, list):
        yield Item(str(path), doc)
        return
    for i, event in enumerate(doc):
        yield Item(f"{path}[{i}]", event)


def count_events(path: Path) -> int:
    """How many events `read_file` will yield (for a progress bar); cheap for NDJSON."""
    if path.suffix in (".ndjson", ".jsonl"):
        with path.open("rb") as fh:
            return sum(1 for line in fh if line.strip())
    return sum(1 for _ in read_file(path))


def read_events(target: Path) -> Iterator[Item]:
    for path in files_of(target):
        yield from read_file(path)
