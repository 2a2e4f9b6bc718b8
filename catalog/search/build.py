"""Fill a search index from the store (at start-up), with the same operations as the
write path, so an index built from the graph and one kept up by listeners agree.

Reading waits on the engine and indexing is Python work, so a thread reads the next
batches while the caller indexes the current one (two cores: the engine and Python).
"""

from __future__ import annotations

import gc
import logging
import queue
import threading
import time
from collections.abc import Callable, Iterator

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
_DONE = object()


def _batches(store: GraphStore) -> Iterator[tuple[Callable, list]]:
    """(how to index a row, rows) for everything search reads; nodes before the edges
    that name them."""
    def nodes(label: Label) -> Callable:
        return lambda index, row: index.upsert_node(label, row)

    def edges(rel: Rel) -> Callable:
        return lambda index, row: index.upsert_edge(rel, row)

    for label in (Label.TAG, Label.CLASSIFICATION, Label.OWNER, Label.DOMAIN,
                  Label.DATA_PRODUCT, Label.JOB):
        for rows in source.nodes(store, label):
            yield nodes(label), rows
    for rows in source.datasets(store):
        yield _dataset, rows
    for rel, src, dst, by_target in EDGES:
        for rows in source.edges(store, rel, src, dst, by_target=by_target):
            yield edges(rel), rows


def _dataset(index: SearchIndex, row: dict) -> None:
    d = index.upsert_node(Label.DATASET, {k: v for k, v in row.items() if k != "columns"})
    for col in row["columns"]:
        index.adopt(index.upsert_node(Label.COLUMN, col), d)  # a HAS_COLUMN edge


def build_from_store(store: GraphStore, index: SearchIndex | None = None) -> SearchIndex:
    """Read every current searchable node and the edges search uses into `index`."""
    index = index or SearchIndex()
    started = time.perf_counter()
    batches: queue.Queue = queue.Queue(maxsize=8)
    stop = threading.Event()

    def put(item) -> None:
        while not stop.is_set():
            try:
                batches.put(item, timeout=0.5)
                return
            except queue.Full:
                continue

    def read() -> None:
        try:
            for item in _batches(store):
                if stop.is_set():
                    return
                put(item)
        except BaseException as exc:  # handed to the indexing side, raised there
            put(exc)
        else:
            put(_DONE)

    reader = threading.Thread(target=read, name="search-build-reader", daemon=True)
    reader.start()
    collecting = gc.isenabled()
    gc.disable()  # millions of new objects, no garbage cycles: full passes would only cost
    try:
        while (item := batches.get()) is not _DONE:
            if isinstance(item, BaseException):
                raise item
            apply, rows = item
            with index.lock:
                for row in rows:
                    apply(index, row)
    finally:
        stop.set()  # the reader stops (and closes its session) if indexing failed
        reader.join()
        if collecting:
            gc.enable()
    index.built()
    log.info("search index built from the store: %d documents, %d tokens in %.1f s",
             len(index.docs), len(index.vocab), time.perf_counter() - started)
    return index
