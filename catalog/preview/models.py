"""What a preview answers: a few live rows of a dataset's harvested columns, masked where
a column is classified as PII. Nothing of it is stored."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class SampleColumn:
    name: str
    type: str | None
    masked: bool
    classifications: list[str] = field(default_factory=list)  # open, not rejected


@dataclass(frozen=True)
class DatasetSample:
    dataset_id: str
    source: str                        # the preview source's label (no password)
    columns: list[SampleColumn]
    rows: list[list[str | None]]       # values as text, in `columns` order
