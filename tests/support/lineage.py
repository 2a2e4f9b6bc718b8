"""Small lineage graphs written straight through the store, with ids unique to one test."""

from __future__ import annotations

from collections.abc import Iterable

from graph import GraphStore, Label, Rel
from graph.props import json_prop


class Mesh:
    """Names -> ids for one test (`uid` keeps them apart from every other test's)."""

    def __init__(self, store: GraphStore, uid: str, scope: str | None = None):
        self.store, self.uid = store, uid
        self.scope = scope or f"test-{uid}"

    def ds(self, name: str) -> str:
        return f"dataset:lt{self.uid}:{name}"

    def col(self, ds: str, name: str) -> str:
        return f"{self.ds(ds)}#{name}"

    def job(self, name: str) -> str:
        return f"job:lt{self.uid}:{name}"

    def product(self, name: str) -> str:
        return f"product:lt{self.uid}/{name}"

    def domain(self, name: str) -> str:
        return f"domain:lt{self.uid}-{name}"

    def owner(self, name: str) -> str:
        return f"owner:team:lt{self.uid}-{name}"

    def write(self, fn) -> None:
        self.store.write(fn)

    def datasets(self, names: Iterable[str], kind: str = "table",
                 columns: dict[str, list[str]] | None = None) -> None:
        names, columns = list(names), columns or {}

        def fn(tx):
            tx.upsert_nodes(Label.DATASET, [{"id": self.ds(n), "name": n, "kind": kind,
                                             "namespace": f"lt{self.uid}"} for n in names],
                            source="manual", scope=f"nodes-{self.uid}")
            cols = [(d, c) for d in names for c in columns.get(d, [])]
            tx.upsert_nodes(Label.COLUMN, [{"id": self.col(d, c), "name": c, "path": c}
                                           for d, c in cols],
                            source="manual", scope=f"nodes-{self.uid}")
            tx.upsert_edges(Rel.HAS_COLUMN, [{"src": self.ds(d), "dst": self.col(d, c)}
                                             for d, c in cols],
                            source="manual", scope=f"nodes-{self.uid}")
        self.write(fn)

    def feeds(self, pairs: Iterable[tuple[str, str]], job: str | None = None) -> None:
        """FEEDS edges between datasets by name (and the job's READS/WRITES when given)."""
        pairs = list(pairs)

        def fn(tx):
            if job:
                tx.upsert_nodes(Label.JOB, [{"id": self.job(job), "name": job}],
                                source="openlineage", scope=f"nodes-{self.uid}")
                tx.upsert_edges(Rel.READS, [{"src": self.job(job), "dst": self.ds(a)}
                                            for a, _ in pairs], source="openlineage",
                                scope=self.scope)
                tx.upsert_edges(Rel.WRITES, [{"src": self.job(job), "dst": self.ds(b)}
                                             for _, b in pairs], source="openlineage",
                                scope=self.scope)
            rows = [{"src": self.ds(a), "dst": self.ds(b),
                     **({"jobs": [self.job(job)]} if job else {})} for a, b in pairs]
            tx.upsert_edges(Rel.FEEDS, rows, source="openlineage", scope=self.scope)
        self.write(fn)

    def derives(self, rows: Iterable[tuple[str, str]], job: str | None = None,
                transformation: dict | None = None) -> None:
        """DERIVES_FROM edges: (derived, source) full ids (a column, or a dataset as the
        derived end of a dataset-level dependency)."""
        t = json_prop([transformation or {"type": "DIRECT", "subtype": "IDENTITY"}])
        edges = [{"src": out, "dst": src, "transformations": t,
                  **({"job": self.job(job)} if job else {})} for out, src in rows]
        self.write(lambda tx: tx.upsert_edges(Rel.DERIVES_FROM, edges, source="openlineage",
                                              scope=self.scope))
