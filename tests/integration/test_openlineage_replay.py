"""`catalog replay` (the real CLI, attached to the session's running engine) rebuilds the
graph from raw events: NDJSON, JSON arrays, single events, folders of them."""

from __future__ import annotations

import json

from openlineage.client.event_v2 import RunState
from openlineage.client.uuid import generate_new_uuid

from catalog.cli import main
from graph import Rel
from identity import ids
from ingestors.openlineage.eventlog import EventLog
from tests.support.openlineage import as_dict, rich_run, simple
from tests.support.snapshot import differences, snapshot


def test_replay_a_folder_of_event_files(store, cli_env, tmp_path, capsys, uid):
    ns = f"replay-{uid}"
    events = [as_dict(simple(ns, f"job{i}", str(generate_new_uuid()), RunState.COMPLETE, i,
                             inputs=(f"t{i}",), outputs=(f"t{i + 1}",))) for i in range(5)]
    rich = as_dict(rich_run(ns, "report"))
    folder = tmp_path / "events"
    EventLog(folder).append(events[:2])  # the receiver's own log format
    (folder / "more").mkdir()
    (folder / "more" / "batch.json").write_text(json.dumps(events[2:4]))
    (folder / "more" / "one.json").write_text(json.dumps(events[4], indent=2))
    (folder / "more" / "rich.jsonl").write_text(json.dumps(rich) + "\n{not json\n")

    code = main(["replay", "--quiet", "--batch-size", "2", str(folder)])
    out = capsys.readouterr().out
    assert code == 1  # one line was not JSON: reported, and the exit code says so
    assert "replayed 7 events from 4 files" in out and "6 accepted" in out
    assert "1 unreadable" in out and "rich.jsonl:2" in out
    feeds = [ids.dataset_id(ns, f"t{i}") for i in range(6)]
    hops = store.neighbours(feeds, Rel.FEEDS)
    assert [len(hops[d]) for d in feeds] == [1, 1, 1, 1, 1, 0]
    assert ids.job_id(ns, "report") in store.get_nodes([ids.job_id(ns, "report")])

    # replaying onto the same graph changes nothing but last_seen
    mine = [f"dataset:{ns}:", f"job:{ns}:", f"dataset:postgres://{ns}:5432:",
            f"dataset:hive://{ns}:", ids.run_id(rich["run"]["runId"]),
            *(ids.run_id(e["run"]["runId"]) for e in events)]
    before = snapshot(store, mine)
    assert len(before["nodes"]) > 20 and len(before["edges"]) > 20
    (folder / "more" / "rich.jsonl").write_text(json.dumps(rich) + "\n")
    assert main(["replay", "--quiet", "--no-validate", str(folder)]) == 0
    assert "6 accepted, 0 rejected, 0 unreadable" in capsys.readouterr().out
    assert differences(before, snapshot(store, mine)) == []


def test_replay_exits_1_on_a_refused_event(store, cli_env, tmp_path, capsys, uid):
    ns = f"replay-{uid}"
    good = as_dict(simple(ns, "good", str(generate_new_uuid()), RunState.COMPLETE, 0))
    bad = as_dict(simple(ns, "bad", str(generate_new_uuid()), RunState.COMPLETE, 0))
    bad["run"]["runId"] = "not-a-uuid"
    (tmp_path / "events.json").write_text(json.dumps([good, bad]))
    assert main(["replay", "--quiet", str(tmp_path / "events.json")]) == 1
    out = capsys.readouterr().out
    assert "1 accepted, 1 rejected, 0 unreadable" in out, out
    assert "$.run.runId" in out, out  # the refused event is named with its path
    assert ids.job_id(ns, "good") in store.get_nodes([ids.job_id(ns, "good")])
    assert store.get_nodes([ids.job_id(ns, "bad")]) == {}


def test_replay_refuses_a_missing_path(tmp_path, capsys):
    assert main(["replay", str(tmp_path / "nope")]) == 2
    assert "no such file" in capsys.readouterr().err
