"""GraphStore: the catalog's one door to the graph, with intent-named operations.

Every write runs in a managed transaction (`write`), which the neo4j driver retries on
transient errors. ArcadeDB reports two concurrent MERGEs of one new id as a constraint
violation rather than a transient error, so those are retried here too: upserts are
idempotent, and a retried MERGE finds the node the other writer created.
"""

from __future__ import annotations

import logging
import os
import random
import socket
import time
import uuid
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from functools import partialmethod
from typing import Any, TypeVar

import neo4j
from neo4j.exceptions import (
    AuthError,
    ConstraintError,
    DriverError,
    Neo4jError,
    ServiceUnavailable,
    SessionExpired,
    TransientError,
)

from graph import audit, feed, governance, marketplace, tokens
from graph.cypher import cypher
from graph.engines.base import RETRY_S, Connection, Engine
from graph.errors import (
    InvalidInput,
    NotFound,
    StaleGuardError,
    StoreAuthError,
    StoreUnavailable,
)
from graph.labels import Direction, Label, Rel, label_of
from graph.props import now_iso
from graph.tx import Changes, StoreTx

log = logging.getLogger(__name__)
T = TypeVar("T")


_ENTITIES = (neo4j.graph.Node, neo4j.graph.Relationship, neo4j.graph.Path)


def _plain(record: neo4j.Record) -> dict[str, Any]:
    """A record as a dict. Our statements return maps, lists and scalars, which the driver
    already decoded into Python's; `Record.data()` walks every nested element again to
    convert graph entities, which cost the dataset page half its read. A statement that
    returns a node, relationship or path (at the top) still gets them converted; none
    nests one in a list or map (the whole suite ran with a check of that)."""
    values = record.values()
    if any(isinstance(v, _ENTITIES) for v in values):
        return record.data()
    return dict(zip(record.keys(), values, strict=True))


class GraphStore:
    def __init__(self, engine: Engine, *, max_close_ratio: float = 0.2, write_retries: int = 8,
                 change_feed: bool = True):
        self.engine = engine
        self.max_close_ratio = max_close_ratio
        self.write_retries = write_retries
        # every write transaction appends its change record (graph/feed.py) unless off
        self.change_feed = change_feed
        self.origin = f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"
        self._listeners: list[Callable[[Changes], None]] = []
        # an in-memory accelerator a serving runtime attaches (catalog.lineage.adjacency's
        # FeedsIndex): current dataset-level lineage walks use it instead of a hop per query
        self.lineage_index: Any = None
        # and catalog.lineage.column_index's DerivesIndex: current column-level walks
        self.column_index: Any = None
        self._foreign_listeners: list[Callable[[Changes], None]] = []
        self.conn: Connection = engine.start()
        self.database = self.conn.database
        self.driver: neo4j.Driver = self.conn.driver()
        try:
            with self.reachable():
                self.driver.verify_connectivity()  # fail fast, not after the retry budget
                self.bootstrap()
        except Exception:
            self.driver.close()
            engine.stop()
            raise

    # -- lifecycle --------------------------------------------------------------------
    def close(self) -> None:
        self.driver.close()
        self.engine.stop()

    def __enter__(self) -> GraphStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def bootstrap(self) -> None:
        """Idempotent schema: a unique id per label and an index on name."""
        for label in Label:
            for name in ("schema_unique_id", "schema_name_index"):
                self.driver.execute_query(cypher(name, label=label), database_=self.database)
        for name in (*feed.DDL, *tokens.DDL, *governance.DDL, *audit.DDL, *marketplace.DDL):
            self.driver.execute_query(cypher(name), database_=self.database)
        for stmt in self.engine.extra_ddl():
            self.driver.execute_query(stmt, database_=self.database)

    @contextmanager
    def reachable(self) -> Iterator[None]:
        """Say in the store's terms that the engine is down or refused us (the API answers
        503, the CLI a one-line message); a write that failed so committed nothing."""
        where = f"{self.conn.uri}" + (" (NEO4J_URI)" if self.engine.name == "neo4j" else "")
        try:
            yield
        except AuthError as exc:
            raise StoreAuthError(
                f"the graph at {where} refused user {self.conn.user!r}: check the user and "
                "password (NEO4J_USER, NEO4J_PASSWORD)") from exc
        except (ServiceUnavailable, SessionExpired) as exc:
            raise StoreUnavailable(f"the graph at {where} is unavailable: {exc}") from exc

    def ping(self) -> bool:
        recs = self.query(cypher("ping"))
        return bool(recs and recs[0]["ok"] == 1)

    # -- transactions -----------------------------------------------------------------
    def add_listener(self, fn: Callable[[Changes], None], *, foreign_only: bool = False) -> None:
        """Call `fn` with the changes of every committed write (keeps derived indexes in step):
        this process's, after their commit, and other processes', as a change-feed follower
        (`graph.feed.Follower`) hands them to `apply_foreign`. `foreign_only`: only the
        others' (a cache that remembers its own writes exactly)."""
        (self._foreign_listeners if foreign_only else self._listeners).append(fn)

    def apply_foreign(self, changes: Changes) -> None:
        """Another process's committed changes, read from the feed: to every listener."""
        for fn in (*self._foreign_listeners, *self._listeners):
            try:
                fn(changes)
            except Exception:  # one listener's failure must not starve the others
                log.exception("listener %r failed on changes from the feed", fn)

    def write(self, fn: Callable[[StoreTx], T]) -> T:
        """Run `fn` in one write transaction; all of it commits or none of it does.

        Listeners see the changes of the attempt that committed, after the commit."""
        attempt = 0
        while True:
            try:
                result, changes = self._write_once(fn)
                if changes:
                    for listener in self._listeners:
                        listener(changes)
                return result
            except (ConstraintError, TransientError) as exc:
                attempt += 1
                if attempt > self.write_retries:
                    raise
                log.debug("write retry %s after %s", attempt, exc)
                time.sleep(min(0.05 * 2 ** attempt, 1.0) * random.uniform(0.5, 1.5))

    def _write_once(self, fn: Callable[[StoreTx], T]) -> tuple[T, Changes | None]:
        box: list[StoreTx] = []

        def work(tx: neo4j.ManagedTransaction) -> T:
            box[:] = [StoreTx(tx, now_iso())]  # a driver retry starts a fresh StoreTx
            result = fn(box[0])
            if self.change_feed and box[0].changes:
                feed.append(box[0], self.origin, feed.new_id(self.origin))
            return result

        with self.reachable(), self.driver.session(database=self.database) as session:
            result = session.execute_write(work)
        return result, (box[0].changes if box else None)

    def query(self, statement: str, **params: Any) -> list[dict[str, Any]]:
        """A read; it sees every write committed before it (no index lag)."""
        return [_plain(r) for r in self._read(statement, params)]

    def query_value(self, statement: str, **params: Any) -> Any:
        """The first value of the first record, as the driver decoded it (None without a
        record). For a statement that collects plain values (lists, maps, scalars; no
        nodes) into one record: `Record.data()` would walk every element again, which
        costs more than the read itself for a million."""
        records = self._read(statement, params)
        return records[0][0] if records else None

    def _read(self, statement: str, params: dict[str, Any]) -> list[neo4j.Record]:
        """One auto-commit statement: a managed transaction (the driver's execute_query)
        costs a second round trip for its COMMIT, about 0.3 ms a read on the embedded engine
        and 1 ms on Neo4j, a quarter of a lineage answer's engine time. Retried as the
        driver retries a transaction (a retryable error, within its retry time)."""
        give_up = time.monotonic() + RETRY_S
        attempt = 0
        with self.reachable():
            while True:
                try:
                    with self.driver.session(database=self.database,
                                             default_access_mode=neo4j.READ_ACCESS) as session:
                        return list(session.run(statement, params))
                except (Neo4jError, DriverError) as exc:
                    attempt += 1
                    if not exc.is_retryable() or time.monotonic() > give_up:
                        raise
                    log.debug("read retry %s after %s", attempt, exc)
                time.sleep(min(0.05 * 2 ** (attempt - 1), 1.0) * random.uniform(0.5, 1.5))

    # -- upserts ------------------------------------------------------------------------
    def upsert_nodes(self, label: Label, rows: Iterable[Mapping[str, Any]], *, source: str,
                     scope: str | None = None) -> int:
        rows = list(rows)
        return self.write(lambda tx: tx.upsert_nodes(label, rows, source=source, scope=scope))

    def upsert_edges(self, rel: Rel, rows: Iterable[Mapping[str, Any]], *, source: str,
                     scope: str | None = None, strict: bool = True) -> int:
        rows = list(rows)
        return self.write(lambda tx: tx.upsert_edges(rel, rows, source=source, scope=scope,
                                                     strict=strict))

    upsert_domains = partialmethod(upsert_nodes, Label.DOMAIN)
    upsert_data_products = partialmethod(upsert_nodes, Label.DATA_PRODUCT)
    upsert_datasets = partialmethod(upsert_nodes, Label.DATASET)
    upsert_columns = partialmethod(upsert_nodes, Label.COLUMN)
    upsert_jobs = partialmethod(upsert_nodes, Label.JOB)
    upsert_runs = partialmethod(upsert_nodes, Label.RUN)
    upsert_owners = partialmethod(upsert_nodes, Label.OWNER)
    upsert_tags = partialmethod(upsert_nodes, Label.TAG)
    upsert_classifications = partialmethod(upsert_nodes, Label.CLASSIFICATION)

    # -- reads --------------------------------------------------------------------------
    def get_nodes(self, ids: Iterable[str]) -> dict[str, dict[str, Any]]:
        """Nodes by id (any labels at once), with `label` added; missing ids are absent."""
        by_label: dict[Label, list[str]] = defaultdict(list)
        for node_id in ids:
            by_label[label_of(node_id)].append(node_id)
        out: dict[str, dict[str, Any]] = {}
        for label, group in by_label.items():
            for rec in self.query(cypher("get_nodes", label=label), ids=group):
                out[rec["node"]["id"]] = {**rec["node"], "label": label.value}
        return out

    def get_node(self, node_id: str) -> dict[str, Any]:
        node = self.get_nodes([node_id]).get(node_id)
        if node is None:
            raise NotFound(node_id)
        return node

    def neighbours(self, ids: Iterable[str], rel: Rel, direction: Direction = Direction.OUT,
                   *, current: bool = True) -> dict[str, list[tuple[dict, dict]]]:
        """For each id, the (edge, node) pairs one `rel` hop away."""
        ids = list(ids)
        out: dict[str, list[tuple[dict, dict]]] = {i: [] for i in ids}
        by_label: dict[Label, list[str]] = defaultdict(list)
        for node_id in ids:
            by_label[label_of(node_id)].append(node_id)
        starts, ends = rel.endpoints
        for label, group in by_label.items():
            if direction is Direction.OUT:
                pairs = [(label, other) for other in sorted(ends)] if label in starts else []
                name = "neighbours_out"
            else:
                pairs = [(other, label) for other in sorted(starts)] if label in ends else []
                name = "neighbours_in"
            for src, dst in pairs:
                stmt = cypher(name, src=src, dst=dst, rel=rel)
                other = dst if direction is Direction.OUT else src
                for rec in self.query(stmt, ids=group, current=current):
                    out[rec["key"]].append((rec["edge"], {**rec["node"], "label": other.value}))
        return out

    def list_nodes(self, label: Label, *, first: int = 50, after: str | None = None,
                   current: bool = True, **filters: Any) -> tuple[list[dict], int]:
        """A page of nodes ordered by id after the cursor, and the total matching."""
        params = {"namespace": None, "platform": None, "kind": None, "name_contains": None}
        unknown = set(filters) - set(params)
        if unknown:
            raise InvalidInput("filter", f"unknown filters {sorted(unknown)}")
        params.update({k: v or None for k, v in filters.items()})
        if params["name_contains"]:
            params["name_contains"] = params["name_contains"].lower()
        row = self.query(cypher("list_nodes", label=label), after=after or "", limit=first,
                         current=current, **params)[0]
        return [{**n, "label": label.value} for n in row["nodes"]], row["total"]

    def counts(self, *, current: bool = False) -> dict[str, int]:
        """Node count per label and edge count per relationship type."""
        out = {}
        for label in Label:
            out[label.value] = self.query(cypher("count_nodes", label=label),
                                          current=current)[0]["n"]
        for rel in Rel:
            out[rel.value] = self.query(cypher("count_edges", rel=rel), current=current)[0]["n"]
        return out

    # -- staleness ---------------------------------------------------------------------
    def close_stale(self, scope: str, seen_before: str, *, max_ratio: float | None = None,
                    labels: Iterable[Label] = tuple(Label),
                    rels: Iterable[Rel] = tuple(Rel)) -> dict[str, int]:
        """Close (valid_to) the facts of `scope` not seen since `seen_before`.

        Refuses with StaleGuardError, closing nothing, when that would be more than
        `max_ratio` of the scope's open facts: a harvest that suddenly sees nothing is more
        likely broken than right.
        """
        max_ratio = self.max_close_ratio if max_ratio is None else max_ratio
        labels, rels = list(labels), list(rels)

        def run(tx: StoreTx) -> dict[str, int]:
            total = stale = 0
            for label in labels:
                r = tx.run(cypher("scope_nodes", label=label), scope=scope, before=seen_before)
                total += r[0]["total"]
                stale += r[0]["stale"] or 0
            for rel in rels:
                r = tx.run(cypher("scope_edges", rel=rel), scope=scope, before=seen_before)
                total += r[0]["total"]
                stale += r[0]["stale"] or 0
            if total and stale / total > max_ratio:
                raise StaleGuardError(scope, stale, total, max_ratio)
            closed: dict[str, int] = {}
            for label in labels:
                r = tx.run(cypher("close_stale_nodes", label=label), scope=scope,
                           before=seen_before, now=tx.now)
                tx.changes.closed[label].extend(r[0]["ids"])
                if r[0]["closed"]:
                    closed[label.value] = r[0]["closed"]
            for rel in rels:
                r = tx.run(cypher("close_stale_edges", rel=rel), scope=scope,
                           before=seen_before, now=tx.now)
                tx.changes.closed_edges[rel].extend({"src": a, "dst": b}
                                                    for a, b in r[0]["pairs"])
                if r[0]["closed"]:
                    closed[rel.value] = r[0]["closed"]
            return closed

        return self.write(run)
