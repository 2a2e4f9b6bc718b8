"""Request bodies within limits, and the receiver's settings."""

from __future__ import annotations

import gzip

import pytest

from catalog.api.request_body import BodyError, gunzip, parse_json_or_ndjson
from catalog.settings import Settings


def test_gunzip_within_the_limit_and_several_members():
    data = gzip.compress(b'{"a": 1}') + gzip.compress(b'{"b": 2}')
    assert gunzip(data, 100) == b'{"a": 1}{"b": 2}'


def test_gunzip_refuses_a_bomb_without_inflating_it():
    bomb = gzip.compress(b"0" * 5_000_000)
    with pytest.raises(BodyError) as err:
        gunzip(bomb, 1000)
    assert err.value.status == 413


@pytest.mark.parametrize("data", [b"not gzip at all", gzip.compress(b"x" * 1000)[:-10]])
def test_gunzip_refuses_broken_data(data):
    with pytest.raises(BodyError) as err:
        gunzip(data, 10_000)
    assert err.value.status == 400


def test_batches_are_json_arrays_or_ndjson():
    assert parse_json_or_ndjson(b'[{"a": 1}, {"b": 2}]') == [{"a": 1}, {"b": 2}]
    assert parse_json_or_ndjson(b'{"a": 1}\n\n{"b": 2}\n') == [{"a": 1}, {"b": 2}]
    assert parse_json_or_ndjson(b'{\n  "a": 1\n}') == [{"a": 1}]
    with pytest.raises(BodyError) as err:
        parse_json_or_ndjson(b'{"a": 1}\n{"b": ')
    assert err.value.path == "$[line 2]"


def test_api_keys_come_from_the_environment_as_secrets(monkeypatch):
    monkeypatch.setenv("CATALOG_OPENLINEAGE_API_KEYS", '["k1", "k2"]')
    s = Settings()
    assert [k.get_secret_value() for k in s.openlineage_api_keys] == ["k1", "k2"]
    assert "k1" not in repr(s)
    assert Settings().openlineage_max_body_bytes == 10 * 1024 * 1024


def test_the_collector_pause_nests_and_ends():
    import gc

    from ingestors.openlineage.gcpause import paused_gc

    assert gc.isenabled()
    with paused_gc():
        assert not gc.isenabled()
        with paused_gc():
            assert not gc.isenabled()
        assert not gc.isenabled()
    assert gc.isenabled()
    with pytest.raises(RuntimeError), paused_gc():
        raise RuntimeError("boom")
    assert gc.isenabled()


def test_broken_json_is_refused_whatever_its_shape():
    for broken in (b'[{"a": 1} {"b": 2}]', b'[{"a": 1}] x', b'{\n  "a": nope\n}', b"nope"):
        with pytest.raises(BodyError) as err:
            parse_json_or_ndjson(broken)
        assert err.value.code == "BAD_JSON" and "line" not in err.value.path


def test_the_log_writes_one_line_per_event(tmp_path):
    from ingestors.openlineage.eventlog import EventLog, read_events

    log = EventLog(tmp_path)
    events = [{"a": 1, "text": "line\nbreak"}, {"b": 2 ** 70}]  # the last one is not orjson's
    log.append(events)
    log.append(events[:1])
    assert len(log.path_for().read_text().splitlines()) == 3
    assert [i.event for i in read_events(tmp_path)] == [*events, events[0]]
