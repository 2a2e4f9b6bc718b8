"""What a classifier run or a propagation did, for the mutations that start them."""

from __future__ import annotations

import strawberry

from catalog.classification.service import RunSummary


@strawberry.type(description="What re-computing propagation along column lineage changed.")
class PropagationRun:
    propagated: int = strawberry.field(description="Classifications written or re-pathed.")
    unchanged: int
    closed: int = strawberry.field(description="Propagated classifications whose path is gone.")
    kept: int = strawberry.field(description="Reached columns left alone: a steward's "
                                             "decision or the classifier's acceptance.")

    @classmethod
    def of(cls, counts: dict[str, int] | None) -> PropagationRun:
        counts = counts or {}
        return cls(propagated=counts.get("propagated", 0), unchanged=counts.get("unchanged", 0),
                   closed=counts.get("closed", 0), kept=counts.get("kept", 0))


@strawberry.type(description="What a classifier run decided.")
class ClassificationRun:
    datasets: int
    columns: int
    accepted: int
    suggested: int
    closed: int = strawberry.field(description="Automatic classifications whose evidence "
                                               "is gone.")
    kept_human: int = strawberry.field(description="Found again where a steward had "
                                                   "decided: left as the steward decided.")
    kept_rejected: int = strawberry.field(description="Rejected by a steward: not "
                                                      "suggested again.")
    classifier_version: str
    propagation: PropagationRun | None

    @classmethod
    def of(cls, s: RunSummary, version: str) -> ClassificationRun:
        c = s.counts
        return cls(datasets=s.datasets, columns=s.columns, accepted=c.get("accepted", 0),
                   suggested=c.get("suggested", 0), closed=c.get("closed", 0),
                   kept_human=c.get("kept_human", 0), kept_rejected=c.get("kept_rejected", 0),
                   classifier_version=version,
                   propagation=PropagationRun.of(s.propagation) if s.propagation else None)
