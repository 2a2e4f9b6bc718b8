"""API tokens, stored hashed in the data folder (tokens.json, mode 0600).

A token is `mct_<id>_<secret>`: the id finds the record, the SHA-256 of the whole token is
compared in constant time. Tokens are 256-bit random, so a plain hash is enough (as GitHub
and others do); the plaintext is shown once, at creation. The server re-reads the file when
it changes, so `catalog token create|revoke` takes effect without a restart.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import secrets
from dataclasses import asdict, dataclass
from pathlib import Path

from catalog.auth.principal import Principal
from catalog.auth.roles import Role
from catalog.settings import Settings
from graph.filelock import file_lock
from graph.props import now_iso

PREFIX = "mct_"


@dataclass
class TokenRecord:
    id: str
    name: str
    role: str
    hash: str
    created_at: str
    revoked_at: str | None = None


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class TokenStore:
    def __init__(self, path: Path):
        self.path = Path(path)
        self._mtime: float | None = None
        self._records: dict[str, TokenRecord] = {}

    # -- file --------------------------------------------------------------------------
    def _locked(self):
        self.path.parent.mkdir(parents=True, exist_ok=True)
        return file_lock(self.path.with_suffix(".lock"))

    def _load(self) -> dict[str, TokenRecord]:
        try:
            mtime = self.path.stat().st_mtime_ns
        except FileNotFoundError:
            self._records, self._mtime = {}, None
            return self._records
        if mtime != self._mtime:
            data = json.loads(self.path.read_text() or "[]")
            self._records = {r["id"]: TokenRecord(**r) for r in data}
            self._mtime = mtime
        return self._records

    def _save(self, records: dict[str, TokenRecord]) -> None:
        tmp = self.path.with_suffix(".tmp")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w") as f:
            json.dump([asdict(r) for r in records.values()], f, indent=1)
        tmp.replace(self.path)
        self._mtime = None

    # -- operations --------------------------------------------------------------------
    def create(self, name: str, role: Role) -> tuple[TokenRecord, str]:
        """A new token; the plaintext is returned once and never stored."""
        token_id = secrets.token_hex(6)
        token = f"{PREFIX}{token_id}_{secrets.token_urlsafe(32)}"
        record = TokenRecord(id=token_id, name=name, role=Role(role).value, hash=_hash(token),
                             created_at=now_iso())
        with self._locked():
            records = dict(self._load())
            records[token_id] = record
            self._save(records)
        return record, token

    def revoke(self, token_id: str) -> TokenRecord:
        with self._locked():
            records = dict(self._load())
            if token_id not in records:
                raise KeyError(f"no token with id {token_id!r}")
            records[token_id].revoked_at = records[token_id].revoked_at or now_iso()
            self._save(records)
            return records[token_id]

    def list(self) -> list[TokenRecord]:
        return sorted(self._load().values(), key=lambda r: r.created_at)

    def verify(self, token: str) -> Principal | None:
        """The principal of a valid, unrevoked token; None otherwise."""
        if not token.startswith(PREFIX) or token.count("_") < 2:
            return None
        token_id = token[len(PREFIX):].split("_", 1)[0]
        record = self._load().get(token_id)
        if record is None or record.revoked_at is not None:
            return None
        if not hmac.compare_digest(record.hash, _hash(token)):
            return None
        return Principal(name=record.name, role=Role(record.role), token_id=record.id)


def token_store(settings: Settings) -> TokenStore:
    """The token store of a catalog's data folder."""
    return TokenStore(settings.data_dir / "tokens.json")
