"""Events as the mapping reads them: normalised (nulls dropped, times in UTC) and typed.

Validation has already run; what is checked here is only what the schema cannot say
(an empty namespace or name would make an id that means nothing).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from identity import ids
from ingestors.openlineage.times import iso
from ingestors.openlineage.validate import Problem, event_kind

# how far an event type moves a run: a later event wins, and at one instant a terminal
# state wins over RUNNING over START (OTHER and a missing type carry no state)
STATE_RANK = {"START": 1, "RUNNING": 2, "COMPLETE": 3, "FAIL": 3, "ABORT": 3}
TERMINAL = frozenset({"COMPLETE", "FAIL", "ABORT"})


class EventError(ValueError):
    def __init__(self, path: str, message: str):
        self.problem = Problem(path, message)
        super().__init__(f"{path}: {message}")


@dataclass
class DatasetRef:
    """A dataset as one event names it, with its facets (and input/output facets)."""

    namespace: str
    name: str
    id: str
    path: str
    facets: dict[str, Any] = field(default_factory=dict)
    io_facets: dict[str, Any] = field(default_factory=dict)


@dataclass
class JobRef:
    namespace: str
    name: str
    id: str
    facets: dict[str, Any] = field(default_factory=dict)


@dataclass
class RunRef:
    run_id: str
    id: str
    facets: dict[str, Any] = field(default_factory=dict)


@dataclass
class Event:
    """One validated event, ready to be mapped."""

    index: int
    kind: str
    event_type: str | None
    time: str
    producer: str
    job: JobRef | None = None
    run: RunRef | None = None
    inputs: list[DatasetRef] = field(default_factory=list)
    outputs: list[DatasetRef] = field(default_factory=list)
    dataset: DatasetRef | None = None
    # content digests of the facets (by id), computed once by validation
    digests: dict[int, bytes] = field(default_factory=dict, repr=False)

    @property
    def key(self) -> str:
        """Orders the events of one run: event time, then how far the type moves the run."""
        return f"{self.time}|{STATE_RANK.get(self.event_type or '', 0)}"

    def datasets(self) -> list[DatasetRef]:
        return [*self.inputs, *self.outputs, *([self.dataset] if self.dataset else [])]


def _facets(value: Any) -> dict[str, Any]:
    """A facet map without null facets (producers send null for an absent one)."""
    return {k: v for k, v in value.items() if v is not None} if isinstance(value, dict) else {}


def _name(obj: Any, key: str, path: str) -> str:
    value = obj.get(key) if isinstance(obj, dict) else None
    if not isinstance(value, str) or not value.strip():
        raise EventError(f"{path}.{key}", "must be a non-empty string")
    return value


def dataset_ref(obj: dict[str, Any], path: str, io_key: str | None = None) -> DatasetRef:
    namespace, name = _name(obj, "namespace", path), _name(obj, "name", path)
    for key, value in (("namespace", namespace), ("name", name)):
        if "#" in value:
            raise EventError(f"{path}.{key}", "'#' cannot appear in a dataset name: catalog "
                                              "ids use it to separate a column's path")
    return DatasetRef(namespace, name, ids.dataset_id(namespace, name), path,
                      _facets(obj.get("facets")), _facets(obj.get(io_key)) if io_key else {})


def parse_event(raw: dict[str, Any], index: int = 0) -> Event:
    """A typed Event from a validated event (nulls stand for absent values); EventError
    names what is wrong."""
    kind = event_kind(raw)
    if kind is None:
        raise EventError("$", "not an OpenLineage event")
    time = iso(raw.get("eventTime"))
    if time is None:
        raise EventError("$.eventTime", "is not a valid date-time")
    event = Event(index=index, kind=kind, event_type=raw.get("eventType"), time=time,
                  producer=str(raw.get("producer") or ""))
    if kind in ("RunEvent", "JobEvent"):
        job = raw.get("job")
        ns, name = _name(job, "namespace", "$.job"), _name(job, "name", "$.job")
        event.job = JobRef(ns, name, ids.job_id(ns, name), _facets(job.get("facets")))
        event.inputs = [dataset_ref(d, f"$.inputs[{i}]", "inputFacets")
                        for i, d in enumerate(raw.get("inputs") or []) if d is not None]
        event.outputs = [dataset_ref(d, f"$.outputs[{i}]", "outputFacets")
                         for i, d in enumerate(raw.get("outputs") or []) if d is not None]
    if kind == "RunEvent":
        run = raw.get("run")
        run_uuid = _name(run, "runId", "$.run").lower()
        event.run = RunRef(run_uuid, ids.run_id(run_uuid), _facets(run.get("facets")))
    if kind == "DatasetEvent":
        event.dataset = dataset_ref(raw.get("dataset"), "$.dataset")
    return event
