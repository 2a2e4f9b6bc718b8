"""Validation of OpenLineage events against the shipped spec: what real producers send is
accepted, what is broken is refused with a JSON path naming the facet or field."""

from __future__ import annotations

import copy
import csv
import json
from pathlib import Path

import pytest

from ingestors.openlineage.events import parse_event
from ingestors.openlineage.validate import validator
from tests.conftest import FIXTURES
from tests.support.fixture_files import found
from tests.support.openlineage import (
    SPEC_EXAMPLE_COUNT,
    SPEC_EXAMPLES,
    SPEC_TESTS,
    base_event,
    wrap,
)

OL = FIXTURES / "openlineage"
MARQUEZ = OL / "marquez" / "api_test_resources"
PRODUCER = "https://github.com/OpenLineage/OpenLineage/tree/1.30.0/client/python"


def problems(event):
    return [p.as_dict() for p in validator().validate(event)]


@pytest.mark.parametrize("path", SPEC_EXAMPLES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_every_spec_facet_example_is_accepted(path: Path):
    event = wrap(path.parent.name, json.loads(path.read_text()))
    assert problems(event) == []


def test_the_spec_examples_are_all_there():
    """The parametrised test above must not shrink silently with the fixtures."""
    assert len(SPEC_EXAMPLES) == SPEC_EXAMPLE_COUNT


def test_the_spec_full_event_example_is_accepted():
    assert problems(json.loads((SPEC_TESTS / "example_full_event.json").read_text())) == []


MARQUEZ_EVENTS = found([*(MARQUEZ / "open_lineage").rglob("*.json"),
                        *(MARQUEZ / "apples").glob("*.json")], "Marquez API events", 23)


@pytest.mark.parametrize("path", MARQUEZ_EVENTS, ids=lambda p: p.name)
def test_marquez_api_edge_cases_are_accepted(path: Path):
    event = json.loads(path.read_text())
    assert problems(event) == []
    parsed = parse_event(event)
    assert parsed.time.endswith("Z") and len(parsed.time) == 27


def _manifest() -> dict[str, dict]:
    with (OL / "clients" / "MANIFEST.csv").open() as fh:
        return {Path(r["file"]).name: r for r in csv.DictReader(fh)}


# file -> the facet/field the path must name, from clients/MANIFEST.csv first_spec_error
REFUSED = {
    "event_invalid_dataset_facet.json": "$.outputs[0].facets.ownership.owners[0].name",
    "event_invalid_job_facet.json": "$.job.facets.ownership.owners[0].name",
    "event_invalid_run_facet.json": "$.run.facets.parent.run.runId",
    "event_invalid_output_dataset_facet.json":
        "$.outputs[0].outputFacets.outputStatistics.rowCount",
    "event_invalid_input_dataset_facet.json": "$.inputs[0].inputFacets.dataQualityMetrics.",
    "event_no_run_id.json": "$.run.runId",
}


@pytest.mark.parametrize("name", sorted(REFUSED))
def test_fluentd_invalid_events_are_refused_naming_the_field(name: str):
    assert _manifest()[name]["kind"].startswith("negative_example")
    event = json.loads((OL / "clients" / "proxy_fluentd" / "events" / name).read_text())
    found = problems(event)
    assert found, f"{name} was accepted"
    assert any(p["path"].startswith(REFUSED[name]) for p in found), found


def test_client_and_proxy_events_the_manifest_calls_valid_are_accepted():
    valid = [(name, row) for name, row in _manifest().items()
             if row["kind"] == "full_valid_event"]
    assert len(valid) == 7  # the loop below must check something
    for name, row in valid:
        folder = "client_python" if row["integration"] == "client_python" else \
            "proxy_fluentd/" + row["file"].split("/")[-2]
        event = json.loads((OL / "clients" / folder / name).read_text())
        assert problems(event) == [], name


def test_tolerances_of_real_producers():
    event = base_event()
    del event["schemaURL"]  # older producers send none
    event["eventTime"] = "2024-05-01T10:00:00.123456789"  # nanoseconds, no zone
    event["run"]["facets"] = {"nominalTime": {"nominalStartTime": "2024-05-01T10:00:00Z",
                                              "nominalEndTime": None}}  # no _producer
    event["outputs"][0]["facets"] = {
        "spark_version": {"_producer": PRODUCER, "_schemaURL": "https://x/y.json",
                          "spark-version": "3.5.1", "nested": {"a": [1, 2]}},
        "documentation": {"_deleted": True}}
    assert problems(event) == []
    parsed = parse_event(event)
    assert parsed.time == "2024-05-01T10:00:00.123456Z"


@pytest.mark.parametrize("mutate, path", [
    (lambda e: e.update(eventType="STARTED"), "$.eventType"),
    (lambda e: e.update(eventTime="yesterday"), "$.eventTime"),
    (lambda e: e["run"].update(runId="not-a-uuid"), "$.run.runId"),
    (lambda e: e["outputs"][0].pop("namespace"), "$.outputs[0].namespace"),
    (lambda e: e["job"].update(facets={"sql": {"dialect": "postgres"}}),
     "$.job.facets.sql.query"),
    (lambda e: e["outputs"][0].update(facets={"schema": {"fields": [{"type": "int"}]}}),
     "$.outputs[0].facets.schema.fields[0].name"),
    (lambda e: e["outputs"][0].update(facets={"custom": "not an object"}),
     "$.outputs[0].facets.custom"),
    (lambda e: e["run"].update(facets={"my.custom": {"_producer": 42}}),
     '$.run.facets["my.custom"]._producer'),
])
def test_broken_events_name_the_path(mutate, path):
    event = copy.deepcopy(base_event())
    mutate(event)
    assert path in [p["path"] for p in problems(event)]


def test_not_an_event():
    assert problems([1, 2])[0]["path"] == "$"
    assert "not an OpenLineage event" in problems({"eventTime": "x"})[0]["message"]


def _wrong(value):
    """A value of another JSON type than `value`."""
    return 12345 if isinstance(value, str | dict | list | bool) or value is None else "x"


def test_the_compiled_and_the_listing_validators_agree_on_every_facet():
    """A facet the compiled validator calls valid is never one jsonschema finds errors in
    (it decides alone), over every spec example and each of its fields made a wrong type."""
    v = validator()
    checked = 0
    for path in SPEC_EXAMPLES:
        for key, facet in json.loads(path.read_text()).items():
            site = next((facets[key] for facets in v.facets.values() if key in facets), None)
            if site is None or not isinstance(facet, dict):
                continue
            variants = [facet, *({**facet, k: _wrong(val)} for k, val in facet.items())]
            for value in variants:
                slow = not any(True for _ in site.validator.slow.iter_errors(value))
                assert site.validator.fast.is_valid(value) == slow, (path.name, key, value)
                checked += 1
    assert checked > 200
