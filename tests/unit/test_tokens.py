import json
import os
import stat
import subprocess
import sys

import pytest

from catalog.auth import Role, TokenStore


def test_tokens_are_stored_hashed_and_verify_until_revoked(tmp_path):
    store = TokenStore(tmp_path / "tokens.json")
    record, token = store.create("airflow", Role.INGEST)
    text = (tmp_path / "tokens.json").read_text()
    assert token not in text and token.split("_")[-1] not in text
    assert stat.S_IMODE(os.stat(tmp_path / "tokens.json").st_mode) == 0o600
    principal = store.verify(token)
    assert principal.name == "airflow" and principal.role is Role.INGEST
    assert store.verify(token[:-1] + ("A" if token[-1] != "A" else "B")) is None
    assert store.verify("not-a-token") is None
    store.revoke(record.id)
    assert store.verify(token) is None
    with pytest.raises(KeyError):
        store.revoke("nope")


def test_a_second_store_sees_new_tokens_without_restart(tmp_path):
    server_side = TokenStore(tmp_path / "tokens.json")
    assert server_side.list() == []
    _, token = TokenStore(tmp_path / "tokens.json").create("cli", Role.READER)
    assert server_side.verify(token) is not None


@pytest.mark.parametrize("role,needed,ok", [
    (Role.READER, Role.READER, True), (Role.READER, Role.STEWARD, False),
    (Role.STEWARD, Role.STEWARD, True), (Role.STEWARD, Role.INGEST, False),
    (Role.INGEST, Role.INGEST, True), (Role.INGEST, Role.READER, True),
    (Role.ADMIN, Role.STEWARD, True), (Role.ADMIN, Role.INGEST, True)])
def test_roles(role, needed, ok):
    assert role.allows(needed) is ok


def test_token_cli_create_list_revoke(tmp_path):
    env = {**os.environ, "CATALOG_DATA_DIR": str(tmp_path)}

    def cli(*args):
        return subprocess.run([sys.executable, "-m", "catalog.cli", "token", *args], env=env,
                              capture_output=True, text=True, timeout=60)

    made = cli("create", "--name", "ci", "--role", "steward")
    assert made.returncode == 0, made.stderr
    token = made.stdout.strip()
    assert token.startswith("mct_")
    listed = cli("list")
    assert "ci\tsteward" in listed.stdout and token not in listed.stdout
    token_id = json.loads((tmp_path / "tokens.json").read_text())[0]["id"]
    assert cli("revoke", token_id).returncode == 0
    assert "revoked" in cli("list").stdout
    assert cli("revoke", "missing").returncode == 2
    assert cli("create", "--name", "x", "--role", "root").returncode != 0
