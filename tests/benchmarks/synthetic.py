"""A deterministic synthetic data mesh: row dicts ready for `GraphStore` upserts.

The same `Scale` (seed included) always gives the same catalog, so benchmarks and tests can
check counts and pick known ids (hubs, PII columns) without reading the graph back.

Shape: domains own data products, products contain datasets; datasets sit in layers (raw,
stg, int, fct, mart, rpt). Each dataset past the sources is written by a job that reads
datasets of earlier layers, picked with a skew so some sources feed very many jobs; a few
`hubs` are read by about `hub_fanout` outputs each, so impact analysis has something big.
FEEDS = inputs x outputs of every job (carrying the job id). Output columns mostly carry an
input column's name (IDENTITY / TRANSFORMATION, some masked), some are aggregates, and the
remaining column-edge budget goes to INDIRECT edges (JOIN, FILTER, ...).

Rows stream from iterators (`rows(kind)`, tests/benchmarks/synthetic_rows.py), so a million
columns never sit in memory as dicts; the generator keeps only compact per-dataset schemas
(indexes into a name vocabulary).
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from itertools import accumulate
from typing import Any

from graph.props import json_prop
from identity import ids
from tests.benchmarks import vocab as V
from tests.benchmarks.synthetic_rows import CatalogRows

SOURCE = "manual"
SCOPE = "bench:synthetic"


@dataclass(frozen=True)
class Scale:
    """How big the catalog is. `columns` is per dataset; edges are totals."""

    datasets: int = 100_000
    columns: int = 10
    feeds: int = 150_000
    column_edges: int = 1_000_000
    domains: int = 20
    products: int = 500
    owners: int = 150
    hubs: int = 5
    hub_fanout: int = 1_200
    seed: int = 7
    # made-up business words (vocab.made_up_words) in dataset names, one per dataset in
    # turn, and in about a tenth of source column names: a realistic number of distinct
    # tokens for search (the fixed vocabulary has ~160 words)
    terms: int = 0
    # prepended to domain and tag names, so every id is apart from other catalogs' ids
    # (tests sharing one store); datasets, products, owners and jobs are named after domains
    prefix: str = ""

    @property
    def key(self) -> str:
        """A short name for data folders and markers."""
        return (f"{self.prefix}d{self.datasets}-c{self.columns}-f{self.feeds}"
                f"-e{self.column_edges}-s{self.seed}" + (f"-t{self.terms}" if self.terms else ""))


SCALES = {
    "tiny": Scale(datasets=60, columns=4, feeds=80, column_edges=180, domains=3, products=6,
                  owners=5, hubs=2, hub_fanout=10),
    "small": Scale(datasets=2_000, columns=8, feeds=3_000, column_edges=16_000, products=40,
                   owners=30, hubs=3, hub_fanout=150),
    "medium": Scale(datasets=20_000, columns=10, feeds=30_000, column_edges=200_000,
                    products=200, hubs=4, hub_fanout=600),
    "full": Scale(),
    # ten times full (issue 18): 1M datasets, 10M columns, 1.5M FEEDS, 10M DERIVES_FROM
    "xl": Scale(datasets=1_000_000, feeds=1_500_000, column_edges=10_000_000, domains=24,
                products=5_000, owners=1_500, terms=250_000),
}


@dataclass
class Job:
    index: int
    inputs: tuple[int, ...]
    outputs: tuple[int, ...]
    col_budget: int
    col_edges: int = 0
    id: str = ""
    meta: dict[str, Any] = field(default_factory=dict)


def _tx(kind: str, subtype: str, masking: bool = False) -> str:
    return json_prop([{"type": kind, "subtype": subtype, "masking": masking}])


# the transformations are few, so their JSON text is built once
_TX = {(k, s, m): _tx(k, s, m) for k, s in
       [("DIRECT", "IDENTITY"), ("DIRECT", "TRANSFORMATION"), ("DIRECT", "AGGREGATION")]
       + [("INDIRECT", x) for x in V.INDIRECT] for m in (False, True)}


class SyntheticCatalog(CatalogRows):
    """The catalog of one `Scale`; `rows(kind)` streams the rows of one node or edge kind."""

    def __init__(self, scale: Scale = Scale()):
        self.scale = scale
        self._names: list[str] = []
        self._name_idx: dict[str, int] = {}
        self._name_info: list[tuple[str, str | None]] = []
        self.terms = V.made_up_words(scale.terms, scale.seed) if scale.terms else []
        self._build_mesh()
        self._build_datasets()
        self._build_jobs()

    # -- vocabulary -----------------------------------------------------------------------
    def _name(self, name: str, typ: str, hint: str | None) -> int:
        idx = self._name_idx.get(name)
        if idx is None:
            idx = self._name_idx[name] = len(self._names)
            self._names.append(name)
            self._name_info.append((typ, hint))
        return idx

    # -- domains, products, owners, tags --------------------------------------------------
    def _build_mesh(self) -> None:
        s, rng = self.scale, random.Random(s_seed(self.scale, "mesh"))
        base = list(V.DOMAINS)
        self.domains = [s.prefix + base[i % len(base)]
                        + ("" if i < len(base) else f"_{i // len(base)}") for i in range(s.domains)]
        self.tags = [s.prefix + t for t in V.TAGS]
        self.products: list[tuple[int, str]] = []
        seen: set[tuple[int, str]] = set()
        for p in range(s.products):
            dom = p % s.domains
            name = f"{rng.choice(V.ENTITIES)}_{rng.choice(V.PRODUCT_NOUNS)}"
            while (dom, name) in seen:
                name = f"{name}_{rng.randint(2, 99)}"
            seen.add((dom, name))
            self.products.append((dom, name))
        self.owners = [f"team-{self.domains[i % s.domains]}-{i // s.domains + 1}"
                       for i in range(s.owners)]
        self.product_owner = [rng.randrange(s.owners) for _ in range(s.products)]

    # -- datasets and source schemas ------------------------------------------------------
    def _build_datasets(self) -> None:
        s, rng = self.scale, random.Random(s_seed(self.scale, "datasets"))
        shares = [share for _, share in V.LAYERS]
        bounds, acc = [], 0.0
        for share in shares:
            acc += share
            bounds.append(round(acc / sum(shares) * s.datasets))
        self.layer_start = [0, *bounds[:-1]]
        self.layer_end = bounds
        n = s.datasets
        self.ds_id: list[str] = [""] * n
        self.ds_meta: list[tuple[str, str, str, str, int, int]] = [("", "", "", "", 0, 0)] * n
        self.schema: list[tuple[int, ...]] = [()] * n
        taken: set[str] = set()
        # a skewed product size: some products hold many datasets
        weights = [1.0 / (1 + (p % 50)) ** 0.7 for p in range(s.products)]
        cum = list(accumulate(weights))  # what choices(weights=) sums on every call
        for layer, (prefix, _) in enumerate(V.LAYERS):
            for i in range(self.layer_start[layer], self.layer_end[layer]):
                product = rng.choices(range(s.products), cum_weights=cum)[0]
                dom, pname = self.products[product]
                platform = rng.choice(V.SOURCE_PLATFORMS if layer == 0 else V.DERIVED_PLATFORMS)
                ns_tpl, kind, _ = V.PLATFORMS[platform]
                if layer and kind == "table":
                    kind = rng.choice(V.DERIVED_KINDS)
                namespace = ns_tpl.format(n=1 + product % 7)
                entity = rng.randrange(len(V.ENTITIES))
                term = f"{self.terms[i % len(self.terms)]}_" if self.terms else ""
                table = f"{prefix}_{term}{V.ENTITIES[entity]}s"
                if rng.random() < 0.6:
                    table += f"_{rng.choice(V.PRODUCT_NOUNS)}"
                sep = "." if platform != "kafka" else "-"
                name = sep.join((self.domains[dom], pname, table))
                base, k = name, 2
                while name in taken:  # unique across namespaces too: jobs are named after it
                    name, k = f"{base}_{k}", k + 1
                taken.add(name)
                self.ds_id[i] = ids.dataset_id(namespace, name)
                self.ds_meta[i] = (namespace, name, platform, kind, product, entity)
                if layer == 0:
                    self.schema[i] = self._source_schema(rng, entity, platform)

    def _source_schema(self, rng: random.Random, entity: int, platform: str) -> tuple[int, ...]:
        camel = V.PLATFORMS[platform][2] == "camel"
        attrs = list(V.ATTRIBUTES)
        ent = V.ENTITIES[entity]
        cols: list[int] = []
        used: set[str] = set()

        def add(name: str, attr: str) -> None:
            name = V.camel(name) if camel else name
            if name not in used:
                used.add(name)
                typ, hint = V.ATTRIBUTES[attr]
                cols.append(self._name(name, typ, hint))

        add("id" if rng.random() < 0.5 else f"{ent}_id", "id")
        while len(cols) < self.scale.columns:
            attr = rng.choice(attrs)
            roll = rng.random()
            if roll < 0.5:
                add(attr, attr)
            elif roll < 0.8:
                add(f"{ent}_{attr}", attr)
            elif self.terms and roll < 0.9:  # a business word, the common ones more often
                add(f"{self.terms[int(len(self.terms) * rng.random() ** 2)]}_{attr}", attr)
            else:
                add(f"{rng.choice(V.ENTITIES)}_{attr}", attr)
        return tuple(cols)

    # -- jobs, lineage, derived schemas ----------------------------------------------------
    def _build_jobs(self) -> None:
        s, rng = self.scale, random.Random(s_seed(self.scale, "jobs"))
        derived = s.datasets - self.layer_end[0]
        self.hubs = list(range(min(s.hubs, self.layer_end[0])))
        p_hub = min(0.5, s.hubs * s.hub_fanout / max(derived, 1))
        groups: list[tuple[int, ...]] = []
        for layer in range(1, len(V.LAYERS)):
            i = self.layer_start[layer]
            while i < self.layer_end[layer]:
                o = min(rng.choice((1, 1, 1, 2, 2, 3)), self.layer_end[layer] - i)
                groups.append(tuple(range(i, i + o)))
                i += o
        self.jobs: list[Job] = []
        feeds_left, outs_left = s.feeds, derived
        cols_left, out_cols_left = s.column_edges, derived * s.columns
        for j, outputs in enumerate(groups):
            o = len(outputs)
            outs_left -= o
            layer = self._layer(outputs[0])
            mean = max(feeds_left / (outs_left + o), 1.0) if outs_left + o else 1.0
            k = 1 + int(rng.expovariate(1 / mean) if mean > 1 else 0)
            k = max(1, min(k, (feeds_left - outs_left) // o, self.layer_start[layer], 60))
            if not outs_left:  # the last job takes what is left
                k = max(1, min(feeds_left // o, self.layer_start[layer]))
            inputs: set[int] = set()
            if self.hubs and rng.random() < p_hub:
                inputs.add(rng.choice(self.hubs))
            for _ in range(k * 20):
                if len(inputs) >= k:
                    break
                src_layer = layer - 1 if rng.random() < 0.7 else rng.randrange(layer)
                lo, hi = self.layer_start[src_layer], self.layer_end[src_layer]
                inputs.add(lo + int((hi - lo) * rng.random() ** 2.5))
            feeds_left -= len(inputs) * o
            budget = round(cols_left * (o * s.columns) / out_cols_left) if out_cols_left else 0
            out_cols_left -= o * s.columns
            job = Job(j, tuple(sorted(inputs)), outputs, budget)
            self._job_meta(job, rng)
            schemas, edges = self._job_columns(job)
            for out, sch in zip(outputs, schemas, strict=True):
                self.schema[out] = sch
            job.col_edges = len(edges)  # what it made (capped by the input columns)
            cols_left -= job.col_edges
            self.jobs.append(job)

    def _layer(self, ds: int) -> int:
        return next(L for L, end in enumerate(self.layer_end) if ds < end)

    def _job_meta(self, job: Job, rng: random.Random) -> None:
        ns, name, platform, *_ = self.ds_meta[job.outputs[0]]
        tool = {"kafka": "flink", "s3": "spark"}.get(platform, rng.choice(("dbt", "airflow")))
        job.id = ids.job_id(tool, f"build_{name}")
        job.meta = {"namespace": tool, "name": f"build_{name}",
                    "type": "STREAMING" if tool == "flink" else "BATCH"}
        if tool == "dbt" and job.index % 3 == 0:
            tables = ", ".join(self.ds_meta[i][1] for i in job.inputs[:3])
            job.meta["sql"] = f"select * from {tables}"

    def _job_columns(self, job: Job) -> tuple[list[tuple[int, ...]], list[tuple]]:
        """Output schemas and column edges of one job; replayable (its own seeded RNG).

        Edges are (out ds, out name idx, in ds, in name idx, transformation JSON)."""
        rng = random.Random(s_seed(self.scale, "job", job.index))
        n = self.scale.columns
        pool = [(ds, c) for ds in job.inputs for c in self.schema[ds]]
        schemas, edges = [], []
        for out in job.outputs:
            cols: list[int] = []
            used: set[int] = set()
            origins = rng.sample(pool, min(len(pool), n * 2))
            n_agg = rng.choice((0, 1, 1, 2, 3))
            for ds, c in origins:
                if len(cols) >= n - n_agg:
                    break
                if c not in used:
                    used.add(c)
                    cols.append(c)
                    masked = self._name_info[c][1] is not None and rng.random() < 0.2
                    sub = "TRANSFORMATION" if masked else rng.choice(V.TRANSFORMS)
                    edges.append((out, c, ds, c, _TX["DIRECT", sub, masked]))
            fallback = 0
            while len(cols) < n:
                ds, c = rng.choice(pool)
                agg = self._name(f"{rng.choice(V.AGGREGATES)}_{self._names[c]}",
                                 self._name_info[c][0], None)
                if agg in used:
                    fallback += 1
                    agg = self._name(f"{self._names[c]}_{fallback}", self._name_info[c][0], None)
                    if agg in used:
                        continue
                used.add(agg)
                cols.append(agg)
                edges.append((out, agg, ds, c, _TX["DIRECT", "AGGREGATION", False]))
            schemas.append(tuple(cols))
        # spread the rest of the budget as INDIRECT edges to further input columns
        extra = max(0, job.col_budget - len(edges))
        have = {(e[0], e[1], e[2], e[3]) for e in edges}
        tries = extra * 4
        while extra and tries:
            tries -= 1
            out = rng.choice(job.outputs)
            oc = rng.choice(schemas[job.outputs.index(out)])
            ds, c = rng.choice(pool)
            if (out, oc, ds, c) not in have:
                have.add((out, oc, ds, c))
                edges.append((out, oc, ds, c, _TX["INDIRECT", rng.choice(V.INDIRECT), False]))
                extra -= 1
        if len(edges) > job.col_budget:  # fewer edges than columns asked for
            edges = edges[:job.col_budget]
        return schemas, edges


def s_seed(scale: Scale, *parts: object) -> str:
    """A stable seed per part: random.Random hashes str seeds with SHA-512, not hash()."""
    return ":".join(str(p) for p in (scale.seed, *parts))
