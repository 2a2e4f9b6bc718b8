"""The raw OpenLineage event log of a running app: accepted events are appended (fsynced)
by a worker thread of its own, so the log's fsync runs while the graph commits."""

from __future__ import annotations

from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

from catalog.settings import Settings
from ingestors.openlineage.eventlog import EventLog


class RawEventLog:
    def __init__(self, settings: Settings):
        self.settings = settings
        self.log: EventLog | None = None
        self._writer: ThreadPoolExecutor | None = None

    def start(self) -> None:
        if self.settings.openlineage_event_log:
            self.log = EventLog(self.settings.data_dir / "events")
        self._writer = ThreadPoolExecutor(1, thread_name_prefix="ol-log")

    def stop(self) -> None:
        if self._writer is not None:
            self._writer.shutdown(wait=True)

    def append(self, events: list[dict[str, Any]]) -> Future | None:
        """Start appending `events`; wait on the answer before replying (None: no log)."""
        if self.log is None or not events or self._writer is None:
            return None
        return self._writer.submit(self.log.append, events)
