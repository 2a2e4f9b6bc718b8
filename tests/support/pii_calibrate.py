"""Calibrating the accept and suggest thresholds on the held-out half of the corpus.

Each column is scored once (its best candidate with score and type); thresholds are then
swept over a 0.05 grid, so a sweep costs nothing. Two ranges come out:
- suggest: the thresholds whose macro-F1 (a prediction is the best type at or above the
  threshold, what a steward is shown) is within 0.005 of the best on the grid;
- accept: from the lowest threshold above which every 0.05-wide band of scores is right at
  least 99% of the time (precision over all types pooled; a band with no column passes) up
  to 1: what is accepted without a steward must be right band by band, not on average.
The settings' defaults must lie inside both ranges (a unit test checks it). On the held-out
half the suggest range is 0.40-0.60 (below it, the bare ambiguous words that values do not
bear out come back; above it, 0.6 suggestions are lost) and 0.5 sits in its middle; accept
may go down to 0.65, but 0.8 is kept: the corpus has few columns scoring 0.65-0.8 (a bare
`mail`, value-only names), so that is where it knows least, and an automatic acceptance
is what no steward looks at.
"""

from __future__ import annotations

from dataclasses import dataclass

from catalog.classification.combine import Classifier
from tests.support.pii_eval import Case, column_name, evaluate

GRID = [round(0.05 * k, 2) for k in range(1, 20)]  # 0.05 .. 0.95
ACCEPT_PRECISION = 0.99
F1_SLACK = 0.005


@dataclass(frozen=True)
class Scored:
    case: Case
    info_type: str | None
    score: float


def score_all(cases: list[Case], clf: Classifier) -> list[Scored]:
    out = []
    for case in cases:
        found = clf.candidates(column_name(case), case.data_type, case.values)
        best = found[0] if found else None
        out.append(Scored(case, best.info_type if best else None, best.score if best else 0))
    return out


def macro_f1_at(scored: list[Scored], suggest: float) -> float:
    by_case = {id(s.case): s for s in scored}

    def predict(case: Case) -> str | None:
        s = by_case[id(case)]
        return s.info_type if s.score >= suggest else None
    return evaluate([s.case for s in scored], predict).macro_f1


def accepted_precision(scored: list[Scored], lo: float, hi: float = 2.0
                       ) -> tuple[float, int]:
    """Precision (and count) of the predictions scoring in [lo, hi)."""
    taken = [s for s in scored if s.info_type and lo <= s.score < hi]
    right = sum(1 for s in taken if s.case.expected and s.info_type in s.case.expected)
    return (right / len(taken) if taken else 1.0), len(taken)


@dataclass(frozen=True)
class Calibration:
    suggest: tuple[float, float]  # lowest and highest F1-optimal suggest threshold
    accept: tuple[float, float]  # lowest safe accept threshold, and 1
    f1_by_suggest: dict[float, float]
    precision_by_accept: dict[float, tuple[float, int]]

    def admits(self, suggest: float, accept: float) -> bool:
        """Whether thresholds lie inside the calibrated ranges."""
        return (self.suggest[0] <= suggest <= self.suggest[1] + 0.025
                and accept >= self.accept[0] - 1e-9 and accept > suggest)


def calibrate(cases: list[Case], clf: Classifier | None = None) -> Calibration:
    scored = score_all(cases, clf or Classifier())
    f1 = {t: macro_f1_at(scored, t) for t in GRID}
    best = max(f1.values())
    plateau = [t for t in GRID if f1[t] >= best - F1_SLACK]
    prec = {t: accepted_precision(scored, t) for t in GRID}
    band = {t: accepted_precision(scored, t, t + 0.05)[0] >= ACCEPT_PRECISION for t in GRID}
    accept = next((t for t in GRID if all(band[u] for u in GRID if u >= t)), 1.0)
    return Calibration((plateau[0], plateau[-1]), (accept, 1.0), f1, prec)


def format_calibration(c: Calibration) -> str:
    lines = ["threshold  macro-F1 (as suggest)  precision at or above (n)"]
    for t in GRID:
        p, n = c.precision_by_accept[t]
        lines.append(f"  {t:4.2f}     {c.f1_by_suggest[t]:.3f}              {p:.3f} ({n})")
    lines.append(f"calibrated: suggest in [{c.suggest[0]:.2f}, {c.suggest[1]:.2f}] (macro-F1 "
                 f"within {F1_SLACK} of the best), accept from {c.accept[0]:.2f} (every band "
                 f"above >= {ACCEPT_PRECISION:.0%} right)")
    return "\n".join(lines)
