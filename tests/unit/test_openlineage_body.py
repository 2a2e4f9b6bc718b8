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
