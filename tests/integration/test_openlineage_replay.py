"""`catalog replay` (the real CLI, attached to the session's running engine) rebuilds the
graph from raw events: NDJSON, JSON arrays, single events, folders of them."""

from __future__ import annotations

import json

from openlineage.client.event_v2 import RunState
from openlineage.client.uuid import generate_new_uuid

from catalog.cli import main
from identity import ids
from ingestors.openlineage.eventlog import EventLog
from tests.support.openlineage import as_dict, rich_run, simple


def test_replay_a_folder_of_event_files(store, cli_env, tmp_path, capsys, uid):
    ns = f"replay-{uid}"
    events = [as_dict(simple(ns, f"job{i}", str(generate_new_uuid()), RunState.COMPLETE, i,
                             inputs=(f"t{i}",), outputs=(f"t{i + 1}",))) for i in range(5)]
    folder = tmp_path / "events"
    EventLog(folder).append(events[:2])  # the receiver's own log format
    (folder / "more").mkdir()
    (folder / "more" / "batch.json").write_text(json.dumps(events[2:4]))
    (folder / "more" / "one.json").write_text(json.dumps(events[4], indent=2))
    (folder / "more" / "rich.jsonl").write_text(
        json.dumps(as_dict(rich_run(ns, "report"))) + "\n{not json\n")

    code = main(["replay", "--quiet", "--batch-size", "2", str(folder)])
    out = capsys.readouterr().out
    assert code == 1  # one line was not JSON: reported, and the exit code says so
    assert "replayed 7 events from 4 files" in out and "6 accepted" in out
    assert "1 unreadable" in out and "rich.jsonl:2" in out
    feeds = [ids.dataset_id(ns, f"t{i}") for i in range(6)]
    hops = store.neighbours(feeds, _feeds())
    assert [len(hops[d]) for d in feeds] == [1, 1, 1, 1, 1, 0]
    assert ids.job_id(ns, "report") in store.get_nodes([ids.job_id(ns, "report")])

    before = store.counts()
    (folder / "more" / "rich.jsonl").write_text(json.dumps(as_dict(rich_run(ns, "report"))))
    assert main(["replay", "--quiet", "--no-validate", str(folder)]) == 0
    assert store.counts()["FEEDS"] == before["FEEDS"]
    assert store.counts()["Job"] == before["Job"]


def test_replay_refuses_a_missing_path(tmp_path, capsys):
    assert main(["replay", str(tmp_path / "nope")]) == 2
    assert "no such file" in capsys.readouterr().err


def _feeds():
    from graph import Rel
    return Rel.FEEDS
