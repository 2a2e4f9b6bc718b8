"""SlaService: records what finished OpenLineage runs did to a product's datasets, checks
products against their SLA, opens and closes incidents, and notifies those affected.

`record_runs` keeps, per dataset, the last success, the last run's state and bounded
series of update times and row counts (`outputStatistics`). `check` evaluates products in
one pass (reads in bulk, evaluation in memory, only changed incidents written) and returns
what it opened and closed; notifications then go to subscribers and downstream owners.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from catalog.settings import Settings
from catalog.sla import contracts
from catalog.sla import notify as sla_notify
from catalog.sla.evaluate import MISSED_FRESHNESS, SLA_KINDS, Health, evaluate
from graph import GraphStore
from graph import marketplace as gm
from graph import sla as gs
from graph.props import now_iso

TERMINAL = ("COMPLETE", "FAIL", "ABORT")


@dataclass
class CheckResult:
    health: dict[str, Health] = field(default_factory=dict)
    opened: list[dict[str, Any]] = field(default_factory=list)
    closed: list[dict[str, Any]] = field(default_factory=list)


class SlaService:
    def __init__(self, store: GraphStore, settings: Settings | None = None):
        self.store = store
        self.settings = settings or Settings()

    # -- recording -------------------------------------------------------------------------
    def record_runs(self, run_ids: list[str]) -> list[str]:
        """Fold finished runs into their datasets' records; returns the products touched."""
        rows = [r for r in gs.run_datasets(self.store, run_ids) if r["state"] in TERMINAL
                and r["at"]]
        if not rows:
            return []
        keep = self.settings.sla_series_length
        records = gs.health(self.store, sorted({r["dataset"] for r in rows}))
        for r in sorted(rows, key=lambda r: r["at"]):
            h = records.setdefault(r["dataset"], {"id": r["dataset"], "updates": [],
                                                  "row_counts": []})
            if h.get("last_run") == r["run"] and h.get("last_run_state") == r["state"]:
                continue  # heard twice (two monitors, or the event and a replay)
            if r["at"] >= (h.get("last_run_at") or ""):
                h.update(last_run=r["run"], last_run_state=r["state"], last_run_at=r["at"])
            if r["state"] == "COMPLETE":
                h["last_success"] = max(h.get("last_success") or "", r["at"])
                h["updates"] = [*(h.get("updates") or []), r["at"]][-keep:]
                if r["row_count"] is not None and r["stats_run"] in (None, r["run"]):
                    h["row_counts"] = [*(h.get("row_counts") or []),
                                       int(r["row_count"])][-keep:]
        out = [{"id": h["id"], "last_success": h.get("last_success"),
                "last_run_state": h.get("last_run_state"), "last_run_at": h.get("last_run_at"),
                "last_run": h.get("last_run"), "updates": h.get("updates") or [],
                "row_counts": h.get("row_counts") or []} for h in records.values()]
        self.store.write(lambda tx: gs.set_health(tx, out))
        return gs.products_of_datasets(self.store, [h["id"] for h in out])

    # -- checking --------------------------------------------------------------------------
    def health(self, product_ids: list[str] | None = None, now: datetime | None = None
               ) -> dict[str, Health]:
        now = now or datetime.now(UTC)
        products = gs.products(self.store, product_ids)
        records = gs.all_health(self.store) if product_ids is None else \
            gs.health(self.store, sorted({d for p in products for d in p["datasets"]}))
        return {p["id"]: evaluate(p, p["datasets"], records, now,
                                  volume_drop=self.settings.sla_volume_drop)
                for p in products}

    def check(self, product_ids: list[str] | None = None, now: datetime | None = None, *,
              notify: bool = True) -> CheckResult:
        """Open incidents for new causes, close those whose cause is gone."""
        result = CheckResult(self.health(product_ids, now))
        current = {i["id"]: i for i in gs.open_incidents(self.store, product_ids)
                   if i.get("kind") in SLA_KINDS}
        late_since = {i["product"]: iid for iid, i in current.items()
                      if i["kind"] == MISSED_FRESHNESS}
        # a product still late keeps the incident it opened when it first was: a late
        # success (a backfill, a replay of old runs) moves the deadline, not the incident,
        # so its owners hear once when it goes late and once when it is fresh again
        wanted = {(late_since.get(pid) if c.kind == MISSED_FRESHNESS else None)
                  or c.incident_id(pid): (pid, c)
                  for pid, h in result.health.items() for c in h.causes}
        to_open = [{"id": iid, "product": pid, "kind": c.kind, "reason": c.reason,
                    "started_at": c.started_at} for iid, (pid, c) in wanted.items()
                   if iid not in current]
        to_close = [i for iid, i in current.items() if iid not in wanted
                    and (product_ids is None or i["product"] in result.health)]
        if not to_open and not to_close:
            return result
        notes: list[dict[str, Any]] = []
        if notify:  # read before the write; written with the incidents, all or nothing
            closed_at = now_iso()
            notes = self.notifications(
                [({**i, "status": "open"}, "incident.opened") for i in to_open]
                + [({**i, "status": "closed", "closed_at": closed_at}, "incident.closed")
                   for i in to_close])

        def work(tx):
            opened = gs.open_incident_rows(tx, to_open) if to_open else []
            closed = gs.close_incidents(tx, [i["id"] for i in to_close]) if to_close else []
            if notes:
                gm.notify(tx, notes)
            return opened, closed
        result.opened, result.closed = self.store.write(work)
        return result

    def notifications(self, events: list[tuple[dict[str, Any], str]]
                      ) -> list[dict[str, Any]]:
        """Notification rows of (incident, event) pairs."""
        if not events:
            return []
        ids_ = sorted({i["product"] for i, _ in events})
        products = {r["product"]["id"]: r["product"] for r in gm.listing(self.store, ids_)}
        audience = sla_notify.Audience(self.store)
        return [row for inc, event in events for row in sla_notify.rows(
            self.store, event, inc["id"], products.get(inc["product"], {"id": inc["product"]}),
            {"incident": inc}, audience)]

    def check_contracts(self, dataset_ids: list[str]) -> dict[str, list[str]]:
        """Re-check the contracts of the products holding datasets whose schema changed."""
        products = gs.products_of_datasets(self.store, dataset_ids)
        return contracts.check_products(self.store, products) if products else \
            {"opened": [], "closed": []}

    def open_incidents(self) -> list[dict[str, Any]]:
        return gs.open_incidents(self.store)

    def incidents(self, product_ids: list[str], limit: int = 50) -> list[dict[str, Any]]:
        return gs.incidents(self.store, product_ids, limit)
