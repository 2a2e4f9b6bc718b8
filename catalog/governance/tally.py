"""Column results kept per dataset, so that a write touching a few datasets' columns
evaluates those columns again and no others (a catalog holds ten or more columns a dataset:
at a million datasets a full pass builds ten million views).

A `Tally` holds, per dataset, its columns' domain, how many columns it has and how many of
them each column policy applied to. The totals a report shows (`checked`, `subjects`) are
then corrected by the difference, and the findings of the datasets evaluated again replace
theirs (catalog/governance/evaluate.py)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from graph.labels import split_column_id


@dataclass
class Tally:
    domains: dict[str, str | None] = field(default_factory=dict)
    counts: dict[str, list[int]] = field(default_factory=dict)  # [columns, applied per policy]

    @classmethod
    def of(cls, views: list[dict[str, Any]], applied: list[list[dict[str, Any]]]) -> Tally:
        """From the column views and, per policy in order, the views it applied to."""
        out = cls()
        for v in views:
            counts = out.counts.get(v["dataset"])
            if counts is None:
                counts = out.counts[v["dataset"]] = [0] * (len(applied) + 1)
                out.domains[v["dataset"]] = v["domain"]
            counts[0] += 1
        for i, views_i in enumerate(applied, 1):
            for v in views_i:
                out.counts[v["dataset"]][i] += 1
        return out

    def replaced(self, datasets: Iterable[str], fresh: Tally, policies: list[str],
                 checked: dict[str, dict[str, int]]) -> tuple[Tally, int]:
        """A copy with `datasets` counted as in `fresh`; `checked` (policy key -> domain ->
        subjects, of the old tally) is corrected in place; returns the copy and the change
        in the number of columns."""
        out = Tally(dict(self.domains), dict(self.counts))
        delta = 0
        for sign, source in ((-1, out), (1, fresh)):
            for d in datasets:
                counts = source.counts.get(d)
                if counts is None:
                    continue
                domain = source.domains.get(d) or ""
                delta += sign * counts[0]
                for k, n in zip(policies, counts[1:], strict=True):
                    per = checked.setdefault(k, {})
                    per[domain] = per.get(domain, 0) + sign * n
                    if not per[domain]:
                        del per[domain]
            if sign < 0:
                for d in datasets:
                    out.counts.pop(d, None)
                    out.domains.pop(d, None)
        for d, counts in fresh.counts.items():
            out.counts[d], out.domains[d] = counts, fresh.domains[d]
        return out, delta


def of_dataset(subject_id: str) -> str:
    """The dataset of a column finding's subject, or of an error line (`<id>: ...`)."""
    return split_column_id(subject_id.split(": ", 1)[0])[0]
