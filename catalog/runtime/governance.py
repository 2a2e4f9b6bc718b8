"""Keep governance findings current while the server runs.

A store listener marks the findings stale on any committed write to the catalog (a
harvest, an OpenLineage event, a steward's decision; this process's or, through the change
feed, another's), and a change of the domain policies in the graph (set through the API by
any worker, or by a harvest of policy files) is noticed by polling their fingerprint. A
background thread evaluates every policy once writes have been quiet for
`governance_eval_delay` seconds, or `governance_eval_max_wait` seconds after the first
unevaluated write when they never are (a steady OpenLineage stream), and at least every
`governance_eval_interval` seconds (the schedule: a run's age changes without a write).
One evaluation at a time; the findings it keeps are what `complianceReport`,
`catalog check --stored` and the governance page read.
"""

from __future__ import annotations

import logging
import threading
import time

from catalog.governance.evaluate import Evaluation
from catalog.governance.inputs import ALL, COLUMN, changed_kinds, column_datasets
from catalog.governance.service import GovernanceService
from catalog.settings import Settings
from graph import GraphStore
from graph import governance as gg
from graph.tx import Changes

log = logging.getLogger(__name__)
MAX_DATASETS = 20_000  # more datasets' columns changed: one pass over every column


class GovernanceWatcher:
    def __init__(self, store: GraphStore, settings: Settings):
        self.store, self.settings = store, settings
        self._dirty_at: float | None = time.monotonic()  # evaluate once soon after start
        self._dirty_since: float | None = self._dirty_at
        self._last = time.monotonic()
        self._stamp: tuple[int, str | None] | None = None
        self._stop = threading.Event()
        self._active = True
        self.evaluations = 0  # how many ran (tests and health read it)
        # the subject kinds changed since the last evaluation, which is kept: the next one
        # takes the other kinds from it (a stream of runs leaves millions of columns alone)
        self._kinds: set[str] = set(ALL)
        # the datasets whose columns changed (None: any column may have)
        self._datasets: set[str] | None = None
        self._last_result: Evaluation | None = None
        self._kinds_lock = threading.Lock()
        self._thread = threading.Thread(target=self._loop, name="governance", daemon=True)

    def on_changes(self, changes: Changes) -> None:
        if self._active and changes:
            kinds = changed_kinds(changes)
            self.mark_dirty(kinds, column_datasets(changes) if COLUMN in kinds else set())

    def mark_dirty(self, kinds: frozenset[str] = ALL, datasets: set[str] | None = None
                   ) -> None:
        """`kinds` changed, and of the columns those of `datasets` (None: any)."""
        with self._kinds_lock:
            self._kinds |= kinds
            if datasets is None or self._datasets is None:
                self._datasets = None
            else:
                self._datasets |= datasets
        now = time.monotonic()
        self._dirty_at = now
        if self._dirty_since is None:
            self._dirty_since = now

    def _policies_changed(self) -> bool:
        stamp = gg.policies_stamp(self.store)
        changed = self._stamp is not None and stamp != self._stamp
        self._stamp = stamp
        return changed

    def start(self) -> None:
        self.store.add_listener(self.on_changes)
        self._thread.start()

    def stop(self) -> None:
        self._active = False
        self._stop.set()
        self._thread.join(timeout=60)

    def _due(self) -> str | None:
        now, s = time.monotonic(), self.settings
        if self._dirty_at is not None and (
                now - self._dirty_at >= s.governance_eval_delay
                or now - (self._dirty_since or now) >= s.governance_eval_max_wait):
            return "change"
        if now - self._last >= s.governance_eval_interval:
            return "schedule"
        return None

    def _loop(self) -> None:
        while not self._stop.wait(min(1.0, self.settings.governance_eval_delay)):
            try:
                if self._policies_changed():
                    self.mark_dirty()
            except Exception:  # the store is away: the next round asks again
                log.debug("reading the domain policies' fingerprint failed", exc_info=True)
            trigger = self._due()
            if trigger is None:
                continue
            self._dirty_at = self._dirty_since = None
            self._last = time.monotonic()
            with self._kinds_lock:
                kinds, self._kinds = self._kinds, set()
                datasets, self._datasets = self._datasets, set()
            if trigger == "schedule":  # a run's age changes without a write: all of it
                kinds, datasets = set(ALL), None
            if datasets is not None and len(datasets) > MAX_DATASETS:
                datasets = None
            try:
                _, result = GovernanceService(self.store, self.settings).evaluate(
                    trigger, previous=self._last_result, changed=kinds,
                    column_datasets=datasets)
                self._last_result = result
                self.evaluations += 1
                log.info("governance evaluated (%s): %d findings over %d subjects (%d read) "
                         "in %.1f s%s", trigger, len(result.findings), result.subjects,
                         result.views, result.seconds, f" ({', '.join(result.reused)} as before)"
                         if result.reused else "")
            except Exception:  # keep the server up; the next change retries
                self.mark_dirty(frozenset(kinds), datasets)
                log.exception("governance evaluation failed")
