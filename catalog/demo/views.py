"""Warehouse views over the shop mesh, with column lineage: one masks the customers'
email (classification propagation stops there), one passes emails on unmasked (it
carries PII.Email by propagation), two aggregate."""

from __future__ import annotations

from graph import GraphStore, Label, Rel
from graph.props import json_prop
from identity import ids

SOURCE, SCOPE = "manual", "demo"
WH = "snowflake://acme.eu-west-1"
PRODUCTS = {"sales": ("sales", "orders"), "marketing": ("marketing", "audiences"),
            "finance": ("finance", "revenue")}

# view -> (product key, description, sql, [(column, type)],
#          [(column, input dataset, input column, subtype, masked)])
VIEWS = {
    "analytics.marketing.v_customer_contacts": (
        "marketing", "Customers to contact, email hashed: safe for any analyst",
        "SELECT customer_id, sha2(customer_email) AS email_hash, country "
        "FROM analytics.sales.dim_customers",
        [("customer_id", "number"), ("email_hash", "varchar"), ("country", "varchar")],
        [("customer_id", "analytics.sales.dim_customers", "customer_id", "IDENTITY", False),
         ("email_hash", "analytics.sales.dim_customers", "customer_email", "TRANSFORMATION",
          True),
         ("country", "analytics.sales.dim_customers", "country", "IDENTITY", False)]),
    "analytics.marketing.v_campaign_targets": (
        "marketing", "Emails to send the next campaign to (unmasked: PII)",
        "SELECT segment, email FROM analytics.marketing.audience_emails "
        "WHERE segment <> 'opted_out'",
        [("segment", "varchar"), ("email", "varchar")],
        [("segment", "analytics.marketing.audience_emails", "segment", "IDENTITY", False),
         ("email", "analytics.marketing.audience_emails", "email", "IDENTITY", False)]),
    "analytics.sales.v_orders_by_country": (
        "sales", "Orders and their amount per country",
        "SELECT c.country, count(*) AS orders, sum(o.order_amt) AS amount "
        "FROM analytics.sales.fct_orders o JOIN analytics.sales.dim_customers c "
        "USING (customer_id) GROUP BY c.country",
        [("country", "varchar"), ("orders", "number"), ("amount", "number")],
        [("country", "analytics.sales.dim_customers", "country", "IDENTITY", False),
         ("orders", "analytics.sales.fct_orders", "order_id", "AGGREGATION", False),
         ("amount", "analytics.sales.fct_orders", "order_amt", "AGGREGATION", False)]),
    "analytics.finance.v_revenue_weekly": (
        "finance", "Revenue per ISO week and country",
        "SELECT date_trunc('week', order_date) AS week, country, sum(revenue) AS revenue "
        "FROM analytics.finance.revenue_daily GROUP BY 1, 2",
        [("week", "date"), ("country", "varchar"), ("revenue", "number")],
        [("week", "analytics.finance.revenue_daily", "order_date", "TRANSFORMATION", False),
         ("country", "analytics.finance.revenue_daily", "country", "IDENTITY", False),
         ("revenue", "analytics.finance.revenue_daily", "revenue", "AGGREGATION", False)]),
}


def load_views(store: GraphStore) -> None:
    """The views, their columns, products, view jobs and column lineage, in one transaction."""
    def ds(name: str) -> str:
        return ids.dataset_id(WH, name)

    def write(tx) -> None:
        kw = {"source": SOURCE, "scope": SCOPE}
        datasets, columns, has_col, contains, jobs, reads, writes, feeds, derives = (
            [], [], [], [], [], [], [], [], [])
        for view, (product, desc, sql, cols, lineage) in VIEWS.items():
            d, job = ds(view), ids.job_id("demo", f"view:{view}")
            datasets.append({"id": d, "namespace": WH, "name": view, "kind": "view",
                             "platform": "snowflake", "description": desc})
            contains.append({"src": ids.product_id(*PRODUCTS[product]), "dst": d})
            for i, (col, typ) in enumerate(cols):
                columns.append({"id": ids.column_id(d, col), "name": col, "path": col,
                                "type": typ, "nullable": True, "ordinal": i})
                has_col.append({"src": d, "dst": ids.column_id(d, col)})
            jobs.append({"id": job, "namespace": "demo", "name": f"view:{view}",
                         "type": "VIEW", "sql": sql, "description": f"defines {view}"})
            inputs = sorted({src for _, src, *_ in lineage})
            reads += [{"src": job, "dst": ds(i)} for i in inputs]
            writes.append({"src": job, "dst": d})
            feeds += [{"src": ds(i), "dst": d, "jobs": [job]} for i in inputs]
            derives += [{"src": ids.column_id(d, col), "dst": ids.column_id(ds(src), src_col),
                         "job": job, "transformations": json_prop([{
                             "type": "DIRECT", "subtype": sub, "masking": masked,
                             **({"description": "sha2 hash"} if masked else {})}])}
                        for col, src, src_col, sub, masked in lineage]
        tx.upsert_nodes(Label.DATASET, datasets, **kw)
        tx.upsert_nodes(Label.COLUMN, columns, **kw)
        tx.upsert_edges(Rel.HAS_COLUMN, has_col, **kw)
        tx.upsert_edges(Rel.CONTAINS, contains, **kw)
        tx.upsert_nodes(Label.JOB, jobs, **kw)
        tx.upsert_edges(Rel.READS, reads, **kw)
        tx.upsert_edges(Rel.WRITES, writes, **kw)
        tx.upsert_edges(Rel.FEEDS, feeds, **kw)
        tx.upsert_edges(Rel.DERIVES_FROM, derives, **kw)

    store.write(write)
