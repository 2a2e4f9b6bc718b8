"""The demo's shop: 3 domains, 4 products, 8 datasets with lineage and PII, by hand."""

from __future__ import annotations

import logging
import os

from catalog.auth import Role, token_store
from graph import GraphStore, Label, Rel
from graph.props import json_prop
from identity import ids

log = logging.getLogger(__name__)
SOURCE, SCOPE = "manual", "demo"
PG = "postgres://shop-db:5432"
WH = "snowflake://acme.eu-west-1"

DOMAINS = {"sales": "Orders and customers", "finance": "Revenue and invoicing",
           "marketing": "Campaigns and audiences"}
PRODUCTS = {
    ("sales", "customers"): ("Customer master data", "team-sales"),
    ("sales", "orders"): ("Orders placed on the web shop", "team-sales"),
    ("finance", "revenue"): ("Daily revenue by region", "team-finance"),
    ("marketing", "audiences"): ("Customer segments for campaigns", "team-marketing"),
}
# dataset (namespace, name) -> (product, kind, description, [(column, type, pii)])
DATASETS = {
    (PG, "shop.public.customers"): (("sales", "customers"), "table", "Registered customers", [
        ("id", "integer", None), ("email", "varchar", "PII.Email"),
        ("full_name", "varchar", "PII.PersonName"), ("phone", "varchar", "PII.Phone"),
        ("country", "char(2)", None), ("created_at", "timestamp", None)]),
    (PG, "shop.public.orders"): (("sales", "orders"), "table", "Orders", [
        ("id", "integer", None), ("customer_id", "integer", None),
        ("order_amt", "numeric", None), ("placed_at", "timestamp", None)]),
    (PG, "shop.public.order_items"): (("sales", "orders"), "table", "Order lines", [
        ("order_id", "integer", None), ("sku", "varchar", None), ("qty", "integer", None),
        ("unit_price", "numeric", None)]),
    (WH, "analytics.sales.dim_customers"): (("sales", "customers"), "table",
                                            "Customer dimension", [
        ("customer_id", "number", None), ("customer_email", "varchar", "PII.Email"),
        ("country", "varchar", None)]),
    (WH, "analytics.sales.fct_orders"): (("sales", "orders"), "table", "Order facts", [
        ("order_id", "number", None), ("customer_id", "number", None),
        ("order_amt", "number", None), ("order_date", "date", None)]),
    (WH, "analytics.finance.revenue_daily"): (("finance", "revenue"), "view",
                                              "Revenue per day and country", [
        ("order_date", "date", None), ("country", "varchar", None),
        ("revenue", "number", None)]),
    (WH, "analytics.marketing.audience_emails"): (("marketing", "audiences"), "table",
                                                  "Opted-in emails per segment", [
        ("segment", "varchar", None), ("email", "varchar", "PII.Email")]),
    (WH, "analytics.marketing.segments"): (("marketing", "audiences"), "table",
                                           "Segment definitions", [
        ("segment", "varchar", None), ("description", "varchar", None)]),
}
# job -> (inputs, outputs, column edges [(out_ds, out_col, in_ds, in_col, transformation)])
JOBS = {
    "load_dim_customers": ([(PG, "shop.public.customers")],
                           [(WH, "analytics.sales.dim_customers")], [
        (1, "customer_id", 0, "id", "IDENTITY"), (1, "customer_email", 0, "email", "IDENTITY"),
        (1, "country", 0, "country", "IDENTITY")]),
    "load_fct_orders": ([(PG, "shop.public.orders"), (PG, "shop.public.order_items")],
                        [(WH, "analytics.sales.fct_orders")], [
        (2, "order_id", 0, "id", "IDENTITY"), (2, "customer_id", 0, "customer_id", "IDENTITY"),
        (2, "order_amt", 1, "unit_price", "TRANSFORMATION"),
        (2, "order_amt", 1, "qty", "TRANSFORMATION"),
        (2, "order_date", 0, "placed_at", "TRANSFORMATION")]),
    "build_revenue_daily": ([(WH, "analytics.sales.fct_orders"),
                             (WH, "analytics.sales.dim_customers")],
                            [(WH, "analytics.finance.revenue_daily")], [
        (2, "order_date", 0, "order_date", "IDENTITY"), (2, "country", 1, "country", "IDENTITY"),
        (2, "revenue", 0, "order_amt", "AGGREGATION")]),
    "build_audiences": ([(WH, "analytics.sales.dim_customers"),
                         (WH, "analytics.marketing.segments")],
                        [(WH, "analytics.marketing.audience_emails")], [
        (2, "email", 0, "customer_email", "IDENTITY"),
        (2, "segment", 1, "segment", "IDENTITY")]),
}


def write_demo_token(settings, store: GraphStore) -> None:
    """Give a demo server an admin token, in a 0600 file (never in the log); a file whose
    token the graph still accepts is kept."""
    path = settings.data_dir / "demo-admin.token"
    tokens = token_store(settings, store)
    if path.exists():
        if tokens.verify(path.read_text().strip()) is not None:
            return
        path.unlink()  # a graph made anew: the old token is gone with it
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    _, token = tokens.create("demo-admin", Role.ADMIN)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w") as f:
        f.write(token + "\n")
    log.info("demo admin token written to %s", path)


def load_demo(store: GraphStore) -> None:
    """Write the demo mesh in one transaction; idempotent (MERGE), so restarts are safe."""
    def ds_id(key: tuple[str, str]) -> str:
        return ids.dataset_id(*key)

    def write(tx) -> None:
        kw = {"source": SOURCE, "scope": SCOPE}
        tx.upsert_nodes(Label.DOMAIN, [{"id": ids.domain_id(d), "name": d, "description": t}
                                       for d, t in DOMAINS.items()], **kw)
        owners = {o for _, o in PRODUCTS.values()}
        tx.upsert_nodes(Label.OWNER, [{"id": ids.owner_id(o), "name": o, "type": "team",
                                       "email": f"{o}@example.com"} for o in owners], **kw)
        tx.upsert_nodes(Label.DATA_PRODUCT, [
            {"id": ids.product_id(d, p), "name": p, "version": "1.0.0", "description": desc,
             "status": "active", "sla": json_prop({"freshness": "24h", "completeness": 0.99})}
            for (d, p), (desc, _) in PRODUCTS.items()], **kw)
        tx.upsert_edges(Rel.HAS_PRODUCT, [{"src": ids.domain_id(d), "dst": ids.product_id(d, p)}
                                          for d, p in PRODUCTS], **kw)
        tx.upsert_edges(Rel.OWNED_BY, [{"src": ids.product_id(d, p), "dst": ids.owner_id(o),
                                        "role": "owner"} for (d, p), (_, o) in PRODUCTS.items()],
                        **kw)
        classes = sorted({pii for *_, cols in DATASETS.values() for *_, pii in cols if pii})
        tx.upsert_nodes(Label.CLASSIFICATION, [{"id": ids.classification_id(c), "name": c,
                                                "sensitivity": "confidential"} for c in classes],
                        **kw)
        tx.upsert_nodes(Label.TAG, [{"id": ids.tag_id("pii"), "name": "pii"}], **kw)
        ds_rows, col_rows, has_col, contains, classified, tagged = [], [], [], [], [], []
        for key, ((dom, prod), kind, desc, cols) in DATASETS.items():
            d = ds_id(key)
            ds_rows.append({"id": d, "namespace": key[0], "name": key[1], "kind": kind,
                            "platform": key[0].split("://")[0], "description": desc})
            contains.append({"src": ids.product_id(dom, prod), "dst": d})
            for i, (col, typ, pii) in enumerate(cols):
                c = ids.column_id(d, col)
                col_rows.append({"id": c, "name": col, "path": col, "type": typ,
                                 "nullable": col != "id", "ordinal": i})
                has_col.append({"src": d, "dst": c})
                if pii:
                    classified.append({"src": c, "dst": ids.classification_id(pii), "score": 0.95,
                                       "status": "accepted", "reasons": ["demo"],
                                       "classifier_version": "demo"})
                    tagged.append({"src": d, "dst": ids.tag_id("pii")})
        tx.upsert_nodes(Label.DATASET, ds_rows, **kw)
        tx.upsert_nodes(Label.COLUMN, col_rows, **kw)
        tx.upsert_edges(Rel.HAS_COLUMN, has_col, **kw)
        tx.upsert_edges(Rel.CONTAINS, contains, **kw)
        tx.upsert_edges(Rel.CLASSIFIED_AS, classified, **kw)
        tx.upsert_edges(Rel.TAGGED, list({r["src"]: r for r in tagged}.values()), **kw)
        for job, (inputs, outputs, col_edges) in JOBS.items():
            j = ids.job_id("demo", job)
            tx.upsert_nodes(Label.JOB, [{"id": j, "namespace": "demo", "name": job,
                                         "type": "BATCH"}], **kw)
            tx.upsert_edges(Rel.READS, [{"src": j, "dst": ds_id(k)} for k in inputs], **kw)
            tx.upsert_edges(Rel.WRITES, [{"src": j, "dst": ds_id(k)} for k in outputs], **kw)
            tx.upsert_edges(Rel.FEEDS, [{"src": ds_id(i), "dst": ds_id(o), "jobs": [j]}
                                        for i in inputs for o in outputs], **kw)
            both = inputs + outputs
            tx.upsert_edges(Rel.DERIVES_FROM, [
                {"src": ids.column_id(ds_id(both[o]), oc), "dst": ids.column_id(ds_id(both[i]), ic),
                 "job": j, "transformations": json_prop([{"type": "DIRECT", "subtype": t}])}
                for o, oc, i, ic, t in col_edges], **kw)

    store.write(write)
    log.info("demo catalog loaded: %s", {k: v for k, v in store.counts().items() if v})
