"""Classification service: classify columns (by name from the graph, or with sampled
values from the database ingestor), apply the decision rules, write, then propagate.

No Cypher and no HTTP: graph/classification.py does the store work, the API and the CLI
call this.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from catalog.classification.combine import DROPPED, Classifier
from catalog.classification.decisions import (
    SOURCE_CLASSIFIER,
    Plan,
    Verdict,
    plan_subject,
)
from catalog.classification.nodes import classification_rows
from catalog.classification.propagation import Propagator
from catalog.settings import Settings
from graph import GraphStore, Label, Rel
from graph import classification as gc
from graph.errors import InvalidInput, NotFound
from graph.labels import label_of
from graph.tx import StoreTx
from identity.ids import as_domain_id, classification_name

log = logging.getLogger(__name__)
BATCH = 500  # columns per transaction


class Sample(Protocol):
    """What the database ingestor hands over per column (its ColumnSample)."""

    dataset_id: str
    column_id: str
    column: str
    type: str | None
    values: Sequence[Any]


@dataclass
class RunSummary:
    datasets: int = 0
    columns: int = 0
    counts: dict[str, int] = field(default_factory=dict)
    propagation: dict[str, int] | None = None

    def add(self, plan_counts: dict[str, int]) -> None:
        for k, v in plan_counts.items():
            self.counts[k] = self.counts.get(k, 0) + v


def classifier_from(settings: Settings) -> Classifier:
    return Classifier(accept=settings.classification_accept,
                      suggest=settings.classification_suggest)


class ClassificationService:
    def __init__(self, store: GraphStore, settings: Settings | None = None, *,
                 classifier: Classifier | None = None):
        self.store = store
        self.settings = settings or Settings()
        self.classifier = classifier or classifier_from(self.settings)

    # -- what to classify ----------------------------------------------------------------
    def resolve(self, ids: Sequence[str] = (), domain: str | None = None,
                everything: bool = False) -> list[str]:
        """Dataset ids by id, by domain, or all open ones; unknown ids are refused."""
        if sum(bool(x) for x in (ids, domain, everything)) != 1:
            raise InvalidInput("datasets", "give dataset ids, a domain, or all (one of them)")
        if everything:
            return gc.dataset_ids(self.store)
        if domain is not None:
            dom = as_domain_id(domain)
            self.store.get_node(dom)
            return gc.dataset_ids(self.store, dom)
        for i, ds in enumerate(ids):
            if label_of(ds) is not Label.DATASET:
                raise InvalidInput(f"datasets[{i}]", f"{ds!r} is not a dataset id")
        found = self.store.get_nodes(ids)
        missing = [d for d in ids if d not in found]
        if missing:
            raise NotFound(missing[0])
        return list(dict.fromkeys(ids))

    # -- verdicts ------------------------------------------------------------------------
    def _verdict(self, subject: str, name: str, data_type: str | None,
                 values: Sequence[Any] | None) -> Verdict:
        if values is None:
            best = self.classifier.classify(name, data_type)
            return Verdict(subject, [best] if best else [], False)
        found = [r for r in self.classifier.candidates(name, data_type, values)
                 if r.status != DROPPED]
        return Verdict(subject, found, any(r.sampled for r in found) if found else bool(values))

    def verdicts_for_samples(self, samples: Iterable[Sample]) -> list[Verdict]:
        """Classify sampled columns now; the values are dropped once looked at."""
        return [self._verdict(s.column_id, s.column, s.type, s.values) for s in samples]

    # -- runs ----------------------------------------------------------------------------
    def classify_datasets(self, dataset_ids: Sequence[str], *, force: bool = False,
                          propagate: bool = True,
                          progress: Callable[[int], None] | None = None) -> RunSummary:
        """Name-only classification of datasets already in the graph."""
        summary = RunSummary(datasets=len(dataset_ids))
        for k in range(0, len(dataset_ids), 50):
            part = dataset_ids[k:k + 50]
            cols = gc.columns_of(self.store, part)
            verdicts = [self._verdict(c["column_id"], c["name"] or c["column_id"], c["type"],
                                      None) for c in cols]
            self.apply(verdicts, force=force, summary=summary, propagate=False)
            if progress:
                progress(len(part))
        if propagate:
            summary.propagation = self.propagate()
        return summary

    def apply(self, verdicts: Sequence[Verdict], *, force: bool = False,
              summary: RunSummary | None = None, propagate: bool = True) -> RunSummary:
        """Write verdicts under the decision rules, BATCH subjects per transaction."""
        summary = summary or RunSummary()
        for k in range(0, len(verdicts), BATCH):
            part = verdicts[k:k + BATCH]
            counts = self.store.write(lambda tx, part=part: self._apply_batch(tx, part, force))
            summary.columns += len(part)
            summary.add(counts)
        if propagate:
            summary.propagation = self.propagate()
        return summary

    def _apply_batch(self, tx: StoreTx, verdicts: Sequence[Verdict], force: bool
                     ) -> dict[str, int]:
        existing = gc.edges_of(tx.run, [v.subject for v in verdicts])
        plan = Plan()
        for v in verdicts:
            plan.extend(plan_subject(existing.get(v.subject, {}), v,
                                     version=self.classifier.version, now=tx.now,
                                     force=force))
        names = {classification_name(r["dst"]) for r in plan.upserts}
        gc.ensure_nodes(tx, Label.CLASSIFICATION, classification_rows(names),
                        source=SOURCE_CLASSIFIER)
        gc.write_edges(tx, plan.upserts, source=SOURCE_CLASSIFIER)
        if plan.closes:
            gc.close_edges(tx, Rel.CLASSIFIED_AS, Label.CLASSIFICATION, plan.closes)
        return plan.counts

    def propagate(self) -> dict[str, int]:
        return Propagator(self.store, self.settings).run()
