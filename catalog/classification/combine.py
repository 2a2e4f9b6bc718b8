"""One score per info type from the name and the values, with the reasons behind it.

- values that confirm the name: noisy-or of both scores (`email` + 98 of 100 emails);
- values that only fit the type's shape keep the name's score; values that mostly do not
  fit cut it (x0.85 when half fit, x0.6 below): a `ssn` column full of `--` falls from
  0.95 to 0.57, a suggestion a steward looks at, never an automatic acceptance;
- values alone name a type when an identifying rule matches enough of them;
- values that rule the name out (`contradictions.py`: small counts under `credit_cards`,
  flags under `email`, card numbers none of which passes Luhn) cut it below any threshold
  (x0.4): with samples, values decide;
- values that do not bear out an ambiguous word (`ambiguity.py`: a bare `name` over
  product names, a bare `state` over order states) cut it too (x0.6);
- a column type that cannot hold the type (an `email` boolean) cuts the score (x0.3).
Every reason says which evidence moved the score and from what to what.
At or above `accept` a result is accepted, from `suggest` suggested, below it dropped.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from catalog.classification.ambiguity import AMBIGUOUS, borne_out
from catalog.classification.contradictions import contradiction
from catalog.classification.name_detector import NameDetector, NameHit
from catalog.classification.type_families import type_family
from catalog.classification.value_detector import ValueDetector, ValueEvidence

# Bump when detectors or vocabularies change what they decide: a new version re-evaluates
# every automatic decision of older versions (never a steward's).
CLASSIFIER_VERSION = "mesh-classifier/1.1"
ACCEPTED, SUGGESTED, DROPPED = "accepted", "suggested", "dropped"
MAX_VALUE_CHARS = 256
WEAK_VALUES = 0.55  # value-only scores at or below this need a name that is not a key
PARTLY, UNFIT, RULED_OUT, WRONG_TYPE = 0.85, 0.6, 0.4, 0.3  # factors of the name's score


@dataclass(frozen=True)
class Result:
    info_type: str
    score: float
    status: str  # accepted, suggested or dropped
    reasons: tuple[str, ...]
    classifier_version: str
    sampled: bool  # whether values were looked at


def clean_values(values: Iterable[Any]) -> list[str]:
    """Non-empty values as one-line strings; NULLs and blanks are no evidence either way."""
    out: list[str] = []
    append = out.append
    for v in values:
        if v.__class__ is str:
            s = v.strip()
        elif v is None or isinstance(v, bytes | bytearray | memoryview):
            continue
        elif isinstance(v, dt.date | dt.datetime | dt.time):
            s = v.isoformat()
        else:
            s = str(v).strip()
        if not s:
            continue
        if "\n" in s or "\r" in s:
            s = s.replace("\r", " ").replace("\n", " ")
        append(s if len(s) <= MAX_VALUE_CHARS else s[:MAX_VALUE_CHARS])
    return out


class Classifier:
    """Name and value detectors combined; thresholds and version come from settings."""

    def __init__(self, *, accept: float = 0.8, suggest: float = 0.5,
                 version: str = CLASSIFIER_VERSION, names: NameDetector | None = None,
                 values: ValueDetector | None = None):
        if not 0 < suggest <= accept <= 1:
            raise ValueError(f"thresholds must satisfy 0 < suggest <= accept <= 1, "
                             f"got suggest={suggest}, accept={accept}")
        self.accept, self.suggest, self.version = accept, suggest, version
        self.names = names or _shared_names()
        self.values = values or ValueDetector()
        self._name_only = lru_cache(maxsize=200_000)(self._classify_name)

    def status(self, score: float) -> str:
        if score >= self.accept:
            return ACCEPTED
        return SUGGESTED if score >= self.suggest else DROPPED

    def classify(self, name: str, data_type: str | None = None,
                 values: Sequence[Any] | None = None) -> Result | None:
        """The best info type of a column, or None when nothing reaches `suggest`."""
        if values is None:
            return self._name_only(name, type_family(data_type))
        found = self.candidates(name, data_type, values)
        return found[0] if found and found[0].status != DROPPED else None

    def _classify_name(self, name: str, family: str | None) -> Result | None:
        found = self._score(name, family, data_type=family, values=None)
        return found[0] if found and found[0].status != DROPPED else None

    def candidates(self, name: str, data_type: str | None = None,
                   values: Sequence[Any] | None = None) -> list[Result]:
        """Every info type with any evidence, best first (dropped ones included)."""
        return self._score(name, type_family(data_type), data_type, values)

    def _score(self, name: str, family: str | None, data_type: str | None,
               values: Sequence[Any] | None) -> list[Result]:
        hits = {h.info_type: h for h in self.names.detect(name)}
        if values is None and not hits:
            return []
        cleaned = clean_values(values) if values is not None else None
        evidence: dict[str, ValueEvidence] = {}
        if cleaned:
            evidence = self.values.detect(cleaned, interest=hits)
        scored: list[tuple[float, bool, str, list[str]]] = []
        for itype in dict.fromkeys([*hits, *evidence]):
            score, confirmed, reasons = _combine(hits.get(itype), evidence.get(itype))
            if cleaned and itype in hits and not confirmed:
                why = contradiction(itype, cleaned)
                if why:
                    reasons.append(f"values rule it out: {why}: x{RULED_OUT} "
                                   f"({score:.2f} -> {score * RULED_OUT:.2f})")
                    score *= RULED_OUT
                elif hits[itype].score <= AMBIGUOUS and borne_out(
                        itype, cleaned, self.values.vocabulary("us_state"),
                        self.values.vocabulary("status")) is False:
                    reasons.append(f"values do not bear the ambiguous name out: x{UNFIT} "
                                   f"({score:.2f} -> {score * UNFIT:.2f})")
                    score *= UNFIT
            if not self.names.compatible(itype, family):
                reasons.append(f"column type {data_type!r} rarely holds {itype}: "
                               f"x{WRONG_TYPE} ({score:.2f} -> {score * WRONG_TYPE:.2f})")
                score *= WRONG_TYPE
            if cleaned is not None and not cleaned:
                reasons.append("no non-empty values were sampled")
            scored.append((score, confirmed, itype, reasons))
        if not hits and cleaned and self.names.key_like(name):
            # weak value-only evidence on a key or counter column: `order_id` is no zip
            scored = [s for s in scored if s[0] > WEAK_VALUES]
        if any(c for _, c, _, _ in scored):
            # values confirm one type: name-only guesses the values contradict go
            scored = [s for s in scored if s[1] or not _contradicted(evidence.get(s[2]))]
        # ties go to what the name says (a `province` of words that are also family names)
        scored.sort(key=lambda s: (-round(s[0], 6), s[2] not in hits, not s[1]))
        return [Result(itype, round(score, 4), self.status(score), tuple(reasons),
                       self.version, bool(cleaned))
                for score, _, itype, reasons in scored]


def _contradicted(ev: ValueEvidence | None) -> bool:
    return ev is not None and ev.plausible is not None and ev.plausible < 0.5


def _combine(hit: NameHit | None, ev: ValueEvidence | None
             ) -> tuple[float, bool, list[str]]:
    """(score, confirmed by values, reasons) of one info type."""
    reasons = [hit.reason] if hit else []
    if ev is not None and ev.reason:
        reasons.append(ev.reason)
    if hit is None:
        if ev and ev.identified:
            reasons.append(f"values alone: {ev.identified:.2f}")
        return (ev.identified if ev else 0.0), bool(ev and ev.identified), reasons
    n = hit.score
    if ev is None or ev.plausible is None:
        return n, False, reasons
    if ev.identified:
        both = 1 - (1 - n) * (1 - ev.identified)
        reasons.append(f"values confirm the name: {n:.2f} and {ev.identified:.2f} -> "
                       f"{both:.2f}")
        return both, True, reasons
    if ev.plausible >= 0.8:
        return n, False, reasons
    if ev.plausible >= 0.5:
        reasons.append(f"values only partly fit the name: x{PARTLY} "
                       f"({n:.2f} -> {n * PARTLY:.2f})")
        return n * PARTLY, False, reasons
    reasons.append(f"values contradict the name: x{UNFIT} ({n:.2f} -> {n * UNFIT:.2f}), "
                   "not accepted automatically")
    return n * UNFIT, False, reasons


@lru_cache(maxsize=1)
def _shared_names() -> NameDetector:
    return NameDetector()
