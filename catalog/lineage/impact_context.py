"""Impacted datasets in context: what the graph says about them (read in bulk, side by side)
and where that puts each one: its data product, domain, owners (the dataset's own, else its
product's, else its domain's) and the classifications it and its columns carry."""

from __future__ import annotations

from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

from catalog.lineage.impact_model import ImpactedDataset, Ref
from graph import impact as gimpact
from graph.store import GraphStore


def _refs(found: dict[str, str | None]) -> list[Ref]:
    return [Ref(cid, name) for cid, name in sorted(found.items())]


def _owners(rows: list[gimpact.Owner]) -> list[Ref]:
    return [Ref(*o) for o in rows]


@dataclass
class Context:
    """What the graph says about sets of datasets (merged across sets)."""

    facts: dict[str, gimpact.DatasetFacts] = field(default_factory=dict)
    products: dict[str, gimpact.ProductFacts] = field(default_factory=dict)
    columns: dict[str, dict[str, dict[str, str]]] = field(default_factory=dict)

    def read(self, store: GraphStore, pool: ThreadPoolExecutor, ids: list[str]
             ) -> list[Future[Any]]:
        """The reads of `ids`, side by side (`merge` takes their results): the datasets'
        facts and then their products not known yet (one worker, while the caller goes on
        with its walk), and their classified columns."""
        if not ids:
            return []
        known = set(self.products)

        def facts_and_products() -> tuple[dict[str, gimpact.DatasetFacts],
                                          dict[str, gimpact.ProductFacts]]:
            facts = gimpact.datasets(store, ids)
            wanted = {f.product for f in facts.values() if f.product} - known
            return facts, gimpact.products(store, sorted(wanted))

        return [pool.submit(facts_and_products),
                pool.submit(gimpact.classified_columns, store, ids)]

    def merge(self, reads: list[Future[Any]]) -> None:
        if reads:
            (facts, products), columns = (f.result() for f in reads)
            self.facts.update(facts)
            self.products.update(products)
            self.columns.update(columns)

    def place(self, degrees: dict[str, int]) -> dict[str, ImpactedDataset]:
        """Each dataset of `degrees` (id -> degree) in its context."""
        # per product, once: its ref, its domain's, and the owners a dataset falls back to
        placed: dict[str, tuple[Ref, Ref | None, list[Ref]]] = {}
        for pid, p in self.products.items():
            placed[pid] = (Ref(pid, p.name),
                           Ref(p.domain, p.domain_name) if p.domain else None,
                           _owners(p.owners or p.domain_owners))
        out: dict[str, ImpactedDataset] = {}
        for i, degree in degrees.items():
            f = self.facts.get(i)
            if f is None:  # gone since the walk
                out[i] = ImpactedDataset(i, None, None, degree, None, None, [], [], 0)
                continue
            product, domain, fallback = placed.get(f.product or "", (None, None, []))
            if f.product and product is None:  # a product without its node: still named
                product = Ref(f.product)
            cols = self.columns.get(i, {})
            carried = f.classes
            if cols:
                carried = dict(carried)
                for found in cols.values():
                    carried.update(found)
            out[i] = ImpactedDataset(
                id=i, name=f.name, kind=f.kind, degree=degree, domain=domain, product=product,
                owners=_owners(f.owners) or list(fallback),
                classifications=_refs(carried) if carried else [],
                classified_columns=len(cols))
        return out

    def column_refs(self, column_id: str, dataset_id: str) -> list[Ref]:
        """The classifications a column of `dataset_id` carries."""
        of_dataset = self.columns.get(dataset_id)
        found = of_dataset.get(column_id) if of_dataset else None
        return _refs(found) if found else []
