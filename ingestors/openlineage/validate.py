"""Validation of OpenLineage events against the shipped JSON Schemas (offline).

The core schema (2-0-2) checks the event; each facet at a key the spec knows is then checked
against that facet's own schema, so an error names the facet and the field inside it; a
custom facet is checked as a base facet and kept as raw JSON. The relaxations that let real
producers in are listed in the README ("OpenLineage tolerances").
"""

from __future__ import annotations

import hashlib
import json
import uuid
from dataclasses import dataclass
from functools import cache
from typing import Any

import jsonschema_rs
import orjson
from jsonschema import Draft202012Validator, FormatChecker
from jsonschema.exceptions import ValidationError

from ingestors.openlineage import schemas
from ingestors.openlineage.times import parse_time

MAX_PROBLEMS = 50
_CACHE_SIZE = 20_000


@dataclass(frozen=True)
class Problem:
    """One reason an event was refused: a JSON path into the event and a message."""

    path: str
    message: str

    def as_dict(self) -> dict[str, str]:
        return {"path": self.path, "message": self.message}


def json_path(base: str, parts: Any) -> str:
    out = base
    for part in parts:
        if isinstance(part, int):
            out += f"[{part}]"
        elif isinstance(part, str) and part.isidentifier():
            out += f".{part}"
        else:
            out += f"[{json.dumps(part)}]"
    return out


EVENT_KINDS = ("RunEvent", "JobEvent", "DatasetEvent")


def _is_date_time(value: object) -> bool:
    return not isinstance(value, str) or parse_time(value) is not None


def _is_uuid(value: object) -> bool:
    if isinstance(value, str):
        try:
            uuid.UUID(value)
        except ValueError:
            return False
    return True


def _formats() -> FormatChecker:
    """The formats both validators check, with the same functions."""
    checker = FormatChecker(formats=())
    checker.checks("date-time")(_is_date_time)
    checker.checks("uuid")(_is_uuid)
    return checker


def _fast(schema: dict[str, Any]) -> jsonschema_rs.Validator:
    """The compiled (Rust) validator of `schema`: tells a valid value in a fraction of
    jsonschema's time, with the same format checks; jsonschema then names the problems."""
    return jsonschema_rs.validator_for(schema, registry=schemas.compiled_registry(),
                                       validate_formats=True,
                                       formats={"date-time": _is_date_time, "uuid": _is_uuid})


class _Checked:
    """A schema's two validators: the compiled one says whether a value is valid, and only
    for one that is not does jsonschema list the errors."""

    def __init__(self, schema: dict[str, Any], compile_):
        self.fast = _fast(schema)
        self.slow = compile_(schema)

    def iter_errors(self, value: Any):
        return iter(()) if self.fast.is_valid(value) else self.slow.iter_errors(value)


class _Facet:
    """A compiled facet validator and what the tolerance rules need to know of it."""

    def __init__(self, spec: schemas.FacetSchema, compile_):
        self.name = spec.name
        self.validator = _Checked(spec.schema, compile_)
        self.properties = spec.properties

    def problems(self, facet: dict[str, Any], base: str) -> list[Problem]:
        errors = list(self.validator.iter_errors(facet))
        if not errors:
            return []
        out = [p for e in errors for p in _leaf_problems(e, base)]
        if self._only_elided_collections(facet, errors):
            unknown = [k for k in facet if not k.startswith("_") and k not in self.properties]
            if not unknown:
                return []
            out += [Problem(json_path(base, [k]), f"is not a property of {self.name}")
                    for k in unknown]
        return out

    def _only_elided_collections(self, facet: dict[str, Any],
                                 errors: list[ValidationError]) -> bool:
        """Tolerated: only required object/array properties missing (1.0-era clients dropped
        empty collections when serialising) and nothing the schema does not define; a facet
        that also carries unknown properties is malformed, not old."""
        for error in errors:
            if error.validator != "required" or error.absolute_path:
                return False
            missing = [k for k in error.validator_value if k not in facet]
            if any(self.properties.get(k) not in ("object", "array") for k in missing):
                return False
        return True


class EventValidator:
    """Compiled validators: one per event kind, one per (location, facet key)."""

    def __init__(self) -> None:
        checker = _formats()
        registry = schemas.registry()

        def compile_(schema: dict[str, Any]) -> Draft202012Validator:
            return Draft202012Validator(schema, registry=registry, format_checker=checker)

        self.events = {kind: compile_(schemas.event_schema(kind))
                       for kind in EVENT_KINDS}
        # the common case, a valid event, is told by the compiled (Rust) validator in a
        # twentieth of the time; jsonschema then names every problem of an invalid one
        self.fast_events = {kind: _fast(schemas.event_schema(kind)) for kind in EVENT_KINDS}
        self.datasets = {key: _Checked(schemas.dataset_schema(key), compile_)
                         for key in schemas.DATASET_ITEMS}
        self.bases = {loc: _Checked(schemas.base_facet_schema(loc), compile_)
                      for loc in schemas.LOCATIONS}
        self.facets = {loc: {key: _Facet(spec, compile_) for key, spec in specs.items()}
                       for loc, specs in schemas.facet_schemas().items()}
        self._memo: dict[tuple, tuple[Problem, ...]] = {}

    def known(self, location: str, key: str) -> bool:
        return key in self.facets[location]

    def validate(self, event: Any, digests: dict[int, bytes] | None = None) -> list[Problem]:
        """Every problem of `event`, or [] when it is valid. `digests` receives the content
        digest of each facet (by id), which mapping reuses to tell a repeated facet."""
        if not isinstance(event, dict):
            return [Problem("$", f"expected a JSON object, got {type(event).__name__}")]
        kind = event_kind(event)
        if kind is None:
            return [Problem("$", "not an OpenLineage event: expected `run` and `job` "
                                 "(RunEvent), `job` (JobEvent) or `dataset` (DatasetEvent)")]
        problems = [] if self.fast_events[kind].is_valid(event) else [
            p for e in self.events[kind].iter_errors(event) for p in _leaf_problems(e, "$")]
        for key, path, entry in dataset_entries(event):
            problems += self._dataset_problems(key, entry, path)
        for base, location, facets in facet_sites(event):
            for key, facet in facets.items():
                path = json_path(base, [key])
                if isinstance(facet, dict):
                    problems += self._facet_problems(location, key, facet, path, digests)
                elif facet is not None:  # null: an absent facet
                    problems.append(Problem(path, "a facet must be a JSON object, got "
                                                  f"{type(facet).__name__}"))
        seen: set[Problem] = set()
        out = [p for p in problems if not (p in seen or seen.add(p))]
        return out[:MAX_PROBLEMS]

    def _facet_problems(self, location: str, key: str, facet: dict[str, Any], path: str,
                        digests: dict[int, bytes] | None) -> list[Problem]:
        """Facets repeat across events (every run of a job sends the same schema), so the
        outcome is remembered by content; problems are kept relative to the facet."""
        content = facet_digest(facet)
        if digests is not None:
            digests[id(facet)] = content

        def check() -> list[Problem]:
            spec = self.facets[location].get(key)
            if spec is None or facet.get("_deleted"):  # custom facet or deletion marker
                return [p for e in self.bases[location].iter_errors(facet)
                        for p in _leaf_problems(e, "")]
            return spec.problems(facet, "")

        return self._remembered((location, key, content), check, path)

    def _dataset_problems(self, key: str, entry: Any, path: str) -> list[Problem]:
        """A dataset of the event, its facet maps reduced to {} (they are checked facet by
        facet): what is left (names) repeats across runs, so the outcome is remembered."""
        if not isinstance(entry, dict):
            return []  # the event's schema says it must be an object
        reduced = {k: ({} if k in _FACET_MAPS and isinstance(v, dict) else v)
                   for k, v in entry.items()}

        def check() -> list[Problem]:
            return [p for e in self.datasets[key].iter_errors(reduced)
                    for p in _leaf_problems(e, "")]

        try:
            what = ("dataset", key, tuple((k, v if v != {} else None)
                                          for k, v in reduced.items()))
            hash(what)
        except TypeError:  # a value that is a list or a map: not worth remembering
            return [Problem(path + p.path, p.message) for p in check()]
        return self._remembered(what, check, path)

    def _remembered(self, what: tuple, check, path: str) -> list[Problem]:
        """Outcomes by content; the memo is cleared when full (a plain dict: no lock)."""
        found = self._memo.get(what)
        if found is None:
            found = tuple(check())
            if len(self._memo) >= _CACHE_SIZE:
                self._memo.clear()
            self._memo[what] = found
        return [Problem(path + p.path, p.message) for p in found] if found else []


def facet_digest(facet: Any) -> bytes:
    """A digest of a facet's content (and key order), cheap enough for every facet of every
    event (orjson serialises an order of magnitude faster than json.dumps)."""
    try:
        data = orjson.dumps(facet)
    except (orjson.JSONEncodeError, TypeError):  # not plain JSON data (validation off)
        data = json.dumps(facet, sort_keys=True, default=str).encode()
    return hashlib.blake2b(data, digest_size=16).digest()


def event_kind(event: dict[str, Any]) -> str | None:
    if "run" in event:
        return "RunEvent"
    if "dataset" in event:
        return "DatasetEvent"
    if "job" in event:
        return "JobEvent"
    return None


_FACET_MAPS = frozenset({"facets", "inputFacets", "outputFacets"})


def dataset_entries(event: dict[str, Any]):
    """(key, path, dataset) for the datasets of an event."""
    for key in ("inputs", "outputs"):
        items = event.get(key)
        for i, entry in enumerate(items if isinstance(items, list) else []):
            yield key, f"$.{key}[{i}]", entry
    if "dataset" in event and "run" not in event:
        yield "dataset", "$.dataset", event["dataset"]


def facet_sites(event: dict[str, Any]):
    """(path, location, facets) for every facet map of an event."""
    def facets_of(obj: Any, key: str) -> dict[str, Any]:
        value = obj.get(key) if isinstance(obj, dict) else None
        return value if isinstance(value, dict) else {}

    yield "$.run.facets", "run", facets_of(event.get("run"), "facets")
    yield "$.job.facets", "job", facets_of(event.get("job"), "facets")
    for side, extra, location in (("inputs", "inputFacets", "input"),
                                  ("outputs", "outputFacets", "output")):
        items = event.get(side)
        for i, ds in enumerate(items if isinstance(items, list) else []):
            yield f"$.{side}[{i}].facets", "dataset", facets_of(ds, "facets")
            yield f"$.{side}[{i}].{extra}", location, facets_of(ds, extra)
    yield "$.dataset.facets", "dataset", facets_of(event.get("dataset"), "facets")


def _leaf_problems(error: ValidationError, base: str) -> list[Problem]:
    if error.instance is None and error.validator != "required":
        return []  # tolerated: null for a value, as if it were absent
    if error.context:  # anyOf/oneOf: report what went wrong inside, not "not valid under any"
        return [p for sub in error.context for p in _leaf_problems(sub, base)]
    path = list(error.absolute_path)
    if error.validator == "required" and isinstance(error.instance, dict):
        return [Problem(json_path(base, [*path, name]), "is a required property")
                for name in error.validator_value if name not in error.instance]
    if error.validator == "format":
        return [Problem(json_path(base, path),
                        f"{error.instance!r} is not a valid {error.validator_value}")]
    return [Problem(json_path(base, path), error.message)]


@cache
def validator() -> EventValidator:
    return EventValidator()
