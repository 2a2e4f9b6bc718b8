"""An impact's groups (by domain, data product and owner) and the classifications its
columns and datasets carry, over the whole result: a client pages through the datasets, but
the counts it shows beside them are of everything."""

from __future__ import annotations

from catalog.lineage.impact_model import ClassificationImpact, ImpactedDataset, ImpactGroup, Ref

KINDS = ("by_domain", "by_product", "by_owner")


def _refs_of(d: ImpactedDataset) -> tuple[list[Ref | None], ...]:
    return [d.domain], [d.product], list(d.owners) or [None]


def groups(datasets: list[ImpactedDataset],
           columns: list[tuple[ImpactedDataset, int, int]]) -> dict[str, list[ImpactGroup]]:
    """`datasets`, and the columns counted per dataset (the dataset, how many columns, how
    many classified: a hub reaches tens of thousands of columns), by the domain, data
    product and owners of their datasets; each kind sorted by id, none last."""
    keyed: dict[str, dict[str | None, ImpactGroup]] = {k: {} for k in KINDS}

    def group(kind: str, ref: Ref | None) -> ImpactGroup:
        key = ref.id if ref else None
        found = keyed[kind].get(key)
        if found is None:
            found = keyed[kind][key] = ImpactGroup(key, ref.name if ref else None)
        return found

    for d in datasets:
        for kind, refs in zip(KINDS, _refs_of(d), strict=True):
            for ref in refs:
                group(kind, ref).datasets.append(d.id)
    for d, count, classified in columns:
        for kind, refs in zip(KINDS, _refs_of(d), strict=True):
            for ref in refs:
                g = group(kind, ref)
                g.columns += count
                g.classified_columns += classified
    return {kind: sorted(found.values(), key=lambda g: (g.id is None, g.id or ""))
            for kind, found in keyed.items()}


def by_classification(datasets: list[ImpactedDataset],
                      columns: list[tuple[str, list[Ref]]]) -> list[ClassificationImpact]:
    """Each classification with the impacted columns (id, its classifications; in answer
    order) and datasets that carry it."""
    out: dict[str, ClassificationImpact] = {}

    def entry(ref: Ref) -> ClassificationImpact:
        found = out.get(ref.id)
        if found is None:
            found = out[ref.id] = ClassificationImpact(ref, [], [])
        return found

    for c, refs in columns:
        for ref in refs:
            entry(ref).columns.append(c)
    for d in datasets:
        for ref in d.classifications:
            entry(ref).datasets.append(d.id)
    return [out[k] for k in sorted(out)]
