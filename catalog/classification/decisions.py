"""What a classifier run may change on one column, given the decisions already there.

The rules stewards rely on:
- a human decision (accepted, rejected, or set by hand) is never changed by a run; a
  rejected type is not suggested again unless the run is forced (then the run's verdict
  replaces the rejection); an accepted one is never removed, forced or not;
- automatic decisions belong to the classifier: a run re-evaluates them (updates, or closes
  them when the evidence is gone), except that a run without samples does not overturn
  what the same classifier version decided with samples (a name-only pass must not undo a
  value-based finding); a new classifier version re-evaluates everything it owns;
- propagated classifications belong to propagation, which the run leaves alone.
No Cypher here: plain data in, plain rows out.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from catalog.classification.combine import ACCEPTED, Result
from identity.ids import classification_id

CLASSIFIER, PROPAGATION = "classifier", "propagation"
SYSTEM_ACTORS = frozenset({CLASSIFIER, PROPAGATION})
SOURCE_CLASSIFIER, SOURCE_PROPAGATED, SOURCE_MANUAL = "classifier", "propagated", "manual"
REJECTED = "rejected"


def is_automatic(edge: dict[str, Any]) -> bool:
    """Whether the classifier or propagation made this decision (not a person)."""
    by = edge.get("decided_by")
    if by is None:
        return edge.get("source") in (SOURCE_CLASSIFIER, SOURCE_PROPAGATED)
    return by in SYSTEM_ACTORS


def is_open(edge: dict[str, Any]) -> bool:
    return edge.get("valid_to") is None


@dataclass
class Verdict:
    """The classifier's ranked findings for one subject (at or above `suggest`)."""

    subject: str
    results: Sequence[Result]
    sampled: bool


@dataclass
class Plan:
    upserts: list[dict[str, Any]] = field(default_factory=list)
    closes: list[dict[str, Any]] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)

    def count(self, key: str, n: int = 1) -> None:
        self.counts[key] = self.counts.get(key, 0) + n

    def extend(self, other: Plan) -> None:
        self.upserts += other.upserts
        self.closes += other.closes
        for k, v in other.counts.items():
            self.count(k, v)


def edge_row(subject: str, result: Result, now: str) -> dict[str, Any]:
    return {"src": subject, "dst": classification_id(result.info_type), "score": result.score,
            "status": result.status, "reasons": list(result.reasons),
            "classifier_version": result.classifier_version, "sampled": result.sampled,
            "decided_by": CLASSIFIER, "decided_at": now, "path": None, "closed_by": None,
            "closed_reason": None}


def plan_subject(existing: dict[str, dict[str, Any]], verdict: Verdict, *, version: str,
                 now: str, force: bool = False) -> Plan:
    """Rows to upsert and close for one subject. `existing`: info type -> edge props."""
    plan = Plan()
    human = {t: e for t, e in existing.items() if is_open(e) and not is_automatic(e)}
    rejected = {t for t, e in human.items() if e.get("status") == REJECTED}
    chosen: Result | None = None
    for result in verdict.results:
        if result.info_type in rejected and not force:
            plan.count("kept_rejected")
            continue
        chosen = result
        break
    for itype, edge in existing.items():
        if not is_open(edge) or itype in human or edge.get("source") == SOURCE_PROPAGATED:
            continue
        if edge.get("source") != SOURCE_CLASSIFIER:
            continue
        keep = (not force and edge.get("classifier_version") == version
                and edge.get("sampled") and not verdict.sampled)
        if keep:
            plan.count("kept_sampled")
            if chosen is not None and chosen.info_type == itype:
                chosen = None  # already there with better evidence
            continue
        if chosen is None or chosen.info_type != itype:
            plan.closes.append({"src": verdict.subject, "dst": edge["dst"], "by": CLASSIFIER,
                                "reason": f"{version} no longer finds {itype}"})
            plan.count("closed")
    if chosen is None:
        return plan
    current = existing.get(chosen.info_type)
    if current is not None and is_open(current):
        if chosen.info_type in human and (chosen.info_type not in rejected or not force):
            plan.count("kept_human")
            return plan
        if current.get("source") == SOURCE_PROPAGATED:
            plan.count("kept_propagated")
            return plan
    plan.upserts.append(edge_row(verdict.subject, chosen, now))
    plan.count("accepted" if chosen.status == ACCEPTED else "suggested")
    return plan
