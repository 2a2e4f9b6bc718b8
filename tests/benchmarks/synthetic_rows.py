"""The rows of a synthetic catalog (tests/benchmarks/synthetic.py), one stream per node or
edge kind, in an order that writes endpoints before edges (`plan`)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from graph.labels import Label, Rel
from graph.props import json_prop
from identity import ids
from tests.benchmarks import vocab as V

Row = dict[str, Any]


class CatalogRows:
    """Rows from the compact state `SyntheticCatalog` builds (names, schemas, jobs)."""

    scale: Any
    domains: list[str]
    products: list[tuple[int, str]]
    owners: list[str]
    tags: list[str]
    product_owner: list[int]
    ds_id: list[str]
    ds_meta: list[tuple]
    schema: list[tuple[int, ...]]
    hubs: list[int]
    jobs: list[Any]
    _names: list[str]
    _name_info: list[tuple[str, str | None]]

    def _layer(self, ds: int) -> int:
        raise NotImplementedError

    def _job_columns(self, job: Any) -> tuple[list[tuple[int, ...]], list[tuple]]:
        raise NotImplementedError

    # -- ids -------------------------------------------------------------------------------
    def col_id(self, ds: int, name: int) -> str:
        return ids.column_id(self.ds_id[ds], self._names[name])

    def hub_ids(self) -> list[str]:
        return [self.ds_id[h] for h in self.hubs]

    def pii_columns(self) -> Iterator[tuple[str, str]]:
        """(column id, hint) for columns whose name looks like PII (truth for classifiers)."""
        for ds, sch in enumerate(self.schema):
            for c in sch:
                hint = self._name_info[c][1]
                if hint:
                    yield self.col_id(ds, c), hint

    def _domains(self) -> Iterator[Row]:
        for d in self.domains:
            yield {"id": ids.domain_id(d), "name": d, "description": f"The {d} domain"}

    def _products(self) -> Iterator[Row]:
        for dom, name in self.products:
            yield {"id": ids.product_id(self.domains[dom], name), "name": name,
                   "version": "1.0.0", "status": "active",
                   "description": f"{name.replace('_', ' ').capitalize()} for {self.domains[dom]}",
                   "sla": json_prop({"freshness": "24h", "completeness": 0.99})}

    def _product_id(self, p: int) -> str:
        dom, name = self.products[p]
        return ids.product_id(self.domains[dom], name)

    def _owners(self) -> Iterator[Row]:
        for o in self.owners:
            yield {"id": ids.owner_id(o), "name": o, "type": "team", "email": f"{o}@example.com"}

    def _tags(self) -> Iterator[Row]:
        for t in self.tags:
            yield {"id": ids.tag_id(t), "name": t}

    def _datasets(self) -> Iterator[Row]:
        for i, (ns, name, platform, kind, _, entity) in enumerate(self.ds_meta):
            row = {"id": self.ds_id[i], "namespace": ns, "name": name, "platform": platform,
                   "kind": kind}
            if i % 3 == 0:
                row["description"] = (f"{V.LAYERS[self._layer(i)][0].upper()} "
                                      f"{V.ENTITIES[entity].replace('_', ' ')} records")
            yield row

    def _columns(self) -> Iterator[Row]:
        for ds, sch in enumerate(self.schema):
            for pos, c in enumerate(sch):
                name = self._names[c]
                typ, hint = self._name_info[c]
                row = {"id": self.col_id(ds, c), "name": name, "path": name, "type": typ,
                       "nullable": pos != 0, "ordinal": pos}
                if (ds + pos) % 4 == 0:
                    row["description"] = (f"{name.replace('_', ' ')}"
                                          + (" (personal data)" if hint else ""))
                yield row

    def _has_column(self) -> Iterator[Row]:
        for ds, sch in enumerate(self.schema):
            for c in sch:
                yield {"src": self.ds_id[ds], "dst": self.col_id(ds, c)}

    def _jobs(self) -> Iterator[Row]:
        for job in self.jobs:
            yield {"id": job.id, **job.meta}

    def _reads(self) -> Iterator[Row]:
        for job in self.jobs:
            for i in job.inputs:
                yield {"src": job.id, "dst": self.ds_id[i]}

    def _writes(self) -> Iterator[Row]:
        for job in self.jobs:
            for o in job.outputs:
                yield {"src": job.id, "dst": self.ds_id[o]}

    def _feeds(self) -> Iterator[Row]:
        for job in self.jobs:
            for i in job.inputs:
                for o in job.outputs:
                    yield {"src": self.ds_id[i], "dst": self.ds_id[o], "jobs": [job.id]}

    def _derives_from(self) -> Iterator[Row]:
        for job in self.jobs:
            for out, oc, ds, c, tx in self._job_columns(job)[1]:
                yield {"src": self.col_id(out, oc), "dst": self.col_id(ds, c), "job": job.id,
                       "transformations": tx}

    def _has_product(self) -> Iterator[Row]:
        for p, (dom, _) in enumerate(self.products):
            yield {"src": ids.domain_id(self.domains[dom]), "dst": self._product_id(p)}

    def _contains(self) -> Iterator[Row]:
        for i, meta in enumerate(self.ds_meta):
            yield {"src": self._product_id(meta[4]), "dst": self.ds_id[i]}

    def _owned_by(self) -> Iterator[Row]:
        for p, o in enumerate(self.product_owner):
            yield {"src": self._product_id(p), "dst": ids.owner_id(self.owners[o]),
                   "role": "owner"}
        for i in range(0, self.scale.datasets, 5):  # a fifth of datasets name a steward
            o = (i * 7919) % len(self.owners)
            yield {"src": self.ds_id[i], "dst": ids.owner_id(self.owners[o]), "role": "steward"}

    def _tagged(self) -> Iterator[Row]:
        for ds, sch in enumerate(self.schema):
            if any(self._name_info[c][1] for c in sch):
                yield {"src": self.ds_id[ds], "dst": ids.tag_id(self.tags[0])}
            layer = self._layer(ds)
            if layer >= 3 and ds % 2 == 0:
                yield {"src": self.ds_id[ds], "dst": ids.tag_id(self.tags[1 if layer > 3 else 2])}

    # -- the load plan -----------------------------------------------------------------------
    def plan(self) -> list[tuple[Label | Rel, Callable[[], Iterator[Row]]]]:
        """Every kind in an order that writes endpoints before edges."""
        return [
            (Label.DOMAIN, self._domains), (Label.DATA_PRODUCT, self._products),
            (Label.OWNER, self._owners), (Label.TAG, self._tags),
            (Label.DATASET, self._datasets), (Label.COLUMN, self._columns),
            (Label.JOB, self._jobs),
            (Rel.HAS_PRODUCT, self._has_product), (Rel.CONTAINS, self._contains),
            (Rel.HAS_COLUMN, self._has_column), (Rel.OWNED_BY, self._owned_by),
            (Rel.TAGGED, self._tagged), (Rel.READS, self._reads), (Rel.WRITES, self._writes),
            (Rel.FEEDS, self._feeds), (Rel.DERIVES_FROM, self._derives_from),
        ]

    def rows(self, kind: Label | Rel) -> Iterator[Row]:
        return dict(self.plan())[kind]()

    def counts(self) -> dict[str, int]:
        """Rows per kind, as `GraphStore.counts()` names them (without the edges' streams)."""
        s = self.scale
        return {
            Label.DOMAIN.value: len(self.domains), Label.DATA_PRODUCT.value: len(self.products),
            Label.OWNER.value: len(self.owners), Label.TAG.value: len(self.tags),
            Label.DATASET.value: s.datasets, Label.COLUMN.value: s.datasets * s.columns,
            Label.JOB.value: len(self.jobs),
            Rel.HAS_PRODUCT.value: len(self.products), Rel.CONTAINS.value: s.datasets,
            Rel.HAS_COLUMN.value: s.datasets * s.columns,
            Rel.OWNED_BY.value: len(self.products) + len(range(0, s.datasets, 5)),
            Rel.TAGGED.value: sum(1 for _ in self._tagged()),
            Rel.READS.value: sum(len(j.inputs) for j in self.jobs),
            Rel.WRITES.value: sum(len(j.outputs) for j in self.jobs),
            Rel.FEEDS.value: sum(len(j.inputs) * len(j.outputs) for j in self.jobs),
            Rel.DERIVES_FROM.value: sum(j.col_edges for j in self.jobs),
        }
