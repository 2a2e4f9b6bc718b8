"""Fill a search index from the store (at start-up), with the same operations as the
write path, so an index built from the graph and one kept up by listeners agree.
"""

from __future__ import annotations

import logging
import time

from catalog.search.index import SearchIndex
from graph import search_source as source
from graph.labels import Label, Rel
from graph.store import GraphStore

log = logging.getLogger(__name__)

DOC_LABELS = (Label.DATASET, Label.COLUMN, Label.JOB, Label.DATA_PRODUCT, Label.DOMAIN)
# (rel, source label, target label, grouped by target)
EDGES: list[tuple[Rel, Label, Label, bool]] = [
    (Rel.HAS_PRODUCT, Label.DOMAIN, Label.DATA_PRODUCT, False),
    (Rel.CONTAINS, Label.DATA_PRODUCT, Label.DATASET, False),
    (Rel.FEEDS, Label.DATASET, Label.DATASET, False),
    (Rel.READS, Label.JOB, Label.DATASET, False),
    (Rel.WRITES, Label.JOB, Label.DATASET, False),
    *[(rel, src, target, True)
      for rel, target in ((Rel.TAGGED, Label.TAG), (Rel.OWNED_BY, Label.OWNER),
                          (Rel.CLASSIFIED_AS, Label.CLASSIFICATION))
      for src in DOC_LABELS if src in rel.endpoints[0]],
]


def build_from_store(store: GraphStore, index: SearchIndex | None = None) -> SearchIndex:
    """Read every current searchable node and the edges search uses into `index`."""
    index = index or SearchIndex()
    started = time.perf_counter()
    for label in (Label.TAG, Label.CLASSIFICATION, Label.OWNER, Label.DOMAIN,
                  Label.DATA_PRODUCT, Label.JOB):
        for rows in source.nodes(store, label):
            with index.lock:
                for row in rows:
                    index.upsert_node(label, row)
    for rows in source.datasets(store):
        with index.lock:
            for row in rows:
                columns = row.pop("columns")
                index.upsert_node(Label.DATASET, row)
                for col in columns:
                    index.upsert_node(Label.COLUMN, col)
                    index.upsert_edge(Rel.HAS_COLUMN, {"src": row["id"], "dst": col["id"]})
    for rel, src, dst, by_target in EDGES:
        for rows in source.edges(store, rel, src, dst, by_target=by_target):
            with index.lock:
                for row in rows:
                    index.upsert_edge(rel, row)
    log.info("search index built from the store: %d documents, %d tokens in %.1f s",
             len(index.docs), len(index.vocab), time.perf_counter() - started)
    return index
