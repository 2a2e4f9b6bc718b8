"""Keep governance findings current while the server runs.

A store listener marks the findings stale on any committed write to the catalog (a
harvest, an OpenLineage event, a steward's decision, a domain policy change); a background
thread evaluates every policy once writes have been quiet for `governance_eval_delay`
seconds, and at least every `governance_eval_interval` seconds (the schedule: a run's age
or an SLA changes without a write). One evaluation at a time; the findings it keeps are
what `complianceReport`, `catalog check --stored` and the governance page read.
"""

from __future__ import annotations

import logging
import threading
import time

from catalog.governance.service import GovernanceService
from catalog.settings import Settings
from graph import GraphStore
from graph.tx import Changes

log = logging.getLogger(__name__)


class GovernanceWatcher:
    def __init__(self, store: GraphStore, settings: Settings):
        self.store, self.settings = store, settings
        self._dirty_at: float | None = time.monotonic()  # evaluate once soon after start
        self._last = time.monotonic()
        self._stop = threading.Event()
        self._active = True
        self.evaluations = 0  # how many ran (tests and health read it)
        self._thread = threading.Thread(target=self._loop, name="governance", daemon=True)

    def on_changes(self, changes: Changes) -> None:
        if self._active and changes:
            self._dirty_at = time.monotonic()

    def mark_dirty(self) -> None:
        """A write the change feed does not carry (a domain policy set through the API)."""
        self._dirty_at = time.monotonic()

    def start(self) -> None:
        self.store.add_listener(self.on_changes)
        self._thread.start()

    def stop(self) -> None:
        self._active = False
        self._stop.set()
        self._thread.join(timeout=60)

    def _due(self) -> str | None:
        now = time.monotonic()
        if self._dirty_at is not None and \
                now - self._dirty_at >= self.settings.governance_eval_delay:
            return "change"
        if now - self._last >= self.settings.governance_eval_interval:
            return "schedule"
        return None

    def _loop(self) -> None:
        while not self._stop.wait(min(1.0, self.settings.governance_eval_delay)):
            trigger = self._due()
            if trigger is None:
                continue
            self._dirty_at, self._last = None, time.monotonic()
            try:
                _, result = GovernanceService(self.store, self.settings).evaluate(trigger)
                self.evaluations += 1
                log.info("governance evaluated (%s): %d findings over %d subjects in %.1f s",
                         trigger, len(result.findings), result.subjects, result.seconds)
            except Exception:  # keep the server up; the next change retries
                log.exception("governance evaluation failed")
