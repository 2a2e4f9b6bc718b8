"""A column of a dataset's live sample."""

from __future__ import annotations

import strawberry

from catalog.preview.models import SampleColumn as Model


@strawberry.type(description="A harvested column in a live sample: masked when it carries "
                             "a PII classification that no steward rejected.")
class SampleColumn:
    name: str
    type: str | None
    masked: bool
    classifications: list[str]

    @classmethod
    def of(cls, c: Model) -> SampleColumn:
        return cls(name=c.name, type=c.type, masked=c.masked,
                   classifications=list(c.classifications))
