"""What the search index reads from the store at start-up, streamed in batches of records.

Measured on the embedded engine (ArcadeDB over Bolt): a record costs tens of microseconds
whatever it holds, and paging with ORDER BY/LIMIT re-sorts the whole label for every page,
so each statement here is one pass that returns few, fat records (a dataset with all its
columns, a tag with everything tagged), pulled by the driver `batch` records at a time.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import neo4j

from graph.cypher import cypher
from graph.labels import Label, Rel
from graph.store import GraphStore

Rows = list[dict[str, Any]]


def _stream(store: GraphStore, statement: str, batch: int) -> Iterator[Rows]:
    with store.reachable(), store.driver.session(database=store.database, fetch_size=batch,
                                                 default_access_mode=neo4j.READ_ACCESS) as session:
        result = session.run(statement)
        keys = result.keys()
        rows: Rows = []
        for record in result:  # plain values: no record.data() conversion per value
            rows.append(dict(zip(keys, record, strict=True)))
            if len(rows) >= batch:
                yield rows
                rows = []
        if rows:
            yield rows


def nodes(store: GraphStore, label: Label, *, batch: int = 2000) -> Iterator[Rows]:
    """Current nodes of `label`: {id, name, path, description, namespace, platform, synonyms}."""
    return _stream(store, cypher("search_nodes", label=label), batch)


def datasets(store: GraphStore, *, batch: int = 500) -> Iterator[Rows]:
    """Current datasets, each with `columns`: [{id, name, path, description}]."""
    for rows in _stream(store, cypher("search_datasets"), batch):
        for row in rows:
            row["columns"] = [{"id": c[0], "name": c[1], "path": c[2], "description": c[3]}
                              for c in row["columns"] if c[0] is not None]
        yield rows


def edges(store: GraphStore, rel: Rel, src: Label, dst: Label, *, by_target: bool = False,
          batch: int = 2000) -> Iterator[list[dict[str, Any]]]:
    """Current `rel` edges from `src` to `dst` nodes as rows {src, dst, status}.

    Grouped by source in the store, or by target when targets are few (tags, owners)."""
    name = "search_edges_by_target" if by_target else "search_edges_by_source"
    for rows in _stream(store, cypher(name, src=src, dst=dst, rel=rel), batch):
        out = []
        for row in rows:
            for other, status in row["others"]:
                src_id, dst_id = (other, row["key"]) if by_target else (row["key"], other)
                out.append({"src": src_id, "dst": dst_id, "status": status})
        yield out
