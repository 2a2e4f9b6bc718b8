"""Small catalogs for the search unit tests, fed to the index as committed changes."""

from __future__ import annotations

from typing import Any

from catalog.search import SearchIndex, SearchRequest, SearchService
from graph.labels import Label, Rel
from graph.tx import Changes
from identity import ids


class Catalog:
    """Rows written as one transaction's changes, the way store listeners receive them."""

    def __init__(self) -> None:
        self.index = SearchIndex()
        self.service = SearchService(self.index)
        self.changes = Changes("2024-01-01T00:00:00.000000Z")

    def node(self, label: Label, node_id: str, **props: Any) -> str:
        self.changes.nodes[label].append({"id": node_id, **props})
        return node_id

    def edge(self, rel: Rel, src: str, dst: str, **props: Any) -> None:
        self.changes.edges[rel].append({"src": src, "dst": dst, **props})

    def dataset(self, name: str, *, namespace: str = "postgres://db:5432", columns=(),
                **props: Any) -> str:
        d = self.node(Label.DATASET, ids.dataset_id(namespace, name), name=name,
                      namespace=namespace, **props)
        for col in columns:
            c = self.node(Label.COLUMN, ids.column_id(d, col), name=col, path=col)
            self.edge(Rel.HAS_COLUMN, d, c)
        return d

    def commit(self) -> Catalog:
        self.index.apply(self.changes)
        self.changes = Changes("2024-01-01T00:00:01.000000Z")
        return self

    def search(self, query: str, **kw: Any):
        self.commit()
        return self.service.search(SearchRequest(query=query, **kw))

    def ids(self, query: str, **kw: Any) -> list[str]:
        kw.setdefault("first", 50)
        return [h.id for h in self.search(query, **kw).hits]
