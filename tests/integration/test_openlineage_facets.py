"""What the README promises of single facets: a RENAME's previousIdentifier, `_deleted: true`,
the cut of raw facets over 256 KB, inputStatistics; and strict JSON at the receiver."""

from __future__ import annotations

import json

import httpx
from openlineage.client.event_v2 import InputDataset, Job, OutputDataset, Run, RunEvent, RunState
from openlineage.client.facet_v2 import (
    documentation_dataset,
    input_statistics_input_dataset,
    lifecycle_state_change_dataset,
    schema_dataset,
)
from openlineage.client.uuid import generate_new_uuid

from catalog.auth import Role
from graph import Rel
from identity import ids
from ingestors.openlineage import ingest_event
from tests.conftest import bearer
from tests.support.openlineage import PRODUCER, as_dict, at, rich_run, simple
from tests.support.server import gql

Lifecycle = lifecycle_state_change_dataset.LifecycleStateChange


def _ids(pairs) -> list[str]:
    return sorted(n["id"] for _, n in pairs)


def test_a_rename_keeps_the_first_name_as_the_node(store, server, uid):
    """RENAME with previousIdentifier: the old name stays the node, the new one is an alias
    that later events and dataset(id:) resolve to it."""
    ns = f"rename-{uid}"
    old, new = ids.dataset_id(ns, "shop.orders"), ids.dataset_id(ns, "shop.orders_v2")
    first = simple(ns, "loader", str(generate_new_uuid()), RunState.COMPLETE, 0,
                   inputs=(), outputs=("shop.orders",))
    assert ingest_event(store, as_dict(first)).accepted
    rename = RunEvent(
        eventType=RunState.COMPLETE, eventTime=at(10), producer=PRODUCER,
        run=Run(runId=str(generate_new_uuid())), job=Job(namespace=ns, name="renamer"),
        outputs=[OutputDataset(namespace=ns, name="shop.orders_v2", facets={
            "lifecycleStateChange": lifecycle_state_change_dataset.
            LifecycleStateChangeDatasetFacet(
                lifecycleStateChange=Lifecycle.RENAME,
                previousIdentifier=lifecycle_state_change_dataset.PreviousIdentifier(
                    namespace=ns, name="shop.orders")),
            "documentation": documentation_dataset.DocumentationDatasetFacet(
                description="renamed")})])
    assert ingest_event(store, as_dict(rename)).accepted
    node = store.get_node(old)
    assert node["lifecycle_state"] == "RENAME" and node["description"] == "renamed"
    assert node.get("valid_to") is None
    assert _ids(store.neighbours([new], Rel.SAME_AS)[new]) == [old]
    renamer = ids.job_id(ns, "renamer")
    assert _ids(store.neighbours([renamer], Rel.WRITES)[renamer]) == [old]
    # a later event naming the new name reads the same node
    later = simple(ns, "reader", str(generate_new_uuid()), RunState.COMPLETE, 20,
                   inputs=("shop.orders_v2",), outputs=())
    assert ingest_event(store, as_dict(later)).accepted
    reader = ids.job_id(ns, "reader")
    assert _ids(store.neighbours([reader], Rel.READS)[reader]) == [old]
    data = gql(server, "query($id: ID!) { dataset(id: $id) { id name description } }",
               {"id": new})
    assert data["data"]["dataset"] == {"id": old, "name": "shop.orders",
                                       "description": "renamed"}


def test_a_deleted_facet_removes_what_it_set(store, uid):
    ns = f"del-{uid}"
    event = as_dict(rich_run(ns, "build_report"))
    event["job"]["facets"]["my_job_custom"] = {"_producer": PRODUCER,
                                               "_schemaURL": "https://x/y.json", "a": 1}
    assert ingest_event(store, event).accepted
    report_ref = event["outputs"][0]
    report = ids.dataset_id(report_ref["namespace"], report_ref["name"])
    job = ids.job_id(ns, "build_report")
    before, job_before = store.get_node(report), store.get_node(job)
    assert before["description"] == "Daily report" and before["version"] == "v42"
    assert "facet_my_custom" in before
    assert job_before["sql"] == "SELECT 1" and job_before["description"] == "Builds it"
    assert "facet_my_job_custom" in job_before
    assert len(store.neighbours([report], Rel.OWNED_BY)[report]) == 2

    closed_owners: list[tuple[str, str]] = []  # what the store's listeners are told

    def listen(changes) -> None:
        closed_owners.extend((e["src"], e["dst"]) for e in changes.closed_edges.get(
            Rel.OWNED_BY, ()) if e["src"] == report)

    store.add_listener(listen)
    gone = {"_producer": PRODUCER, "_schemaURL": "https://x/y.json", "_deleted": True}
    event["run"]["runId"] = str(generate_new_uuid())
    event["eventTime"] = at(30)
    for key in ("documentation", "version", "ownership", "my_custom"):
        report_ref["facets"][key] = dict(gone)
    for key in ("sql", "documentation", "my_job_custom", "tags"):
        event["job"]["facets"][key] = dict(gone)
    assert ingest_event(store, event).accepted
    after, job_after = store.get_node(report), store.get_node(job)
    for prop in ("description", "version", "facet_my_custom"):
        assert prop not in after, prop
    for prop in ("sql", "sql_dialect", "description", "facet_my_job_custom"):
        assert prop not in job_after, prop
    assert store.neighbours([report], Rel.OWNED_BY)[report] == []  # closed, not deleted
    assert len(store.neighbours([report], Rel.OWNED_BY, current=False)[report]) == 2
    # listeners (the search index's owner facet, other processes through the feed) hear it
    assert sorted(closed_owners) == sorted(
        (report, node["id"]) for _, node in store.neighbours([report], Rel.OWNED_BY,
                                                            current=False)[report])
    assert store.neighbours([job], Rel.TAGGED)[job] == []
    # what the event did not delete stays
    assert after["row_count"] == 1234 and job_after["source_code_url"].endswith("report.py")
    assert _ids(store.neighbours([job], Rel.OWNED_BY)[job]) == ["owner:team:analytics"]


def test_a_raw_facet_over_256_kb_is_cut_to_a_marker(store, uid):
    ns = f"big-{uid}"
    event = as_dict(simple(ns, "job", str(generate_new_uuid()), RunState.COMPLETE, 0))
    big = {"_producer": PRODUCER, "_schemaURL": "https://x/y.json", "blob": "x" * 300_000}
    small = {"_producer": PRODUCER, "_schemaURL": "https://x/y.json", "blob": "x" * 1000}
    event["outputs"][0]["facets"] = {"big_one": big, "small_one": small}
    event["run"]["facets"] = {"big_run": big}
    assert ingest_event(store, event).accepted
    node = store.get_node(ids.dataset_id(ns, "b"))
    size = len(json.dumps(big, sort_keys=True))
    assert json.loads(node["facet_big_one"]) == {"_truncated": True, "bytes": size}
    assert json.loads(node["facet_small_one"]) == small  # under the limit: kept whole
    run = store.get_node(ids.run_id(event["run"]["runId"]))
    assert json.loads(run["facet_big_run"]) == {"_truncated": True, "bytes": size}


def test_input_statistics_land_on_the_dataset(store, uid):
    ns = f"instats-{uid}"
    run_id = str(generate_new_uuid())
    stats = input_statistics_input_dataset.InputStatisticsInputDatasetFacet(
        rowCount=42, size=4096, fileCount=3)
    event = RunEvent(
        eventType=RunState.COMPLETE, eventTime=at(0), producer=PRODUCER,
        run=Run(runId=run_id), job=Job(namespace=ns, name="reader"),
        inputs=[InputDataset(namespace=ns, name="src", inputFacets={"inputStatistics": stats},
                             facets={"schema": schema_dataset.SchemaDatasetFacet(fields=[
                                 schema_dataset.SchemaDatasetFacetFields(name="id")])})],
        outputs=[])
    assert ingest_event(store, as_dict(event)).accepted
    node = store.get_node(ids.dataset_id(ns, "src"))
    assert {k: v for k, v in json.loads(node["input_statistics"]).items()
            if not k.startswith("_")} == {"rowCount": 42, "size": 4096, "fileCount": 3}
    assert node["stats_run"] == ids.run_id(run_id)


def test_a_body_that_is_not_strict_json_is_bad_json_with_the_position(store, server, tokens,
                                                                      uid):
    good = json.dumps(as_dict(simple(f"strict-{uid}", "job", str(generate_new_uuid()),
                                     RunState.COMPLETE, 0)))
    nan = good.replace('"eventType"', '"x": NaN, "eventType"', 1)
    surrogate = good.replace('"eventType"', '"x": "\\ud800", "eventType"', 1)
    for body, what, char in ((nan, "expected a JSON value", nan.index("NaN")),
                             (surrogate, "surrogate", surrogate.index("\\ud800"))):
        for path in ("/api/v1/lineage", "/api/v1/lineage/batch"):
            r = httpx.post(f"{server}{path}", content=body.encode(), timeout=60,
                           headers={"Content-Type": "application/json",
                                    **bearer(tokens[Role.INGEST])})
            assert r.status_code == 400, (path, r.text)
            answer = r.json()
            assert answer["error"] == "BAD_JSON", answer
            [problem] = answer["errors"]
            assert what in problem["message"], answer
            assert f"(char {char})" in problem["message"], answer
    assert store.get_nodes([ids.job_id(f"strict-{uid}", "job")]) == {}  # nothing written
