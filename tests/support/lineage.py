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


def build_mesh(g: Mesh) -> None:
    """Two domains, three products: sales/{crm, orders}, finance/{revenue}.

    crm.customers -> orders.orders -> revenue.daily -> revenue.report (a view)
    crm.customers.email -> orders.orders.email -> revenue.daily.contact
    """
    g.datasets(["customers", "orders", "daily"],
               columns={"customers": ["email", "phone", "id"], "orders": ["email", "total"],
                        "daily": ["contact", "revenue"]})
    g.datasets(["report"], kind="view", columns={"report": ["revenue"]})
    g.feeds([("customers", "orders")], job="load_orders")
    g.feeds([("orders", "daily")], job="build_daily")
    g.feeds([("daily", "report")], job="build_report")
    g.derives([(g.col("orders", "email"), g.col("customers", "email"))], job="load_orders")
    g.derives([(g.col("daily", "contact"), g.col("orders", "email"))], job="build_daily")
    g.derives([(g.col("daily", "revenue"), g.col("orders", "total"))], job="build_daily")
    g.derives([(g.col("report", "revenue"), g.col("daily", "revenue"))], job="build_report")
    pii = {"PII.Email": "classification:PII.Email", "PII.Phone": "classification:PII.Phone"}
    kw = {"source": "manual", "scope": f"nodes-{g.uid}"}

    def fn(tx):
        tx.upsert_nodes(Label.DOMAIN, [{"id": g.domain(d), "name": f"{d}-{g.uid}"}
                                       for d in ("sales", "finance")], **kw)
        tx.upsert_nodes(Label.DATA_PRODUCT, [{"id": g.product(p), "name": p}
                                             for p in ("crm", "orders", "revenue")], **kw)
        tx.upsert_edges(Rel.HAS_PRODUCT, [
            {"src": g.domain("sales"), "dst": g.product("crm")},
            {"src": g.domain("sales"), "dst": g.product("orders")},
            {"src": g.domain("finance"), "dst": g.product("revenue")}], **kw)
        tx.upsert_edges(Rel.CONTAINS, [
            {"src": g.product("crm"), "dst": g.ds("customers")},
            {"src": g.product("orders"), "dst": g.ds("orders")},
            {"src": g.product("revenue"), "dst": g.ds("daily")},
            {"src": g.product("revenue"), "dst": g.ds("report")}], **kw)
        tx.upsert_nodes(Label.OWNER, [{"id": g.owner(o), "name": o}
                                      for o in ("sales", "finance", "bi")], **kw)
        tx.upsert_edges(Rel.OWNED_BY, [
            {"src": g.product("orders"), "dst": g.owner("sales"), "role": "owner"},
            {"src": g.domain("finance"), "dst": g.owner("finance"), "role": "owner"},
            {"src": g.ds("report"), "dst": g.owner("bi"), "role": "steward"}], **kw)
        tx.upsert_nodes(Label.CLASSIFICATION, [{"id": i, "name": n, "sensitivity": "confidential"}
                                               for n, i in pii.items()],
                        source="manual", scope="classifications")
        tx.upsert_edges(Rel.CLASSIFIED_AS, [
            {"src": g.col("customers", "email"), "dst": pii["PII.Email"], "status": "accepted"},
            {"src": g.col("orders", "email"), "dst": pii["PII.Email"], "status": "accepted"},
            {"src": g.col("orders", "total"), "dst": pii["PII.Phone"], "status": "rejected"},
            {"src": g.col("daily", "revenue"), "dst": pii["PII.Phone"],
             "status": "suggested"}], **kw)
        # a classification the classifier propagated along column lineage
        tx.upsert_edges(Rel.CLASSIFIED_AS, [
            {"src": g.col("daily", "contact"), "dst": pii["PII.Email"],
             "status": "suggested"}], source="propagated", scope=f"prop-{g.uid}")
    g.write(fn)


def build_fanout(g: Mesh, n: int = 12) -> None:
    """A dataset `src` (columns a, b) feeding `n` datasets t00.. (columns a, b, each from
    src's), and t00..t03 each feeding a u00..u03 (column a, from its t's a): n + 4 datasets
    and 2n + 4 columns downstream, at degrees 1 and 2.

    Kinds: even t's tables, odd t's views, u's tables. Products and domains by i % 3: 0 in
    left/p_left (with the u's), 1 in right/p_right, 2 in none. Owners: p_left's o_left,
    right's o_right (the fallback of p_right's datasets), t01's own o_own. Classified: the
    a columns of t's with i % 4 == 0 (PII.Email, accepted)."""
    ts = [f"t{i:02}" for i in range(n)]
    us = [f"u{i:02}" for i in range(min(4, n))]
    g.datasets(["src"], columns={"src": ["a", "b"]})
    for i, t in enumerate(ts):
        g.datasets([t], kind="table" if i % 2 == 0 else "view", columns={t: ["a", "b"]})
    g.datasets(us, columns={u: ["a"] for u in us})
    g.feeds([("src", t) for t in ts], job="fan_out")
    g.feeds(list(zip(ts, us, strict=False)), job="second_hop")
    g.derives([(g.col(t, c), g.col("src", c)) for t in ts for c in ("a", "b")])
    g.derives([(g.col(u, "a"), g.col(t, "a")) for t, u in zip(ts, us, strict=False)])
    kw = {"source": "manual", "scope": f"nodes-{g.uid}"}
    email = "classification:PII.Email"

    def fn(tx):
        tx.upsert_nodes(Label.DOMAIN, [{"id": g.domain(d), "name": f"{d}-{g.uid}"}
                                       for d in ("left", "right")], **kw)
        tx.upsert_nodes(Label.DATA_PRODUCT, [{"id": g.product(p), "name": p}
                                             for p in ("p_left", "p_right")], **kw)
        tx.upsert_edges(Rel.HAS_PRODUCT, [
            {"src": g.domain("left"), "dst": g.product("p_left")},
            {"src": g.domain("right"), "dst": g.product("p_right")}], **kw)
        tx.upsert_edges(Rel.CONTAINS, [
            *({"src": g.product("p_left"), "dst": g.ds(t)} for i, t in enumerate(ts)
              if i % 3 == 0),
            *({"src": g.product("p_right"), "dst": g.ds(t)} for i, t in enumerate(ts)
              if i % 3 == 1),
            *({"src": g.product("p_left"), "dst": g.ds(u)} for u in us)], **kw)
        tx.upsert_nodes(Label.OWNER, [{"id": g.owner(o), "name": o}
                                      for o in ("o_left", "o_right", "o_own")], **kw)
        tx.upsert_edges(Rel.OWNED_BY, [
            {"src": g.product("p_left"), "dst": g.owner("o_left"), "role": "owner"},
            {"src": g.domain("right"), "dst": g.owner("o_right"), "role": "owner"},
            {"src": g.ds("t01"), "dst": g.owner("o_own"), "role": "steward"}], **kw)
        tx.upsert_nodes(Label.CLASSIFICATION, [{"id": email, "name": "PII.Email",
                                                "sensitivity": "confidential"}],
                        source="manual", scope="classifications")
        tx.upsert_edges(Rel.CLASSIFIED_AS, [
            {"src": g.col(t, "a"), "dst": email, "status": "accepted"}
            for i, t in enumerate(ts) if i % 4 == 0], **kw)
    g.write(fn)
