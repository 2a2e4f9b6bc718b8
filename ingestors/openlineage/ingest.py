"""Ingestion of OpenLineage events: validate and parse each, map the batch, write it in one
transaction. Shared by the HTTP receiver and `catalog replay`."""

from __future__ import annotations

import logging
import threading
import weakref
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from graph import GraphStore, Label
from graph.errors import InvalidInput, StoreAuthError, StoreUnavailable
from graph.labels import label_of
from graph.props import check_props
from graph.tx import Changes, StoreTx
from ingestors.openlineage.events import Event, EventError, parse_event
from ingestors.openlineage.gcpause import paused_gc
from ingestors.openlineage.group_commit import GroupWriter
from ingestors.openlineage.known import Known, KnownCache, Written
from ingestors.openlineage.mapping import BatchState, DatasetState, Plan, plan_event
from ingestors.openlineage.mapping.symlinks import referenced_datasets
from ingestors.openlineage.validate import Problem, validator
from ingestors.openlineage.writer import write_plan

log = logging.getLogger(__name__)


@dataclass
class EventResult:
    """What became of one event: accepted (written), or refused with its problems."""

    index: int
    accepted: bool = False
    errors: list[Problem] = field(default_factory=list)
    kind: str | None = None
    job: str | None = None
    run: str | None = None

    def as_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"index": self.index, "accepted": self.accepted}
        for key in ("kind", "job", "run"):
            if getattr(self, key):
                out[key] = getattr(self, key)
        if self.errors:
            out["errors"] = [p.as_dict() for p in self.errors]
        return out


@dataclass
class IngestResult:
    results: list[EventResult]
    written: dict[str, int] = field(default_factory=dict)

    @property
    def accepted(self) -> int:
        return sum(r.accepted for r in self.results)

    @property
    def rejected(self) -> int:
        return len(self.results) - self.accepted

    @property
    def ok(self) -> bool:
        return self.rejected == 0


@dataclass
class Prepared:
    """Events validated and parsed, before anything is written."""

    results: list[EventResult]
    events: list[Event]
    validated: bool = True

    @property
    def valid_indexes(self) -> list[int]:
        return [e.index for e in self.events]


def prepare_events(events: list[Any], *, validate: bool = True) -> Prepared:
    results = [EventResult(index=i) for i in range(len(events))]
    parsed: list[Event] = []
    check = validator() if validate else None
    for i, raw in enumerate(events):
        digests: dict[int, bytes] = {}
        problems = check.validate(raw, digests) if check else (
            [] if isinstance(raw, dict) else [Problem("$", "expected a JSON object")])
        if problems:
            results[i].errors = problems
            continue
        try:
            event = parse_event(raw, i)
        except EventError as exc:
            results[i].errors = [exc.problem]
            continue
        except (KeyError, TypeError, ValueError, AttributeError) as exc:  # validate=False
            results[i].errors = [Problem("$", f"not a usable event: {exc!r}")]
            continue
        event.digests = digests
        results[i].kind = event.kind
        results[i].job = event.job.id if event.job else None
        results[i].run = event.run.id if event.run else None
        parsed.append(event)
    return Prepared(results, parsed, validate)


def _check_plan(plan: Plan) -> None:
    """Refuse one event's plan, not the whole batch, when a value cannot be stored."""
    for label, rows in plan.nodes.items():
        for node_id, props in rows.items():
            if label_of(node_id) is not label:
                raise InvalidInput(node_id, f"is not a {label} id")
            check_props(node_id, props)
    for run, slots in plan.runs.items():
        check_props(run, {name: value for name, (_, value) in slots.items()})
    for (rel, _), pairs in plan.edges.items():
        starts, ends = rel.endpoints
        for (src, dst), props in pairs.items():
            if label_of(src) not in starts or label_of(dst) not in ends:
                raise InvalidInput(f"{src} -> {dst}", f"cannot be a {rel} edge")
            check_props(f"{src} -> {dst}", props)


def _apply(tx: StoreTx, events: list[Event], cache: KnownCache, checked: bool
           ) -> tuple[dict[int, Problem], dict[str, int], Written]:
    stored = cache.datasets(tx, {d for e in events for d in referenced_datasets(e)})
    state = BatchState({i: DatasetState(exists=True, canonical=r["canonical"],
                                        schema_hash=r["schema_hash"],
                                        lineage_hash=r["lineage_hash"],
                                        dropped_at=r["dropped_at"])
                        for i, r in stored.items()}, read=tx.run)
    refused: dict[int, Problem] = {}
    for event in events:
        try:
            plan = plan_event(event, state)
            if not checked:  # validation makes the values storable; without it, look
                _check_plan(plan)
        except (InvalidInput, ValueError, TypeError, KeyError, AttributeError) as exc:
            log.warning("OpenLineage event %s not mapped: %s", event.index, exc)
            refused[event.index] = Problem("$", f"could not be mapped: {exc}")
            continue
        state.plan.merge(plan)
    jobs, job_edges = cache.jobs(tx, state.plan.nodes.get(Label.JOB, {}))
    known = Known(datasets=stored, jobs=jobs, job_edges=job_edges,
                  run_keys=cache.run_keys(tx, state.plan.runs))
    counts, written = write_plan(tx, state.plan, known)
    return refused, counts, written


# events written in one transaction at most, when requests are grouped
MAX_GROUP_EVENTS = 2000


class _Ingestor:
    """Per store in this process: one writer at a time (runs merge by read-then-write), the
    requests waiting for it grouped, and what it remembers of the graph."""

    def __init__(self, store: GraphStore) -> None:
        self._store = weakref.ref(store)  # the registry must not keep a closed store alive
        self.cache = KnownCache()
        self.writer: GroupWriter[Prepared, tuple[dict[int, Problem], dict[str, int]]] = \
            GroupWriter(self._write, MAX_GROUP_EVENTS, isolate=_bad_data)

    def _write(self, group: Sequence[Prepared]
               ) -> list[tuple[dict[int, Problem], dict[str, int]]]:
        """The valid events of every request of `group` in one transaction, numbered
        through; each request gets its own refusals back, and the transaction's counts."""
        store = self._store()
        assert store is not None  # the caller of submit holds it
        events, owners = [], []
        for n, prepared in enumerate(group):
            for event in prepared.events:
                owners.append((n, event.index))
                events.append(replace(event, index=len(events)))
        checked = all(p.validated for p in group)
        refused, counts, remembered = store.write(
            lambda tx: _apply(tx, events, self.cache, checked))
        self.cache.remember(remembered)
        answers: list[tuple[dict[int, Problem], dict[str, int]]] = \
            [({}, counts) for _ in group]
        for position, problem in refused.items():
            n, index = owners[position]
            answers[n][0][index] = problem
        return answers


def _bad_data(exc: Exception) -> bool:
    """Errors worth writing a group's requests one by one for: not an unreachable engine
    (each alone would fail the same way, one timeout after another)."""
    return not isinstance(exc, StoreUnavailable | StoreAuthError)


_INGESTORS: weakref.WeakKeyDictionary[GraphStore, _Ingestor] = weakref.WeakKeyDictionary()
_INGESTORS_GUARD = threading.Lock()


def _ingestor(store: GraphStore) -> _Ingestor:
    with _INGESTORS_GUARD:
        state = _INGESTORS.get(store)
        if state is None:
            state = _INGESTORS[store] = _Ingestor(store)
            cache, lock = state.cache, state.writer.lock

            def forget(changes: Changes) -> None:  # another process's writes, from the feed
                with lock:
                    cache.forget_changes(changes)

            store.add_listener(forget, foreign_only=True)
        return state


def write_prepared(store: GraphStore, prepared: Prepared) -> IngestResult:
    """Write the valid events of `prepared` in one transaction (all of them or none); a
    request that arrives while another is written waits and is written with the others
    waiting then, in one transaction (`group_commit`)."""
    refused: dict[int, Problem] = {}
    written: dict[str, int] = {}
    if prepared.events:
        refused, written = _ingestor(store).writer.submit(prepared, len(prepared.events))
    for event in prepared.events:
        result = prepared.results[event.index]
        if event.index in refused:
            result.errors = [refused[event.index]]
        else:
            result.accepted = True
    return IngestResult(prepared.results, written)


def ingest_events(store: GraphStore, events: list[dict[str, Any]], *,
                  validate: bool = True) -> IngestResult:
    """Validate, map and write `events` as one transaction; a result per event."""
    with paused_gc():
        return write_prepared(store, prepare_events(events, validate=validate))


def ingest_event(store: GraphStore, event: dict[str, Any], *,
                 validate: bool = True) -> EventResult:
    return ingest_events(store, [event], validate=validate).results[0]
