"""Impact analysis: everything downstream of a dataset or a column, in context.

From a dataset: the datasets its table lineage reaches, and the columns the column lineage
of its columns reaches. From a column: the columns its column lineage reaches and their
datasets. Each impacted dataset is put in its data product, domain and owners (the
dataset's own owners, else its product's, else its domain's), and each column with the
classifications it carries (accepted or propagated; suggested and rejected ones do not count).
The model (and its paging) is in impact_model, the context reads in impact_context, the
groups in impact_groups.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

from catalog.lineage.answer import starts_of
from catalog.lineage.impact_context import Context, Reads
from catalog.lineage.impact_groups import by_classification, groups
from catalog.lineage.impact_model import Impact, ImpactFilters, Ref
from catalog.lineage.model import Level
from catalog.lineage.traverse import Walk, walk
from graph.labels import COLUMN_SEP, Label, label_of, split_column_id
from graph.lineage import CURRENT
from graph.store import GraphStore


def analyse(store: GraphStore, root: str, *, depth: int, cap: int,
            filters: ImpactFilters | None = None) -> Impact:
    filters = filters or ImpactFilters()
    is_dataset = label_of(root) is Label.DATASET
    ds_degree: dict[str, int] = {}
    col_degree: dict[str, int] = {}
    truncated = False
    ctx = Context()

    def table_walk(pool: ThreadPoolExecutor) -> tuple[Walk, list[str], Reads]:
        """The table walk, then at once the context of the datasets it found (most of
        them), read while the column walk goes on."""
        w = walk(store, [root], column_level=False, downstream=True, depth=depth, cap=cap,
                 edges=False)
        found = sorted(n for n, d in w.degree.items() if d > 0)
        return w, found, ctx.read(store, pool, found)

    # the table walk and the column walk are independent: run them side by side (the
    # engine answers on several threads; each walk waits on its own round trips)
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
        col_of: dict[str, str] = {}  # impacted column -> its dataset
        for node, d in cw.degree.items():
            if d == 0:
                continue
            if COLUMN_SEP in node:  # a column (label_of, cheaper: a hub reaches tens of thousands)
                col_degree[node] = d
                col_of[node] = ds = split_column_id(node)[0]
                node = ds
            if node != root:
                ds_degree[node] = min(ds_degree.get(node, d), d)
        # the datasets only the column walk found (and the root's, for its columns)
        col_datasets = set(col_of.values())
        late = sorted((ds_degree.keys() | col_datasets) - set(early))
        ctx.merge(ctx.read(store, pool, late))
    # the columns' datasets that are not impacted themselves are placed too: the root's,
    # for a column of it that is not a current one (not a start) derived from one that is
    placed = ctx.place({**{i: 0 for i in col_datasets}, **ds_degree})

    every = filters.empty
    kept_ds = [placed[i] for i in sorted(ds_degree, key=lambda i: (ds_degree[i], i))
               if every or filters.dataset(placed[i])]
    kept_cols: list[tuple[str, int]] = []
    classes: dict[str, list[Ref]] = {}
    per_dataset: dict[str, list[int]] = {}  # dataset -> [kept columns, classified ones]
    for c, d in sorted(col_degree.items(), key=lambda kv: (kv[1], kv[0])):
        ds_id = col_of[c]
        refs = ctx.column_refs(c, ds_id)
        if every or filters.column(refs, placed[ds_id]):
            kept_cols.append((c, d))
            counts = per_dataset.get(ds_id)
            if counts is None:
                counts = per_dataset[ds_id] = [0, 0]
            counts[0] += 1
            if refs:
                counts[1] += 1
                classes[c] = refs
    in_groups = [(placed[i], n, k) for i, (n, k) in per_dataset.items()]
    return Impact(root=root, depth=depth, truncated=truncated, **groups(kept_ds, in_groups),
                  classifications=by_classification(kept_ds, list(classes.items())),
                  kept_datasets=kept_ds, kept_columns=kept_cols, column_classes=classes)
