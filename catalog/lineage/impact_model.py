"""What an impact analysis answers: the impacted datasets and columns in context, their
groups by domain, data product and owner, the classifications they carry, and the filters
that narrow the report.

The counts, groups and classifications cover the whole result; the datasets and columns are
asked for a page at a time (`Impact.datasets(first, after)`): a hub's result is tens of
thousands of them, and a column's answer object is only built for the page that needs it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from graph.errors import InvalidInput
from graph.labels import split_column_id
from identity.ids import classification_name


@dataclass(slots=True)
class Ref:
    id: str
    name: str | None = None
    role: str | None = None


@dataclass(slots=True)
class ImpactedDataset:
    id: str
    name: str | None
    kind: str | None
    degree: int
    domain: Ref | None
    product: Ref | None
    owners: list[Ref]
    classifications: list[Ref]  # carried by the dataset or any of its columns
    classified_columns: int


@dataclass(slots=True)
class ImpactedColumn:
    id: str
    name: str
    dataset: str
    degree: int
    classifications: list[Ref]


@dataclass
class ImpactGroup:
    """Impacted datasets and columns of one domain, data product or owner (id None: none)."""

    id: str | None
    name: str | None
    datasets: list[str] = field(default_factory=list)
    columns: int = 0
    classified_columns: int = 0


@dataclass
class ClassificationImpact:
    classification: Ref
    columns: list[str]  # impacted columns that carry it
    datasets: list[str]  # impacted datasets that carry it on a column or themselves


@dataclass
class ImpactFilters:
    kinds: list[str] | None = None
    domains: list[str] | None = None  # ids or names
    products: list[str] | None = None  # ids or names
    classifications: list[str] | None = None  # names or ids; "PII" also matches "PII.Email"

    @property
    def empty(self) -> bool:
        """No filter: everything is reported."""
        return (self.kinds is None and self.domains is None and self.products is None
                and self.classifications is None)

    def _matches(self, wanted: list[str] | None, ref: Ref | None) -> bool:
        return wanted is None or (ref is not None and (ref.id in wanted or ref.name in wanted))

    def _classified(self, refs: list[Ref]) -> bool:
        if self.classifications is None:
            return True
        names = [classification_name(c) for c in self.classifications]
        return any(r.name == n or (r.name or "").startswith(n + ".") for r in refs
                   for n in names)

    def _placed(self, d: ImpactedDataset) -> bool:
        return ((self.kinds is None or d.kind in self.kinds)
                and self._matches(self.domains, d.domain)
                and self._matches(self.products, d.product))

    def dataset(self, d: ImpactedDataset) -> bool:
        return self._placed(d) and self._classified(d.classifications)

    def column(self, classifications: list[Ref], d: ImpactedDataset) -> bool:
        """A column (carrying `classifications`) of the dataset `d`."""
        return self._placed(d) and self._classified(classifications)


def page_of(ids: Iterable[str], total: int, first: int | None, after: str | None,
            what: str) -> slice:
    """Where a page lies in an ordered result of `total` items: `first` of them (all when
    None) after the one whose id is `after` (from the start when None)."""
    if first is not None and first < 0:
        raise InvalidInput("first", f"must be at least 0, got {first}")
    start = 0
    if after is not None:
        found = next((n + 1 for n, i in enumerate(ids) if i == after), None)
        if found is None:
            raise InvalidInput("after", f"{after!r} is not an impacted {what} of this "
                                        "analysis (under these filters)")
        start = found
    return slice(start, total if first is None else start + first)


@dataclass
class Impact:
    """The whole result, filtered: counts, groups and classifications over all of it, the
    datasets and columns a page at a time (nearest first: by degree, then id)."""

    root: str
    depth: int
    truncated: bool
    by_domain: list[ImpactGroup]
    by_product: list[ImpactGroup]
    by_owner: list[ImpactGroup]
    classifications: list[ClassificationImpact]
    kept_datasets: list[ImpactedDataset] = field(repr=False)
    kept_columns: list[tuple[str, int]] = field(repr=False)  # (column id, degree)
    column_classes: dict[str, list[Ref]] = field(repr=False)  # of the classified ones

    @property
    def dataset_count(self) -> int:
        return len(self.kept_datasets)

    @property
    def column_count(self) -> int:
        return len(self.kept_columns)

    def datasets(self, first: int | None = None, after: str | None = None
                 ) -> list[ImpactedDataset]:
        """`first` impacted datasets after the one with id `after` (default: all)."""
        return self.kept_datasets[page_of((d.id for d in self.kept_datasets),
                                          self.dataset_count, first, after, "dataset")]

    def columns(self, first: int | None = None, after: str | None = None
                ) -> list[ImpactedColumn]:
        """`first` impacted columns after the one with id `after` (default: all)."""
        cut = page_of((c for c, _ in self.kept_columns), self.column_count, first, after,
                      "column")
        out = []
        for c, d in self.kept_columns[cut]:
            dataset, path = split_column_id(c)
            out.append(ImpactedColumn(c, path, dataset, d, self.column_classes.get(c, [])))
        return out
