"""A few live rows of a dataset, read from its preview source; never stored."""

from __future__ import annotations

import strawberry

from catalog.api.graphql.types.sample_column import SampleColumn
from catalog.preview.models import DatasetSample as Model

MASKING = ("letters become x (X upper case), digits 9; punctuation and spaces stay: "
           "the format shows, the value does not")


@strawberry.type(description="Live sample rows of a dataset's harvested columns, read on "
                             "demand from its preview source and never stored; values of "
                             "PII columns masked.")
class DatasetSample:
    dataset_id: strawberry.ID
    source: str = strawberry.field(description="The preview source read (never its "
                                               "password).")
    columns: list[SampleColumn]
    rows: list[list[str | None]] = strawberry.field(description="Values as text, in "
                                                    "`columns` order; NULL and binary "
                                                    "values are null.")
    masking: str = strawberry.field(description="How masked values were masked.")

    @classmethod
    def of(cls, s: Model) -> DatasetSample:
        return cls(dataset_id=strawberry.ID(s.dataset_id), source=s.source,
                   columns=[SampleColumn.of(c) for c in s.columns],
                   rows=[list(r) for r in s.rows], masking=MASKING)
