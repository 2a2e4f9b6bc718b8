"""Classify with sampled values: run a database recipe whose ingestor hands samples over.

Samples are classified as each table's arrive (only the verdicts are kept, never the
values); the verdicts are written once the harvest has committed the columns they are on.
"""

from __future__ import annotations

import sys
from typing import Any

from catalog.classification.service import ClassificationService, RunSummary


class RecipeNotSampling(ValueError):
    pass


def classify_recipe(svc: ClassificationService, path: str, *, force: bool = False,
                    sample_size: int | None = None, propagate: bool = True,
                    progress: Any = None) -> RunSummary:
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
    verdicts = []
    datasets: set[str] = set()

    def on_samples(samples) -> None:
        datasets.update(s.dataset_id for s in samples)
        verdicts.extend(svc.verdicts_for_samples(samples))

    ingest = run_recipe(loaded, svc.store, on_samples=on_samples, progress=progress)
    for warning in ingest.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    summary = RunSummary(datasets=len(datasets))
    return svc.apply(verdicts, force=force, summary=summary, propagate=propagate)
