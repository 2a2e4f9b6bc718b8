"""Health of a data product from what the monitor recorded of its datasets: pure, so ten
thousand products are evaluated in a loop without a query each.

A product is `failing` when a dataset's last run failed or its volume dropped below a share
of its recent median, `late` when its oldest last success is older than `sla.freshness`,
`healthy` when it has records and neither, `unknown` without records. Each cause becomes an
incident whose id derives from the cause (so it is opened once, and a new cause is a new
incident); completeness is the latest row count against the recent median, at most 1.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from statistics import median
from typing import Any

HEALTHY, LATE, FAILING, UNKNOWN = "healthy", "late", "failing", "unknown"
MISSED_FRESHNESS, FAILED_RUN, VOLUME_DROP = "missed_freshness", "failed_run", "volume_drop"
SLA_KINDS = (MISSED_FRESHNESS, FAILED_RUN, VOLUME_DROP)
_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400, "w": 604800}
_SIMPLE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([smhdw])\s*$", re.I)
_ISO = re.compile(r"^P(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$", re.I)


def duration_s(value: Any) -> float | None:
    """`24h`, `15m`, `2d`, `P1D`, `PT6H` as seconds; None when absent or unreadable."""
    if value is None:
        return None
    if isinstance(value, int | float):
        return float(value)
    text = str(value).strip()
    if m := _SIMPLE.match(text):
        return float(m[1]) * _UNITS[m[2].lower()]
    if (m := _ISO.match(text)) and any(m.groups()):
        w, d, h, mi, s = (int(x or 0) for x in m.groups())
        return float(w * 604800 + d * 86400 + h * 3600 + mi * 60 + s)
    return None


def parse_time(value: str) -> datetime:
    when = datetime.fromisoformat(value.replace("Z", "+00:00"))
    return when if when.tzinfo else when.replace(tzinfo=UTC)


def iso(when: datetime) -> str:
    return when.astimezone(UTC).isoformat().replace("+00:00", "Z")


@dataclass
class Cause:
    kind: str
    reason: str
    started_at: str
    dataset: str | None = None

    def incident_id(self, product: str) -> str:
        return f"incident:{product}|{self.kind}|{self.started_at}"


@dataclass
class DatasetStatus:
    id: str
    last_success: str | None = None
    last_run_state: str | None = None
    last_run_at: str | None = None
    cadence_s: float | None = None
    row_counts: list[int] = field(default_factory=list)


@dataclass
class Health:
    product: str
    state: str
    freshness_s: float | None = None
    last_update: str | None = None
    due_at: str | None = None
    completeness: float | None = None
    causes: list[Cause] = field(default_factory=list)
    datasets: list[DatasetStatus] = field(default_factory=list)


def freshness_of(product: dict[str, Any]) -> float | None:
    for key in ("sla", "contract_sla"):
        raw = product.get(key)
        try:
            sla = json.loads(raw) if isinstance(raw, str) else raw
        except ValueError:
            continue
        if isinstance(sla, dict) and (s := duration_s(sla.get("freshness"))):
            return s
    return None


def _cadence(updates: list[str]) -> float | None:
    times = sorted(parse_time(u) for u in updates)
    gaps = [(b - a).total_seconds() for a, b in zip(times, times[1:], strict=False)]
    return median(gaps) if gaps else None


def evaluate(product: dict[str, Any], datasets: list[str], records: dict[str, dict[str, Any]],
             now: datetime, *, volume_drop: float = 0.5) -> Health:
    pid = product["id"]
    fresh = freshness_of(product)
    health = Health(pid, UNKNOWN, freshness_s=fresh)
    seen = [records[d] for d in datasets if d in records]
    for r in seen:
        health.datasets.append(DatasetStatus(
            r["id"], r.get("last_success"), r.get("last_run_state"), r.get("last_run_at"),
            _cadence(r.get("updates") or []), list(r.get("row_counts") or [])))
    if not seen:
        return health
    successes = [r.get("last_success") for r in seen]
    if all(successes):
        oldest = min(successes)
        health.last_update = oldest
        if fresh is not None:
            due = parse_time(oldest) + timedelta(seconds=fresh)
            health.due_at = iso(due)
            if now > due:
                health.causes.append(Cause(MISSED_FRESHNESS, f"no successful update since "
                                           f"{oldest} (freshness {product_sla(fresh)})",
                                           iso(due)))
    ratios = []
    for ds in health.datasets:
        if ds.last_run_state == "FAIL" and ds.last_run_at:
            health.causes.append(Cause(FAILED_RUN, f"the last run writing {ds.id} failed",
                                       ds.last_run_at, ds.id))
        counts = ds.row_counts
        if len(counts) >= 4:
            base = median(counts[-11:-1])
            if base > 0:
                ratios.append(min(1.0, counts[-1] / base))
                if counts[-1] < volume_drop * base:
                    at = (records[ds.id].get("updates") or [None])[-1] or ds.last_run_at
                    health.causes.append(Cause(
                        VOLUME_DROP, f"{ds.id} wrote {counts[-1]} rows against a recent "
                        f"median of {base:g}", at or iso(now), ds.id))
    health.completeness = round(min(ratios), 4) if ratios else None
    kinds = {c.kind for c in health.causes}
    health.state = FAILING if kinds & {FAILED_RUN, VOLUME_DROP} else \
        LATE if MISSED_FRESHNESS in kinds else HEALTHY
    return health


def product_sla(seconds: float) -> str:
    for unit, size in (("d", 86400), ("h", 3600), ("m", 60)):
        if seconds >= size and seconds % size == 0:
            return f"{int(seconds // size)}{unit}"
    return f"{seconds:g}s"
