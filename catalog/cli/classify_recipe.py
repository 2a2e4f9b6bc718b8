"""Classify with sampled values: run a database recipe whose ingestor hands samples over.

Samples are classified as each table's arrive (only the verdicts are kept, never the
values); the verdicts are written once the harvest has committed the columns they are on.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import Any

from catalog.classification.service import ClassificationService, RunSummary


class RecipeNotSampling(ValueError):
    pass


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
    by_dataset: dict[str, list] = {}

    def on_samples(samples) -> None:
        for s, verdict in zip(samples, svc.verdicts_for_samples(samples), strict=True):
            by_dataset.setdefault(s.dataset_id, []).append(verdict)

    ingest = run_recipe(loaded, svc.store, on_samples=on_samples, progress=progress)
    for warning in ingest.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    if datasets or domain:
        wanted = set(svc.resolve(list(datasets), domain))
        by_dataset = {k: v for k, v in by_dataset.items() if k in wanted}
    verdicts = [v for group in by_dataset.values() for v in group]
    summary = RunSummary(datasets=len(by_dataset))
    return svc.apply(verdicts, force=force, summary=summary, propagate=propagate)
