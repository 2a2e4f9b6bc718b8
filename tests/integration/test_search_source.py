"""The search index built from the store agrees with the graph and with an index kept up by
the write path, on every engine the session has."""

from __future__ import annotations

from catalog.search import SearchIndex, SearchRequest, SearchService
from catalog.search.build import build_from_store
from graph import Label, Rel
from graph.props import now_iso
from identity import ids


def _mesh(store, w: str) -> dict[str, str]:
    dom, prod = ids.domain_id(f"d{w}"), ids.product_id(f"d{w}", "p")
    ds = ids.dataset_id("postgres://h:5432", f"db.{w}_orders")
    gone = ids.dataset_id("postgres://h:5432", f"db.{w}_gone")
    up = ids.dataset_id("postgres://h:5432", f"db.{w}_raw")
    col, col2 = ids.column_id(ds, f"{w}_mail"), ids.column_id(ds, f"{w}_nick")
    job = ids.job_id("etl", f"{w}_load")
    tag, owner = ids.tag_id(f"t{w}"), ids.owner_id(f"o{w}")
    pii = ids.classification_id(f"c{w}")
    kw = {"source": "manual", "scope": f"src-{w}"}

    def write(tx):
        tx.upsert_nodes(Label.DOMAIN, [{"id": dom, "name": f"d{w}"}], **kw)
        tx.upsert_nodes(Label.DATA_PRODUCT, [{"id": prod, "name": "p"}], **kw)
        tx.upsert_nodes(Label.DATASET, [
            {"id": d, "name": name, "namespace": "postgres://h:5432", "description": "x"}
            for d, name in ((ds, f"db.{w}_orders"), (gone, f"db.{w}_gone"),
                            (up, f"db.{w}_raw"))], **kw)
        tx.upsert_nodes(Label.COLUMN, [{"id": col, "name": f"{w}_mail"},
                                       {"id": col2, "name": f"{w}_nick"}], **kw)
        tx.upsert_nodes(Label.JOB, [{"id": job, "name": f"{w}_load", "namespace": "etl"}], **kw)
        tx.upsert_nodes(Label.TAG, [{"id": tag, "name": f"t{w}", "synonyms": [f"s{w}"]}], **kw)
        tx.upsert_nodes(Label.OWNER, [{"id": owner, "name": f"o{w}"}], **kw)
        tx.upsert_nodes(Label.CLASSIFICATION, [{"id": pii, "name": f"c{w}"}], **kw)
        tx.upsert_edges(Rel.HAS_PRODUCT, [{"src": dom, "dst": prod}], **kw)
        tx.upsert_edges(Rel.CONTAINS, [{"src": prod, "dst": ds}], **kw)
        tx.upsert_edges(Rel.HAS_COLUMN, [{"src": ds, "dst": col}, {"src": ds, "dst": col2}],
                        **kw)
        tx.upsert_edges(Rel.FEEDS, [{"src": up, "dst": ds}], **kw)
        tx.upsert_edges(Rel.READS, [{"src": job, "dst": up}], **kw)
        tx.upsert_edges(Rel.WRITES, [{"src": job, "dst": ds}], **kw)
        tx.upsert_edges(Rel.TAGGED, [{"src": ds, "dst": tag}], **kw)
        tx.upsert_edges(Rel.OWNED_BY, [{"src": prod, "dst": owner}], **kw)
        tx.upsert_edges(Rel.TAGGED, [{"src": up, "dst": tag}], source="manual",
                        scope=f"tags-{w}")
        tx.upsert_edges(Rel.CLASSIFIED_AS, [
            {"src": col, "dst": pii, "status": "accepted"},
            {"src": col2, "dst": pii, "status": "rejected"}], **kw)
        tx.close_nodes(Label.DATASET, [gone])

    store.write(write)
    store.close_stale(f"tags-{w}", now_iso(), labels=[], rels=[Rel.TAGGED], max_ratio=1.0)
    return {"dom": dom, "prod": prod, "ds": ds, "gone": gone, "up": up, "col": col,
            "col2": col2, "job": job, "tag": tag, "owner": owner, "pii": pii}


def test_the_index_built_from_the_store_matches_the_graph(store, uid):
    w = uid.translate(str.maketrans("0123456789", "ghijklmnop"))
    live = SearchIndex()
    active = [True]
    store.add_listener(lambda changes: active[0] and live.apply(changes))
    try:
        m = _mesh(store, w)
    finally:
        active[0] = False
    built = build_from_store(store)
    for index in (built, live):
        docs = index.docs
        doc = {key: docs.get(node_id) for key, node_id in m.items()}
        assert docs.alive[doc["ds"]]
        # a closed node is not read at all, or marked dead by the write path
        assert doc["gone"] is None or not docs.alive[doc["gone"]]
        assert docs.parent[doc["col"]] == doc["ds"]
        assert docs.parent[doc["ds"]] == doc["prod"]
        assert docs.parent[doc["prod"]] == doc["dom"]
        assert docs.platforms[docs.platform[doc["ds"]]] == "postgres"
        assert index.tags.values(doc["ds"]) == {m["tag"]}
        assert index.tags.values(doc["up"]) == set()          # closed by the later harvest
        assert index.classes.values(doc["col"]) == {m["pii"]}
        assert index.classes.values(doc["col2"]) == set()     # a steward rejected it
        assert docs.n_owners[doc["prod"]] == 1
        assert docs.degree[doc["ds"]] == 2 and docs.degree[doc["job"]] == 2
        assert index.synonyms[f"s{w}"] == {f"t{w}"}
    answers = []
    for index in (built, live):
        service = SearchService(index)
        answers.append([  # equal scores may come in either order (insertion order)
            sorted((-h.score, h.id)
                   for h in service.search(SearchRequest(query=q, first=20)).hits)
            for q in (w, f"{w} mail", f"s{w}", f"{w}_lod")])
    assert answers[0] == answers[1]
    assert answers[0][0] and m["gone"] not in {i for _, i in answers[0][0]}
