"""Small graphs written straight through the store, for classification and governance tests."""

from __future__ import annotations

from graph import GraphStore, Label, Rel
from graph.props import json_prop
from identity import ids


def add_dataset(store: GraphStore, uid: str, name: str, columns: list[tuple[str, str | None]],
                *, product: str | None = None, owner: str | None = None) -> str:
    """A dataset `uid.name` under namespace test://<uid> with typed columns; returns its id."""
    ns = f"test://{uid}"
    ds = ids.dataset_id(ns, name)

    def write(tx):
        tx.upsert_nodes(Label.DATASET, [{"id": ds, "namespace": ns, "name": name,
                                         "kind": "table", "platform": "test"}], source="manual")
        tx.upsert_nodes(Label.COLUMN, [{"id": ids.column_id(ds, c), "name": c, "path": c,
                                        "type": t, "ordinal": i}
                                       for i, (c, t) in enumerate(columns)], source="manual")
        tx.upsert_edges(Rel.HAS_COLUMN, [{"src": ds, "dst": ids.column_id(ds, c)}
                                         for c, _ in columns], source="manual")
        if product:
            tx.upsert_edges(Rel.CONTAINS, [{"src": product, "dst": ds}], source="manual")
        if owner:
            tx.upsert_nodes(Label.OWNER, [{"id": ids.owner_id(owner), "name": owner,
                                           "type": "team"}], source="manual")
            tx.upsert_edges(Rel.OWNED_BY, [{"src": ds, "dst": ids.owner_id(owner),
                                            "role": "owner"}], source="manual")

    store.write(write)
    return ds


def add_product(store: GraphStore, uid: str, name: str, *, owner: str | None = None,
                **props) -> tuple[str, str]:
    """A domain `<uid>` holding product `name`; returns (domain id, product id)."""
    dom, prod = ids.domain_id(uid), ids.product_id(uid, name)

    def write(tx):
        tx.upsert_nodes(Label.DOMAIN, [{"id": dom, "name": uid}], source="manual")
        tx.upsert_nodes(Label.DATA_PRODUCT, [{"id": prod, "name": name, **props}],
                        source="manual")
        tx.upsert_edges(Rel.HAS_PRODUCT, [{"src": dom, "dst": prod}], source="manual")
        if owner:
            tx.upsert_nodes(Label.OWNER, [{"id": ids.owner_id(owner), "name": owner,
                                           "type": "team"}], source="manual")
            tx.upsert_edges(Rel.OWNED_BY, [{"src": prod, "dst": ids.owner_id(owner),
                                            "role": "owner"}], source="manual")

    store.write(write)
    return dom, prod


def derive(store: GraphStore, out_col: str, in_col: str, *, subtype: str = "IDENTITY",
           kind: str = "DIRECT", masking: bool = False, job: str = "job:test:j",
           transformations: list | None = None) -> None:
    """(out)-[:DERIVES_FROM]->(in) with one OpenLineage transformation."""
    trans = transformations if transformations is not None else [
        {"type": kind, "subtype": subtype, "description": "", "masking": masking}]
    store.upsert_edges(Rel.DERIVES_FROM, [{"src": out_col, "dst": in_col, "job": job,
                                           "transformations": json_prop(trans)}],
                       source="openlineage")
