"""API tokens, stored hashed in the graph, so every server replica and CLI shares them.

A token is `mct_<id>_<secret>`: the id finds the record, the SHA-256 of the whole token is
compared in constant time. Tokens are 256-bit random, so a plain hash is enough (as GitHub
and others do); the plaintext is shown once, at creation. Each process keeps the records in
memory and reads them again when they are older than `refresh_s` (1 s), so a token made or
revoked by `catalog token` or by another replica takes effect everywhere within a second.
An older data folder's `tokens.json` is imported once, and renamed `tokens.json.imported`.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import secrets
import threading
import time
from dataclasses import asdict, dataclass, fields
from pathlib import Path

from catalog import audit
from catalog.audit import Actor
from catalog.auth.principal import Principal
from catalog.auth.roles import Role
from catalog.settings import Settings
from graph import GraphStore
from graph import tokens as graph_tokens
from graph.errors import StoreUnavailable
from graph.props import now_iso

log = logging.getLogger(__name__)
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
    def __init__(self, store: GraphStore, *, legacy_file: Path | None = None,
                 refresh_s: float = 1.0):
        self.store = store
        self.refresh_s = refresh_s
        self._records: dict[str, TokenRecord] = {}
        self._read_at: float | None = None
        self._lock = threading.Lock()
        if legacy_file is not None and Path(legacy_file).exists():
            self._import(Path(legacy_file))

    def _import(self, path: Path) -> None:
        """Tokens of a data folder from before tokens moved into the graph: still valid."""
        names = {f.name for f in fields(TokenRecord)}
        records = json.loads(path.read_text() or "[]")
        for r in records:
            graph_tokens.create(self.store, {k: r.get(k) for k in names - {"revoked_at"}})
            if r.get("revoked_at"):
                graph_tokens.revoke(self.store, r["id"], r["revoked_at"])
        path.rename(path.with_name(path.name + ".imported"))
        log.info("imported %d API tokens from %s into the graph", len(records), path)

    def _load(self) -> dict[str, TokenRecord]:
        max_age = self.refresh_s
        now = time.monotonic()
        if self._read_at is None or now - self._read_at >= max_age:
            with self._lock:
                if self._read_at is None or now - self._read_at >= max_age:
                    try:
                        rows = graph_tokens.all_tokens(self.store)
                    except StoreUnavailable:
                        if self._read_at is None:
                            raise
                        return self._records  # the graph is away: what it said last
                    self._records = {r["id"]: _record(r) for r in rows}
                    self._read_at = time.monotonic()
        return self._records

    # -- operations --------------------------------------------------------------------
    def create(self, name: str, role: Role, actor: Actor | str | None = None
               ) -> tuple[TokenRecord, str]:
        """A new token; the plaintext is returned once and never stored (nor audited)."""
        token_id = secrets.token_hex(6)
        token = f"{PREFIX}{token_id}_{secrets.token_urlsafe(32)}"
        record = TokenRecord(id=token_id, name=name, role=Role(role).value, hash=_hash(token),
                             created_at=now_iso())
        row = {k: v for k, v in asdict(record).items() if k != "revoked_at"}

        def work(tx) -> None:
            graph_tokens.create_in(tx, row)
            audit.record(tx, actor or Actor.local(), "createToken", f"token:{token_id}",
                         after=_public(row))
        self.store.write(work)
        self._read_at = None
        return record, token

    def revoke(self, token_id: str, actor: Actor | str | None = None) -> TokenRecord:
        def work(tx) -> dict | None:
            before = graph_tokens.get_in(tx, token_id)
            if before is None:
                return None
            after = graph_tokens.revoke_in(tx, token_id, now_iso())
            audit.record(tx, actor or Actor.local(), "revokeToken", f"token:{token_id}",
                         before=_public(before), after=_public(after))
            return after
        found = self.store.write(work)
        if found is None:
            raise KeyError(f"no token with id {token_id!r}")
        self._read_at = None
        return _record(found)

    def list(self) -> list[TokenRecord]:
        self._read_at = None
        return sorted(self._load().values(), key=lambda r: r.created_at)

    def in_memory(self, token: str) -> bool:
        """Whether `verify(token)` answers without reading the graph (fresh records that
        hold its id): then it may run on the event loop."""
        read_at = self._read_at
        return (read_at is not None and time.monotonic() - read_at < self.refresh_s
                and _token_id(token) in self._records)

    def verify(self, token: str) -> Principal | None:
        """The principal of a valid, unrevoked token; None otherwise."""
        if not token.startswith(PREFIX) or token.count("_") < 2:
            return None
        token_id = _token_id(token)
        record = self._load().get(token_id)
        if record is None:  # made a moment ago elsewhere? one indexed read
            row = graph_tokens.get(self.store, token_id)
            if row is not None:
                record = self._records[token_id] = _record(row)
        if record is None or record.revoked_at is not None:
            return None
        if not hmac.compare_digest(record.hash, _hash(token)):
            return None
        return Principal(name=record.name, role=Role(record.role), token_id=record.id)


def _public(row: dict | None) -> dict | None:
    """A token record without its hash, for the audit log."""
    return None if row is None else {k: v for k, v in row.items() if k != "hash"}


def _token_id(token: str) -> str:
    """The id part of `mct_<id>_<secret>` (what the graph stores the token under)."""
    return token[len(PREFIX):].split("_", 1)[0]


def _record(row: dict) -> TokenRecord:
    names = {f.name for f in fields(TokenRecord)}
    return TokenRecord(**{k: row.get(k) for k in names})


def token_store(settings: Settings, store: GraphStore) -> TokenStore:
    """The tokens of the graph `store` (the data folder's old tokens.json imported once)."""
    return TokenStore(store, legacy_file=settings.data_dir / "tokens.json")
