"""Events built with openlineage-python's own classes (what real producers send)."""

from __future__ import annotations

import json
import uuid
from datetime import UTC, datetime, timedelta

from openlineage.client.event_v2 import InputDataset, Job, OutputDataset, Run, RunEvent, RunState
from openlineage.client.facet_v2 import (
    column_lineage_dataset,
    data_quality_assertions_dataset,
    dataset_version_dataset,
    datasource_dataset,
    documentation_dataset,
    documentation_job,
    error_message_run,
    job_type_job,
    lifecycle_state_change_dataset,
    nominal_time_run,
    output_statistics_output_dataset,
    ownership_dataset,
    ownership_job,
    parent_run,
    schema_dataset,
    source_code_location_job,
    sql_job,
    symlinks_dataset,
    tags_dataset,
    tags_job,
)
from openlineage.client.serde import Serde
from openlineage.client.uuid import generate_new_uuid

from tests.conftest import FIXTURES
from tests.support.fixture_files import found

PRODUCER = "https://github.com/OpenLineage/OpenLineage/tree/1.30.0/client/python"
T0 = datetime(2024, 5, 1, 10, 0, tzinfo=UTC)


def as_dict(event) -> dict:
    return json.loads(Serde.to_json(event))


def at(minutes: float) -> str:
    return (T0 + timedelta(minutes=minutes)).isoformat()


def schema(*names: str, nested: dict[str, list[str]] | None = None):
    nested = nested or {}
    return schema_dataset.SchemaDatasetFacet(fields=[
        schema_dataset.SchemaDatasetFacetFields(
            name=n, type="struct" if n in nested else "varchar", description=f"the {n}",
            fields=[schema_dataset.SchemaDatasetFacetFields(name=c, type="varchar")
                    for c in nested.get(n, [])] or None)
        for n in names])


def lineage(ns: str, mapping: dict[str, list[tuple[str, str, str, str | None, bool]]],
            dataset_level: list[tuple[str, str, str]] = ()):
    """{out field: [(input dataset, field, type, subtype, masking)]}"""
    def field(ds, fld, kind="INDIRECT", subtype="FILTER", masking=False):
        return column_lineage_dataset.InputField(
            namespace=ns, name=ds, field=fld, transformations=[
                column_lineage_dataset.Transformation(type=kind, subtype=subtype,
                                                      description=f"{kind} {subtype}",
                                                      masking=masking)])
    return column_lineage_dataset.ColumnLineageDatasetFacet(
        fields={out: column_lineage_dataset.Fields(inputFields=[field(*i) for i in items])
                for out, items in mapping.items()},
        dataset=[field(ds, fld, "INDIRECT", sub) for ds, fld, sub in dataset_level])


def rich_run(ns: str, job: str, run_id: str | None = None, *, state=RunState.COMPLETE,
             minutes: float = 5):
    """One event with most of the facets the mapping handles."""
    run_id = run_id or str(generate_new_uuid())
    parent_id = str(uuid.uuid4())
    db = f"postgres://{ns}:5432"
    orders = InputDataset(namespace=db, name="shop.public.orders", facets={
        "schema": schema("id", "email", "address", nested={"address": ["city", "zip"]}),
        "dataSource": datasource_dataset.DatasourceDatasetFacet(
            name="shop", uri=f"postgres://etl:secret@{ns}:5432/shop"),
        "symlinks": symlinks_dataset.SymlinksDatasetFacet(identifiers=[
            symlinks_dataset.Identifier(namespace=f"hive://{ns}", name="shop.orders",
                                        type="TABLE")]),
        "tags": tags_dataset.TagsDatasetFacet(tags=[
            tags_dataset.TagsDatasetFacetFields(key="pii", value="true", source="DBT"),
            tags_dataset.TagsDatasetFacetFields(key="pii", value="email", field="email")]),
    })
    report = OutputDataset(namespace=db, name="shop.public.report", facets={
        "schema": schema("order_id", "email_hash", "city"),
        "documentation": documentation_dataset.DocumentationDatasetFacet(
            description="Daily report"),
        "version": dataset_version_dataset.DatasetVersionDatasetFacet(datasetVersion="v42"),
        "ownership": ownership_dataset.OwnershipDatasetFacet(owners=[
            ownership_dataset.Owner(name="team:analytics", type="MAINTAINER"),
            ownership_dataset.Owner(name="user:jdoe@example.com")]),
        "columnLineage": lineage(db, {
            "order_id": [("shop.public.orders", "id", "DIRECT", "IDENTITY", False)],
            "email_hash": [("shop.public.orders", "email", "DIRECT", "TRANSFORMATION", True)],
            "city": [("shop.public.orders", "address.city", "DIRECT", "IDENTITY", False)],
        }, dataset_level=[("shop.public.orders", "email", "FILTER")]),
        "dataQualityAssertions": data_quality_assertions_dataset.DataQualityAssertionsDatasetFacet(
            assertions=[data_quality_assertions_dataset.Assertion(
                assertion="not_null", success=True, column="order_id")]),
        "my_custom": documentation_dataset.DocumentationDatasetFacet(description="custom"),
    }, outputFacets={"outputStatistics":
                     output_statistics_output_dataset.OutputStatisticsOutputDatasetFacet(
                         rowCount=1234, size=56789)})
    return RunEvent(
        eventType=state, eventTime=at(minutes), producer=PRODUCER,
        run=Run(runId=run_id, facets={
            "nominalTime": nominal_time_run.NominalTimeRunFacet(
                nominalStartTime=at(0), nominalEndTime=at(60)),
            "parent": parent_run.ParentRunFacet.create(parent_id, ns, "daily_dag"),
            **({"errorMessage": error_message_run.ErrorMessageRunFacet(
                message="boom", programmingLanguage="python")}
               if state == RunState.FAIL else {}),
        }),
        job=Job(namespace=ns, name=job, facets={
            "jobType": job_type_job.JobTypeJobFacet(processingType="BATCH",
                                                    integration="SPARK", jobType="JOB"),
            "sql": sql_job.SQLJobFacet(query="SELECT 1", dialect="postgres"),
            "documentation": documentation_job.DocumentationJobFacet(description="Builds it"),
            "sourceCodeLocation": source_code_location_job.SourceCodeLocationJobFacet(
                type="git", url="https://git.example.com/etl/report.py"),
            "ownership": ownership_job.OwnershipJobFacet(owners=[
                ownership_job.Owner(name="team:analytics")]),
            "tags": tags_job.TagsJobFacet(tags=[tags_job.TagsJobFacetFields(
                key="tier", value="gold")]),
        }),
        inputs=[orders], outputs=[report])


def drop(ns: str, name: str, minutes: float):
    return RunEvent(
        eventType=RunState.COMPLETE, eventTime=at(minutes), producer=PRODUCER,
        run=Run(runId=str(generate_new_uuid())), job=Job(namespace=ns, name="dropper"),
        outputs=[OutputDataset(namespace=ns, name=name, facets={
            "lifecycleStateChange": lifecycle_state_change_dataset.LifecycleStateChangeDatasetFacet(
                lifecycleStateChange=lifecycle_state_change_dataset.LifecycleStateChange.DROP)})])


def simple(ns: str, job: str, run_id: str, state: RunState, minutes: float,
           inputs=("a",), outputs=("b",), **run_facets):
    return RunEvent(eventType=state, eventTime=at(minutes), producer=PRODUCER,
                    run=Run(runId=run_id, facets=run_facets or None),
                    job=Job(namespace=ns, name=job),
                    inputs=[InputDataset(namespace=ns, name=n) for n in inputs],
                    outputs=[OutputDataset(namespace=ns, name=n) for n in outputs])


# -- the spec's facet examples, wrapped into events --------------------------------------
SPEC_TESTS = FIXTURES / "openlineage" / "spec" / "spec" / "tests"
SPEC_EXAMPLE_COUNT = 46  # the facet examples of the spec version in ../shared/fixtures
SPEC_EXAMPLES = found((p for p in SPEC_TESTS.rglob("*.json") if p.parent != SPEC_TESTS),
                      "the spec's facet examples", SPEC_EXAMPLE_COUNT)


def base_event(**extra):
    return {"eventType": "START", "eventTime": "2024-05-01T10:00:00.000Z",
            "producer": PRODUCER,
            "schemaURL": "https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent",
            "run": {"runId": "0190b0a4-2c45-7a3b-8f1e-6d2f5c9a1b01"},
            "job": {"namespace": "ns", "name": "job"},
            "inputs": [{"namespace": "ns", "name": "in"}],
            "outputs": [{"namespace": "ns", "name": "out"}], **extra}


def _location(folder: str, facet: dict) -> str:
    fragment = str(facet.get("_schemaURL", "")).rsplit("/", 1)[-1]
    name = fragment if fragment.endswith("Facet") else folder
    for marker, location in (("RunFacet", "run"), ("JobFacet", "job"), ("Input", "input"),
                             ("Output", "output")):
        if marker in name:
            return location
    return "dataset"


def wrap(folder: str, doc: dict) -> dict:
    """A RunEvent carrying the facets of a spec example where that facet belongs."""
    event = base_event()
    for key, facet in doc.items():
        target = {"run": event["run"], "job": event["job"], "dataset": event["outputs"][0],
                  "input": event["inputs"][0], "output": event["outputs"][0]}
        slot = {"run": "facets", "job": "facets", "dataset": "facets",
                "input": "inputFacets", "output": "outputFacets"}
        loc = _location(folder, facet)
        target[loc].setdefault(slot[loc], {})[key] = facet
    return event
