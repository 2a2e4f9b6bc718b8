"""API tokens in the graph: hashed, shared by every process, revoked everywhere at once."""

import json
import os
import subprocess
import sys

import pytest

from catalog.auth import Role, TokenStore


def test_tokens_are_stored_hashed_and_verify_until_revoked(store):
    tokens = TokenStore(store)
    record, token = tokens.create("airflow", Role.INGEST)
    stored = store.query("MATCH (t:ApiToken {id: $id}) RETURN t {.*} AS t", id=record.id)[0]["t"]
    assert token not in json.dumps(stored) and token.split("_")[-1] not in json.dumps(stored)
    principal = tokens.verify(token)
    assert principal.name == "airflow" and principal.role is Role.INGEST
    assert tokens.verify(token[:-1] + ("A" if token[-1] != "A" else "B")) is None
    assert tokens.verify("not-a-token") is None
    tokens.revoke(record.id)
    assert tokens.verify(token) is None
    with pytest.raises(KeyError):
        tokens.revoke("nope")


def test_a_second_process_sees_new_and_revoked_tokens(graph, store):
    """`other` stands for another replica: its own store and token cache on the same graph."""
    with graph.store() as other_store:
        other = TokenStore(other_store, refresh_s=0.0)
        record, token = TokenStore(store).create("cli", Role.READER)
        assert other.verify(token) is not None
        TokenStore(store).revoke(record.id)
        assert other.verify(token) is None


def test_an_old_tokens_file_is_imported_once(store, tmp_path, uid):
    legacy = tmp_path / "tokens.json"
    legacy.write_text(json.dumps([
        {"id": f"a{uid}", "name": "old", "role": "reader", "hash": "0" * 64,
         "created_at": "2025-01-01T00:00:00.000000Z", "revoked_at": None},
        {"id": f"b{uid}", "name": "gone", "role": "admin", "hash": "1" * 64,
         "created_at": "2025-01-01T00:00:00.000000Z",
         "revoked_at": "2025-02-01T00:00:00.000000Z"}]))
    records = {r.id: r for r in TokenStore(store, legacy_file=legacy).list()}
    assert records[f"a{uid}"].name == "old" and records[f"a{uid}"].revoked_at is None
    assert records[f"b{uid}"].revoked_at == "2025-02-01T00:00:00.000000Z"
    assert not legacy.exists() and (tmp_path / "tokens.json.imported").exists()


@pytest.mark.parametrize("role,needed,ok", [
    (Role.READER, Role.READER, True), (Role.READER, Role.STEWARD, False),
    (Role.STEWARD, Role.STEWARD, True), (Role.STEWARD, Role.INGEST, False),
    (Role.INGEST, Role.INGEST, True), (Role.INGEST, Role.READER, True),
    (Role.ADMIN, Role.STEWARD, True), (Role.ADMIN, Role.INGEST, True)])
def test_roles(role, needed, ok):
    assert role.allows(needed) is ok


def test_token_cli_create_list_revoke(graph, store, uid):
    """`catalog token` beside the session's store (on embedded: attached to its engine)."""
    env = {**os.environ, **graph.env}

    def cli(*args):
        return subprocess.run([sys.executable, "-m", "catalog.cli", "token", *args], env=env,
                              capture_output=True, text=True, timeout=120)

    made = cli("create", "--name", f"ci-{uid}", "--role", "steward")
    assert made.returncode == 0, made.stderr
    token = made.stdout.strip()
    assert token.startswith("mct_")
    assert TokenStore(store).verify(token).name == f"ci-{uid}"
    listed = cli("list")
    assert f"ci-{uid}\tsteward" in listed.stdout and token not in listed.stdout
    token_id = token[len("mct_"):].split("_", 1)[0]
    assert cli("revoke", token_id).returncode == 0
    assert f"ci-{uid}" in cli("list").stdout and "revoked" in cli("list").stdout
    assert TokenStore(store).verify(token) is None
    assert cli("revoke", "missing").returncode == 2
