"""Classify with sampled values: run a database recipe whose ingestor hands samples over.

Samples are classified as each table's arrive (only the verdicts are kept, never the
values); the verdicts are written once the harvest has committed the columns they are on.
`catalog ingest` does this for a recipe with `classification.enabled`; `catalog classify
recipe.yaml` does it with sampling switched on whatever the recipe says.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import Any

from catalog.classification.service import ClassificationService, RunSummary


class RecipeNotSampling(ValueError):
    pass


def samples_wanted(loaded: Any) -> bool:
    """Whether a loaded recipe asks for its values to be sampled and classified."""
    options = getattr(loaded.config, "classification", None)
    return bool(options is not None and options.enabled)


class SampledVerdicts:
    """The `on_samples` callback of a harvest: verdicts per dataset as samples arrive (the
    values are dropped at once), written by `apply` after the harvest has committed."""

    def __init__(self, svc: ClassificationService):
        self.svc = svc
        self.by_dataset: dict[str, list] = {}

    def __call__(self, samples) -> None:
        for s, verdict in zip(samples, self.svc.verdicts_for_samples(samples), strict=True):
            self.by_dataset.setdefault(s.dataset_id, []).append(verdict)

    def apply(self, *, force: bool = False, propagate: bool = True,
              datasets: Sequence[str] = (), domain: str | None = None) -> RunSummary:
        """Write the verdicts (of `datasets` or `domain` only, when given) and propagate."""
        by_dataset = self.by_dataset
        if datasets or domain:
            wanted = set(self.svc.resolve(list(datasets), domain))
            by_dataset = {k: v for k, v in by_dataset.items() if k in wanted}
        verdicts = [v for group in by_dataset.values() for v in group]
        return self.svc.apply(verdicts, force=force, summary=RunSummary(datasets=len(by_dataset)),
                              propagate=propagate)


def classify_recipe(svc: ClassificationService, path: str, *, force: bool = False,
                    sample_size: int | None = None, propagate: bool = True,
                    progress: Any = None, datasets: Sequence[str] = (),
                    domain: str | None = None) -> RunSummary:
    """Harvest the recipe with sampling on, then write the verdicts; `datasets` or `domain`
    narrow which harvested datasets get classified (default: all of them)."""
    try:
        from ingestors.recipe import load_recipe
        from ingestors.runner import run_recipe
    except ImportError as exc:  # the database ingestor is not part of this build
        raise RecipeNotSampling(f"no database ingestor to sample with: {exc}") from None
    loaded = load_recipe(path)
    options = getattr(loaded.config, "classification", None)
    if options is None:
        raise RecipeNotSampling(f"{path}: a {loaded.recipe.source.type} source does not "
                                "sample values; use a database recipe")
    update = {"enabled": True}
    if sample_size is not None:
        update["sample_size"] = sample_size
    loaded.config = loaded.config.model_copy(
        update={"classification": options.model_copy(update=update)})
    verdicts = SampledVerdicts(svc)
    ingest = run_recipe(loaded, svc.store, on_samples=verdicts, progress=progress)
    for warning in ingest.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    return verdicts.apply(force=force, propagate=propagate, datasets=datasets, domain=domain)
