"""Impacted datasets in context: what the graph says about them (read in bulk, side by side)
and where that puts each one: its data product, domain, owners (the dataset's own, else its
product's, else its domain's) and the classifications it and its columns carry."""

from __future__ import annotations

from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field

from catalog.lineage.impact_model import ImpactedDataset, Ref
from graph import impact as gimpact
from graph.store import GraphStore

PARTS = 3  # the facts of many datasets are read in this many parts side by side
PART_FROM = 1500  # from this many datasets on


@dataclass
class Reads:
    """The reads of one set of datasets under way."""

    facts: list[Future[dict[str, gimpact.DatasetFacts]]]
    products: Future[dict[str, gimpact.ProductFacts]] | None
    columns: Future[dict[str, dict[str, dict[str, str]]]] | None


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

    def read(self, store: GraphStore, pool: ThreadPoolExecutor, ids: list[str]) -> Reads:
        """The reads of `ids`, side by side while the caller goes on with its walk (`merge`
        takes their results): the datasets' facts, in parts when there are many (the engine
        answers each on its own thread: 6,200 datasets came 1.4 times sooner in two parts
        and 1.6 in three, medians on two busy cores), then the products not known yet, and
        the classified columns."""
        if not ids:
            return Reads([], None, None)
        size = -(-len(ids) // PARTS) if len(ids) >= PART_FROM else len(ids)
        facts = [pool.submit(gimpact.datasets, store, ids[n:n + size])
                 for n in range(0, len(ids), size)]
        known = set(self.products)

        def products() -> dict[str, gimpact.ProductFacts]:
            # submitted after the facts: those have a worker by the time this one waits
            wanted = {f.product for part in facts for f in part.result().values()
                      if f.product} - known
            return gimpact.products(store, sorted(wanted))

        return Reads(facts, pool.submit(products),
                     pool.submit(gimpact.classified_columns, store, ids))

    def merge(self, reads: Reads) -> None:
        for part in reads.facts:
            self.facts.update(part.result())
        if reads.products is not None and reads.columns is not None:
            self.products.update(reads.products.result())
            self.columns.update(reads.columns.result())

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
