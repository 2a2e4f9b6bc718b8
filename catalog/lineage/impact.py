"""Impact analysis: everything downstream of a dataset or a column, in context.

From a dataset: the datasets its table lineage reaches, and the columns the column lineage
of its columns reaches. From a column: the columns its column lineage reaches and their
datasets. Each impacted dataset is put in its data product, domain and owners (the
dataset's own owners, else its product's, else its domain's), and each column with the
classifications it carries (accepted or propagated; suggested and rejected ones do not count).
"""

from __future__ import annotations

from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

from catalog.lineage.answer import starts_of
from catalog.lineage.model import Level
from catalog.lineage.traverse import Walk, walk
from graph import impact as gimpact
from graph.labels import Label, label_of
from graph.lineage import CURRENT
from graph.store import GraphStore
from identity.ids import classification_name


def dataset_of(column_id: str) -> str:
    return column_id.partition("#")[0]


@dataclass
class Ref:
    id: str
    name: str | None = None
    role: str | None = None


@dataclass
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


@dataclass
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

    def _matches(self, wanted: list[str] | None, ref: Ref | None) -> bool:
        return wanted is None or (ref is not None and (ref.id in wanted or ref.name in wanted))

    def _classified(self, refs: list[Ref]) -> bool:
        if self.classifications is None:
            return True
        names = [classification_name(c) for c in self.classifications]
        return any(r.name == n or (r.name or "").startswith(n + ".") for r in refs
                   for n in names)

    def dataset(self, d: ImpactedDataset) -> bool:
        return ((self.kinds is None or d.kind in self.kinds)
                and self._matches(self.domains, d.domain)
                and self._matches(self.products, d.product)
                and self._classified(d.classifications))

    def column(self, c: ImpactedColumn, d: ImpactedDataset) -> bool:
        return ((self.kinds is None or d.kind in self.kinds)
                and self._matches(self.domains, d.domain)
                and self._matches(self.products, d.product)
                and self._classified(c.classifications))


@dataclass
class Impact:
    root: str
    depth: int
    truncated: bool
    datasets: list[ImpactedDataset]
    columns: list[ImpactedColumn]
    by_domain: list[ImpactGroup]
    by_product: list[ImpactGroup]
    by_owner: list[ImpactGroup]
    classifications: list[ClassificationImpact]


def _refs(found: dict[str, str]) -> list[Ref]:
    return [Ref(cid, name) for cid, name in sorted(found.items())]


@dataclass
class _Context:
    """What puts datasets in context, read for a set of datasets (merged across sets)."""

    datasets: dict[str, dict[str, Any]] = field(default_factory=dict)
    owners: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    classes: dict[str, dict[str, str]] = field(default_factory=dict)
    columns: dict[str, dict[str, dict[str, str]]] = field(default_factory=dict)

    @staticmethod
    def read(store: GraphStore, pool: ThreadPoolExecutor, ids: list[str]
             ) -> list[Future[Any]]:
        """The four reads of `ids`, side by side (`merge` takes their results)."""
        if not ids:
            return []
        return [pool.submit(gimpact.dataset_context, store, ids),
                pool.submit(gimpact.owners, store, Label.DATASET, ids),
                pool.submit(gimpact.classifications, store, Label.DATASET, ids),
                pool.submit(gimpact.classified_columns, store, ids)]

    def merge(self, reads: list[Future[Any]]) -> None:
        if reads:
            for mine, found in zip((self.datasets, self.owners, self.classes, self.columns),
                                   (f.result() for f in reads), strict=True):
                mine.update(found)


def analyse(store: GraphStore, root: str, *, depth: int, cap: int,
            filters: ImpactFilters | None = None) -> Impact:
    filters = filters or ImpactFilters()
    is_dataset = label_of(root) is Label.DATASET
    ds_degree: dict[str, int] = {}
    col_degree: dict[str, int] = {}
    truncated = False

    def table_walk(pool: ThreadPoolExecutor) -> tuple[Walk, list[str], list[Future[Any]]]:
        """The table walk, then at once the context of the datasets it found (most of
        them), read while the column walk goes on."""
        w = walk(store, [root], column_level=False, downstream=True, depth=depth, cap=cap,
                 edges=False)
        found = sorted(n for n, d in w.degree.items() if d > 0)
        return w, found, _Context.read(store, pool, found)

    # the table walk and the column walk are independent: run them side by side (the
    # engine answers on several threads; each walk waits on its own round trips)
    ctx = _Context()
    with ThreadPoolExecutor(max_workers=6) as pool:
        table = pool.submit(table_walk, pool) if is_dataset else None
        cw = walk(store, starts_of(store, root, Level.COLUMN, CURRENT), column_level=True,
                  downstream=True, depth=depth, cap=cap, edges=False)
        early: list[str] = []
        if table is not None:
            w, early, reads = table.result()
            ds_degree = {n: d for n, d in w.degree.items() if d > 0}
            truncated = w.truncated
            ctx.merge(reads)
        truncated = truncated or cw.truncated
        for node, d in cw.degree.items():
            if d == 0:
                continue
            if label_of(node) is Label.COLUMN:
                col_degree[node] = d
                node = dataset_of(node)
            if node != root:
                ds_degree[node] = min(ds_degree.get(node, d), d)
        ds_ids = sorted(ds_degree, key=lambda i: (ds_degree[i], i))
        # the datasets only the column walk found (and the root's, for its columns)
        late = sorted((set(ds_ids) | {dataset_of(c) for c in col_degree}) - set(early))
        ctx.merge(_Context.read(store, pool, late))
        owners = _owners(store, pool, ds_ids, ctx.datasets, ctx.owners)
    col_classes, ds_classes = ctx.columns, ctx.classes
    ctx_of = ctx.datasets

    datasets: dict[str, ImpactedDataset] = {}
    for i in ds_ids:
        c = ctx_of.get(i, {})
        carried = dict(ds_classes.get(i, {}))
        for found in col_classes.get(i, {}).values():
            carried.update(found)
        datasets[i] = ImpactedDataset(
            id=i, name=c.get("name"), kind=c.get("kind"), degree=ds_degree[i],
            domain=Ref(c["domain"], c.get("domain_name")) if c.get("domain") else None,
            product=Ref(c["product"], c.get("product_name")) if c.get("product") else None,
            owners=owners.get(i, []), classifications=_refs(carried),
            classified_columns=len(col_classes.get(i, {})))
    columns = [ImpactedColumn(id=c, name=c.partition("#")[2], dataset=dataset_of(c),
                              degree=d, classifications=_refs(
                                  col_classes.get(dataset_of(c), {}).get(c, {})))
               for c, d in sorted(col_degree.items(), key=lambda kv: (kv[1], kv[0]))]

    kept_ds = [d for d in datasets.values() if filters.dataset(d)]
    kept_cols = [c for c in columns if filters.column(c, datasets[c.dataset])]
    return Impact(root=root, depth=depth, truncated=truncated, datasets=kept_ds,
                  columns=kept_cols, **_groups(kept_ds, kept_cols, datasets),
                  classifications=_by_classification(kept_ds, kept_cols))


def _owners(store: GraphStore, pool: ThreadPoolExecutor, ds_ids: list[str],
            ctx: dict[str, dict[str, Any]], own: dict[str, list[dict[str, Any]]]
            ) -> dict[str, list[Ref]]:
    """A dataset's owners; without any, its product's; without those, its domain's."""
    products = sorted({c["product"] for c in ctx.values() if c.get("product")})
    domains = sorted({c["domain"] for c in ctx.values() if c.get("domain")})
    p_own_f = pool.submit(gimpact.owners, store, Label.DATA_PRODUCT, products)
    d_own = gimpact.owners(store, Label.DOMAIN, domains)
    p_own = p_own_f.result()
    out: dict[str, list[Ref]] = {}
    for i in ds_ids:
        c = ctx.get(i, {})
        rows = own.get(i) or p_own.get(c.get("product")) or d_own.get(c.get("domain")) or []
        out[i] = [Ref(r["owner"], r.get("name"), r.get("role")) for r in rows]
    return out


def _groups(datasets: list[ImpactedDataset], columns: list[ImpactedColumn],
            all_datasets: dict[str, ImpactedDataset]) -> dict[str, list[ImpactGroup]]:
    keyed: dict[str, dict[str | None, ImpactGroup]] = {
        "by_domain": {}, "by_product": {}, "by_owner": {}}

    def refs_of(d: ImpactedDataset) -> dict[str, list[Ref | None]]:
        return {"by_domain": [d.domain], "by_product": [d.product],
                "by_owner": list(d.owners) or [None]}

    def group(kind: str, ref: Ref | None) -> ImpactGroup:
        key = ref.id if ref else None
        if key not in keyed[kind]:
            keyed[kind][key] = ImpactGroup(key, ref.name if ref else None)
        return keyed[kind][key]

    for d in datasets:
        for kind, refs in refs_of(d).items():
            for ref in refs:
                group(kind, ref).datasets.append(d.id)
    for c in columns:
        for kind, refs in refs_of(all_datasets[c.dataset]).items():
            for ref in refs:
                g = group(kind, ref)
                g.columns += 1
                g.classified_columns += bool(c.classifications)
    return {kind: sorted(groups.values(), key=lambda g: (g.id is None, g.id or ""))
            for kind, groups in keyed.items()}


def _by_classification(datasets: list[ImpactedDataset], columns: list[ImpactedColumn]
                       ) -> list[ClassificationImpact]:
    out: dict[str, ClassificationImpact] = {}

    def entry(ref: Ref) -> ClassificationImpact:
        return out.setdefault(ref.id, ClassificationImpact(ref, [], []))

    for c in columns:
        for ref in c.classifications:
            entry(ref).columns.append(c.id)
    for d in datasets:
        for ref in d.classifications:
            entry(ref).datasets.append(d.id)
    return [out[k] for k in sorted(out)]
