"""OpenLineage events into the real engine: the Marquez seed's exact lineage, the mapping
of every facet family, run merging whatever the order, idempotent replays."""

from __future__ import annotations

import itertools
import json

import pytest
from openlineage.client.event_v2 import RunState
from openlineage.client.uuid import generate_new_uuid

from identity import ids
from ingestors.openlineage import ingest_event, ingest_events, prepare_events
from ingestors.openlineage.ingest import _ingestor
from tests.conftest import FIXTURES
from tests.support.openlineage import (
    SPEC_EXAMPLES,
    SPEC_TESTS,
    _location,
    as_dict,
    drop,
    rich_run,
    simple,
    wrap,
)
from tests.support.snapshot import differences, snapshot

SEED = FIXTURES / "openlineage" / "marquez" / "seed" / "metadata.rendered.ndjson"
EXPECTED = FIXTURES / "openlineage" / "marquez" / "derived" / "expected_lineage.json"


def _seed_edges(store):
    feeds = store.query(
        "MATCH (a:Dataset)-[:FEEDS]->(b:Dataset) WHERE a.namespace = 'food_delivery' "
        "AND b.namespace = 'food_delivery' RETURN a.name AS a, b.name AS b")
    cols = store.query(
        "MATCH (o:Column)-[:DERIVES_FROM]->(i:Column) "
        "WHERE o.id STARTS WITH 'dataset:food_delivery:' "
        "AND i.id STARTS WITH 'dataset:food_delivery:' RETURN o.id AS o, i.id AS i")

    def split(col_id):
        ds, path = col_id.split("#", 1)
        return ds.removeprefix("dataset:food_delivery:"), path

    return (sorted([r["a"], r["b"]] for r in feeds),
            sorted([*split(r["i"]), *split(r["o"])] for r in cols))


def test_marquez_seed_gives_exactly_the_expected_lineage(store):
    events = [json.loads(line) for line in SEED.read_text().splitlines() if line.strip()]
    expected = json.loads(EXPECTED.read_text())
    result = ingest_events(store, events)
    assert result.ok and result.accepted == 26, [r.as_dict() for r in result.results]
    tables, columns = _seed_edges(store)
    assert tables == sorted(expected["table_edges"]) and len(tables) == 13
    assert columns == sorted(expected["column_edges"]) and len(columns) == 39
    job = store.get_node(ids.job_id("food_delivery", "etl_orders_7_days"))
    assert job["sql"].startswith("INSERT INTO orders_7_days")
    assert job["description"] == "Loads newly placed orders weekly."
    menus = store.get_node(ids.dataset_id("food_delivery", "public.menus"))
    assert menus["platform"] == "postgres" and menus["description"] == "A table for menus."
    assert "food_delivery@" not in menus["datasource_uri"]  # credentials dropped
    # the same events again: the same graph, but for last_seen
    mine = ["dataset:food_delivery:", "job:food_delivery:",
            *{ids.run_id(e["run"]["runId"]) for e in events}]
    before = snapshot(store, mine)
    assert len(before["nodes"]) > 100 and len(before["edges"]) > 100
    assert ingest_events(store, events).ok
    assert differences(before, snapshot(store, mine)) == []
    assert _seed_edges(store) == (tables, columns)


def test_every_facet_family_lands(store, uid):
    ns = f"ol-{uid}"
    event = as_dict(rich_run(ns, "build_report"))
    result = ingest_event(store, event)
    assert result.accepted, result.as_dict()
    db = f"postgres://{ns}:5432"
    orders, report = ids.dataset_id(db, "shop.public.orders"), \
        ids.dataset_id(db, "shop.public.report")
    job, run = ids.job_id(ns, "build_report"), ids.run_id(event["run"]["runId"])
    nodes = store.get_nodes([orders, report, job, run, f"{orders}#address.city"])
    assert nodes[orders]["platform"] == "postgres"
    assert nodes[orders]["datasource_uri"] == f"postgres://{ns}:5432/shop"
    assert nodes[f"{orders}#address.city"]["parent"] == "address"
    rep = nodes[report]
    assert (rep["description"], rep["version"], rep["row_count"]) == ("Daily report", "v42", 1234)
    assert rep["quality_passed"] is True and rep["stats_run"] == run
    assert json.loads(rep["facet_my_custom"])["description"] == "custom"
    assert nodes[job]["type"] == "JOB" and nodes[job]["integration"] == "SPARK"
    assert nodes[job]["source_code_url"].endswith("report.py")
    assert nodes[run]["state"] == "COMPLETE" and nodes[run]["nominal_time"].startswith(
        "2024-05-01T10:00:00")
    # column lineage with transformations, masking and the job
    edges = {(e["node"]["id"]): e for e, _ in [
        (dict(edge=edge, node=node), None)
        for edge, node in store.neighbours([f"{report}#email_hash"], _rel("DERIVES_FROM"))[
            f"{report}#email_hash"]]}
    email = edges[f"{orders}#email"]["edge"]
    assert email["job"] == job and email["masking"] is True
    assert json.loads(email["transformations"]) == [
        {"type": "DIRECT", "subtype": "TRANSFORMATION", "description": "DIRECT TRANSFORMATION",
         "masking": True}]
    dataset_level = store.neighbours([report], _rel("DERIVES_FROM"))[report]
    assert [n["id"] for _, n in dataset_level] == [f"{orders}#email"]
    # owners, tags (a field's tag on its column), parent run, symlink alias
    owners = {n["id"]: e["role"] for e, n in store.neighbours([report], _rel("OWNED_BY"))[report]}
    assert owners == {"owner:team:analytics": "maintainer",
                      "owner:user:jdoe@example.com": "owner"}
    assert [n["name"] for _, n in store.neighbours([orders], _rel("TAGGED"))[orders]] == ["pii"]
    col_tags = store.neighbours([f"{orders}#email"], _rel("TAGGED"))[f"{orders}#email"]
    assert [n["name"] for _, n in col_tags] == ["pii:email"]
    parent = store.neighbours([run], _rel("PARENT"))[run]
    assert parent and parent[0][1]["id"].startswith("run:")
    alias = ids.dataset_id(f"hive://{ns}", "shop.orders")
    same = store.neighbours([alias], _rel("SAME_AS"))[alias]
    assert [n["id"] for _, n in same] == [orders]
    feeds = store.neighbours([orders], _rel("FEEDS"))[orders]
    assert [(n["id"], e["jobs"]) for e, n in feeds] == [(report, [job])]


def _rel(name):
    from graph import Rel
    return Rel(name)


def test_a_symlinked_name_resolves_to_one_node(store, uid):
    ns = f"ol-{uid}"
    ingest_event(store, as_dict(rich_run(ns, "build_report")))
    db = f"postgres://{ns}:5432"
    # a later producer names the table by its Hive name only
    later = as_dict(simple(f"hive://{ns}", "reader", str(generate_new_uuid()),
                           RunState.COMPLETE, 30, inputs=("shop.orders",), outputs=()))
    assert ingest_event(store, later).accepted
    reader = ids.job_id(f"hive://{ns}", "reader")
    reads = store.neighbours([reader], _rel("READS"))[reader]
    assert [n["id"] for _, n in reads] == [ids.dataset_id(db, "shop.public.orders")]


def _run_events(ns, run_id):
    return [as_dict(simple(ns, "job", run_id, RunState.START, 0,
                           nominalTime=_nominal())),
            as_dict(simple(ns, "job", run_id, RunState.RUNNING, 1)),
            as_dict(simple(ns, "job", run_id, RunState.COMPLETE, 2))]


def _nominal():
    from openlineage.client.facet_v2 import nominal_time_run
    return nominal_time_run.NominalTimeRunFacet(nominalStartTime="2024-05-01T09:00:00Z")


def _run_view(store, run_id):
    node = store.get_node(ids.run_id(run_id))
    return {k: node.get(k) for k in ("state", "started", "ended", "nominal_time",
                                     "last_event_time", "ol_keys")}


def test_events_of_a_run_merge_whatever_their_order(store, uid):
    views = []
    for n, order in enumerate(itertools.permutations(range(3))):
        ns, run_id = f"ol-{uid}-{n}", str(generate_new_uuid())
        events = _run_events(ns, run_id)
        for i in order:  # one event per transaction, arriving out of order
            assert ingest_event(store, events[i]).accepted
        views.append(_run_view(store, run_id))
    assert all(v == views[0] for v in views), views
    assert views[0]["state"] == "COMPLETE"
    assert views[0]["started"] == "2024-05-01T10:00:00.000000Z"
    assert views[0]["ended"] == "2024-05-01T10:02:00.000000Z"
    assert views[0]["nominal_time"] == "2024-05-01T09:00:00.000000Z"


def test_replaying_the_same_events_twice_changes_nothing_but_last_seen(store, uid):
    ns = f"ol-{uid}"
    run_id = str(generate_new_uuid())
    rich = as_dict(rich_run(ns, "build_report"))
    events = [*_run_events(ns, run_id), rich]
    assert ingest_events(store, list(reversed(events))).ok
    mine = [f"dataset:{ns}:", f"job:{ns}:", f"dataset:postgres://{ns}:5432:",
            f"dataset:hive://{ns}:", ids.run_id(run_id), ids.run_id(rich["run"]["runId"])]
    first = snapshot(store, mine)
    assert len(first["nodes"]) > 20 and len(first["edges"]) > 20
    assert ingest_events(store, events).ok  # again, in the other order
    assert differences(first, snapshot(store, mine)) == []
    for event in events:  # and one event per transaction
        assert ingest_event(store, event).accepted
    assert differences(first, snapshot(store, mine)) == []


def test_a_drop_closes_the_dataset_even_before_a_late_event(store, uid):
    ns = f"ol-{uid}"
    late = as_dict(simple(ns, "writer", str(generate_new_uuid()), RunState.COMPLETE, 5,
                          inputs=(), outputs=("t",)))
    assert ingest_event(store, as_dict(drop(ns, "t", 10))).accepted
    assert ingest_event(store, late).accepted  # older than the DROP, arrives after it
    node = store.get_node(ids.dataset_id(ns, "t"))
    assert node["valid_to"] == "2024-05-01T10:10:00.000000Z"
    recreated = as_dict(simple(ns, "writer", str(generate_new_uuid()), RunState.COMPLETE, 20,
                               inputs=(), outputs=("t",)))
    assert ingest_event(store, recreated).accepted
    assert store.get_node(ids.dataset_id(ns, "t")).get("valid_to") is None


def test_sql_without_column_lineage_is_parsed(store, uid):
    ns = f"postgres://sql-{uid}:5432"
    event = {
        "eventType": "COMPLETE", "eventTime": "2024-05-01T10:00:00Z",
        "producer": "https://example.com/airflow", "run": {"runId": str(generate_new_uuid())},
        "job": {"namespace": "airflow", "name": f"sql_{uid}", "facets": {"sql": {
            "query": "INSERT INTO public.totals (customer, total) "
                     "SELECT c.name AS customer, sum(o.amount) AS total "
                     "FROM public.orders o JOIN public.customers c ON c.id = o.customer_id "
                     "GROUP BY c.name"}}},
        "inputs": [{"namespace": ns, "name": "shop.public.orders"},
                   {"namespace": ns, "name": "shop.public.customers"}],
        "outputs": [{"namespace": ns, "name": "shop.public.totals"}]}
    assert ingest_event(store, event).accepted
    total = ids.dataset_id(ns, "shop.public.totals")
    pairs = {}
    for node in (f"{total}#customer", f"{total}#total", total):
        got = store.neighbours([node], _rel("DERIVES_FROM"))[node]
        assert {e["source"] for e, _ in got} == {"sql-parse"}
        pairs[node.split(".")[-1]] = {(n["id"].split(".")[-1], f"{t['type']}/{t['subtype']}")
                                      for e, n in got for t in json.loads(e["transformations"])}
    assert pairs == {"totals#customer": {("customers#name", "DIRECT/IDENTITY")},
                     "totals#total": {("orders#amount", "DIRECT/AGGREGATION")},
                     # the join and the grouping hold for every column: on the dataset
                     "totals": {("customers#id", "INDIRECT/JOIN"),
                                ("orders#customer_id", "INDIRECT/JOIN"),
                                ("customers#name", "INDIRECT/GROUP_BY")}}


def test_an_ownership_facet_replaces_the_owners(store, uid):
    ns = f"ol-{uid}"
    event = as_dict(rich_run(ns, "build_report"))
    assert ingest_event(store, event).accepted
    report = event["outputs"][0]
    report["facets"]["ownership"]["owners"] = [{"name": "team:finance"}]
    assert ingest_event(store, event).accepted
    ds = ids.dataset_id(report["namespace"], report["name"])
    current = store.neighbours([ds], _rel("OWNED_BY"))[ds]
    assert [n["id"] for _, n in current] == ["owner:team:finance"]
    everything = store.neighbours([ds], _rel("OWNED_BY"), current=False)[ds]
    assert len(everything) == 3  # the earlier owners are closed, not deleted


def test_a_bad_event_in_a_batch_is_refused_alone(store, uid):
    ns = f"ol-{uid}"
    good = as_dict(simple(ns, "ok", str(generate_new_uuid()), RunState.COMPLETE, 0))
    bad = as_dict(simple(ns, "bad", str(generate_new_uuid()), RunState.COMPLETE, 0))
    bad["outputs"][0]["name"] = "has#hash"
    result = ingest_events(store, [good, bad, {"nope": 1}])
    assert [r.accepted for r in result.results] == [True, False, False]
    assert result.results[1].errors[0].path == "$.outputs[0].name"
    assert store.get_nodes([ids.job_id(ns, "bad")]) == {}
    assert ids.job_id(ns, "ok") in store.get_nodes([ids.job_id(ns, "ok")])


@pytest.mark.parametrize("legacy_type, masking", [("IDENTITY", False), ("MASKED", True)])
def test_column_lineage_1_0_transformation_type(store, uid, legacy_type, masking):
    ns = f"ol-{uid}"
    event = as_dict(simple(ns, "legacy", str(generate_new_uuid()), RunState.COMPLETE, 0))
    event["outputs"][0]["facets"] = {"columnLineage": {
        "_producer": "https://example.com", "_schemaURL": "https://openlineage.io/spec/facets/"
        "1-0-0/ColumnLineageDatasetFacet.json", "fields": {"x": {
            "inputFields": [{"namespace": ns, "name": "a", "field": "y"}],
            "transformationType": legacy_type, "transformationDescription": "copy"}}}}
    assert ingest_event(store, event).accepted
    out = f"{ids.dataset_id(ns, 'b')}#x"
    [(edge, node)] = store.neighbours([out], _rel("DERIVES_FROM"))[out]
    assert node["id"] == f"{ids.dataset_id(ns, 'a')}#y"
    assert json.loads(edge["transformations"]) == [
        {"type": "DIRECT", "subtype": legacy_type, "description": "copy", "masking": masking}]


def _own_namespaces(doc, suffix: str):
    """The example with every `namespace` it names made unique to this test (a symlink or a
    previous name shared with another run of the suite would resolve to that run's node)."""
    if isinstance(doc, dict):
        return {k: (f"{v}-{suffix}" if k == "namespace" and isinstance(v, str)
                    else _own_namespaces(v, suffix)) for k, v in doc.items()}
    if isinstance(doc, list):
        return [_own_namespaces(v, suffix) for v in doc]
    return doc


def _payload(facet: dict) -> dict:
    return {k: v for k, v in facet.items() if not k.startswith("_")}


def _edges(store, node: str, rel: str) -> list[tuple[dict, dict]]:
    return store.neighbours([node], _rel(rel))[node]


def _landed(store, key: str, facet: dict, node: dict, at: dict[str, str]) -> None:
    """Where one facet of a spec example must be in the graph (`node`: the dataset, job or
    run that carries it, `at`: the ids of the event's run, job, input and output)."""
    target = node["id"]
    if key == "columnLineage":
        for out_field, spec in facet["fields"].items():
            col = ids.column_id(target, out_field)
            got = {n["id"] for _, n in _edges(store, col, "DERIVES_FROM")}
            assert got == {ids.column_id(ids.dataset_id(i["namespace"], i["name"]), i["field"])
                           for i in spec["inputFields"]}, out_field
    elif key == "schema":
        got = {n["name"] for _, n in _edges(store, target, "HAS_COLUMN")}
        assert {f["name"] for f in facet["fields"]} <= got
    elif key in ("ownership",):
        got = {n["id"] for _, n in _edges(store, target, "OWNED_BY")}
        assert len(got) == len(facet["owners"]) and all(o.startswith("owner:") for o in got)
    elif key == "tags":
        def tag(t: dict) -> str:  # README: tag:<key> or tag:<key>:<value>
            return ids.tag_id(f"{t['key']}:{t['value']}" if t.get("value") else t["key"])

        got = {n["id"] for _, n in _edges(store, target, "TAGGED")}
        assert got == {tag(t) for t in facet["tags"] if not t.get("field")}
        for t in facet["tags"]:
            if t.get("field"):
                col = ids.column_id(target, t["field"])
                assert [n["id"] for _, n in _edges(store, col, "TAGGED")] == [tag(t)]
    elif key == "symlinks":
        for ident in facet["identifiers"]:
            alias = ids.dataset_id(ident["namespace"], ident["name"])
            assert [n["id"] for _, n in _edges(store, alias, "SAME_AS")] == [target]
    elif key == "lifecycleStateChange":
        assert node["lifecycle_state"] == facet["lifecycleStateChange"]
        prev = facet.get("previousIdentifier")
        if prev:
            alias = ids.dataset_id(prev["namespace"], prev["name"])
            assert [n["id"] for _, n in _edges(store, alias, "SAME_AS")] == [target]
    elif key == "parent":
        parent = ids.run_id(facet["run"]["runId"].lower())
        assert [n["id"] for _, n in _edges(store, target, "PARENT")] == [parent]
        assert node["parent_job"] == ids.job_id(facet["job"]["namespace"], facet["job"]["name"])
    else:
        expected = {
            "dataQualityAssertions": ("quality_assertions", facet.get("assertions")),
            "dataQualityMetrics": ("quality_metrics", _payload(facet)),
            "datasetType": ("subtype", facet.get("subType")),
            "version": ("version", facet.get("datasetVersion")),
            "dataSource": ("datasource_name", facet.get("name")),
            "documentation": ("description", facet.get("description")),
            "errorMessage": ("error", facet.get("message")),
            "jobType": ("type", facet.get("jobType")),
            "nominalTime": ("nominal_time", facet.get("nominalStartTime", "")[:19]),
            "outputStatistics": ("row_count", facet.get("rowCount")),
            "processing_engine": ("engine", facet.get("name")),
            "sql": ("sql", facet.get("query")),
            "sourceCode": ("source_code", facet.get("sourceCode")),
            "sourceCodeLocation": ("source_code_url", facet.get("url")),
            "storage": ("storage_layer", facet.get("storageLayer")),
        }.get(key)
        if expected is None:  # not mapped: kept whole as raw JSON text
            assert json.loads(node[f"facet_{key}"]) == facet, key
            return
        prop, value = expected
        got = node[prop]
        if prop in ("quality_assertions", "quality_metrics"):
            got = json.loads(got)
            got = {k: v for k, v in got.items() if not k.startswith("_")} \
                if isinstance(got, dict) else got
        if prop == "nominal_time":
            got = got[:19]
        assert got == value, (key, prop)


def test_every_spec_example_lands_where_the_mapping_says(store, uid):
    events, wrapped = [], []
    for n, path in enumerate(SPEC_EXAMPLES):
        doc = _own_namespaces(json.loads(path.read_text()), f"{uid}-{n}")
        event = wrap(path.parent.name, doc)
        event["run"]["runId"] = str(generate_new_uuid())
        for part in (event["job"], *event["inputs"], *event["outputs"]):
            part["namespace"] = f"spec-{uid}-{n}"
        events.append(event)
        wrapped.append((path, doc, event))
    full = json.loads((SPEC_TESTS / "example_full_event.json").read_text())
    result = ingest_events(store, [*events, full])
    assert result.ok, [r.as_dict() for r in result.results if not r.accepted]
    assert result.accepted == len(SPEC_EXAMPLES) + 1
    checked = 0
    for path, doc, event in wrapped:
        ns = event["job"]["namespace"]
        at = {"run": ids.run_id(event["run"]["runId"]), "job": ids.job_id(ns, "job"),
              "input": ids.dataset_id(ns, "in"), "output": ids.dataset_id(ns, "out")}
        nodes = store.get_nodes(at.values())
        assert set(nodes) == set(at.values()), path  # the run, its job and both datasets
        assert [n["id"] for _, n in _edges(store, at["run"], "OF_JOB")] == [at["job"]]
        assert [n["id"] for _, n in _edges(store, at["job"], "READS")] == [at["input"]]
        assert [n["id"] for _, n in _edges(store, at["job"], "WRITES")] == [at["output"]]
        for key, facet in doc.items():
            loc = _location(path.parent.name, facet)
            node = nodes[at[{"dataset": "output"}.get(loc, loc)]]
            _landed(store, key, facet, node, at)
            checked += 1
    assert checked == len(SPEC_EXAMPLES)
    # the spec's full event: its job, run and datasets
    job = ids.job_id(full["job"]["namespace"], full["job"]["name"])
    assert store.get_node(job)["name"] == full["job"]["name"]
    assert store.get_node(ids.run_id(full["run"]["runId"].lower()))["job"] == job
    for ds in (*full["inputs"], *full["outputs"]):
        assert store.get_node(ids.dataset_id(ds["namespace"], ds["name"])).get("name")


def test_a_failed_run_keeps_its_error(store, uid):
    ns = f"ol-{uid}"
    run_id = str(generate_new_uuid())
    start = as_dict(rich_run(ns, "flaky", run_id, state=RunState.START, minutes=0))
    fail = as_dict(rich_run(ns, "flaky", run_id, state=RunState.FAIL, minutes=3))
    assert ingest_events(store, [fail, start]).ok
    run = store.get_node(ids.run_id(run_id))
    assert (run["state"], run["error"], run["error_language"]) == ("FAIL", "boom", "python")
    assert run["started"] == "2024-05-01T10:00:00.000000Z"
    assert run["ended"] == "2024-05-01T10:03:00.000000Z"
    assert run["parent_job"] == ids.job_id(ns, "daily_dag")


def test_what_another_writer_changes_is_seen_after_the_cache_ttl(store, uid, monkeypatch):
    from graph import Label
    from ingestors.openlineage import known

    ns = f"ol-{uid}"
    event = as_dict(simple(ns, "job", str(generate_new_uuid()), RunState.COMPLETE, 0))
    out = ids.dataset_id(ns, "b")
    assert ingest_event(store, event).accepted
    store.write(lambda tx: tx.close_nodes(Label.DATASET, [out]))  # e.g. a harvest
    event["run"]["runId"] = str(generate_new_uuid())
    assert ingest_event(store, event).accepted
    # within the TTL this process trusts what it wrote: the dataset stays as it was closed
    assert store.get_node(out).get("valid_to") is not None
    later = known._clock() + known.TTL + 1
    monkeypatch.setattr(known, "_clock", lambda: later)
    event["run"]["runId"] = str(generate_new_uuid())
    assert ingest_event(store, event).accepted
    assert store.get_node(out).get("valid_to") is None  # read again, seen, reopened


def test_requests_written_together_keep_their_own_results(store, uid):
    """Group commit: two requests in one transaction; the event refused in the second is
    reported at its own index in its own request, and the rest of both is written."""
    ns = f"group-{uid}"
    events = [as_dict(simple(ns, f"job{i}", str(generate_new_uuid()), RunState.COMPLETE, i,
                             inputs=(f"in{i}",), outputs=(f"out{i}",))) for i in range(4)]
    # not validated (as `catalog replay --no-validate`): a value the graph cannot store
    events[3]["outputs"][0]["facets"] = {"documentation": {
        "_producer": "x", "_schemaURL": "x", "description": {"not": {"a": "string"}}}}
    first = prepare_events(events[:2], validate=False)
    second = prepare_events(events[2:], validate=False)
    answers = _ingestor(store)._write([first, second])
    assert answers[0][0] == {}
    assert list(answers[1][0]) == [1] and "could not be mapped" in answers[1][0][1].message
    jobs = store.get_nodes(ids.job_id(ns, f"job{i}") for i in range(4))
    assert sorted(jobs) == [ids.job_id(ns, f"job{i}") for i in (0, 1, 2)]
