"""Writing and reading audit entries (see the package's docstring for how to use it)."""

from __future__ import annotations

import getpass
import json
import uuid
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass, is_dataclass
from typing import Any

from graph import GraphStore
from graph import audit as ga
from graph.errors import InvalidInput
from graph.tx import StoreTx

MAX_PAGE = 500


@dataclass(frozen=True)
class Actor:
    """Who acts: a token's name and role, or the local command line."""

    name: str
    role: str | None = None

    @classmethod
    def of(cls, who: Actor | str | None) -> Actor:
        if isinstance(who, Actor):
            return who
        return cls((who or "").strip() or "anonymous")

    @classmethod
    def of_principal(cls, principal) -> Actor:
        """The caller of an API (GraphQL, MCP): its token's name and role."""
        role = principal.role
        return cls(principal.name, role.value if role is not None else None)

    @classmethod
    def local(cls) -> Actor:
        """The command line: whoever runs it on the machine (no token involved)."""
        try:
            user = getpass.getuser()
        except (KeyError, OSError):
            user = "unknown"
        return cls(f"cli:{user}", "local")

    def __str__(self) -> str:
        return self.name


def _plain(value: Any) -> Any:
    return asdict(value) if is_dataclass(value) and not isinstance(value, type) else str(value)


def _json(value: Any) -> str | None:
    return None if value is None else json.dumps(value, sort_keys=True, default=_plain)


def record(tx: StoreTx, actor: Actor | str | None, action: str, target: str | None, *,
           before: Any = None, after: Any = None, detail: Any = None) -> None:
    """Append one entry in the mutation's transaction `tx`."""
    who = Actor.of(actor)
    ga.append(tx, {"id": f"{tx.now}-{uuid.uuid4().hex[:12]}", "at": tx.now,
                   "actor": who.name, "role": who.role, "action": action, "target": target,
                   "before": _json(before), "after": _json(after), "detail": _json(detail)})


def record_now(store: GraphStore, actor: Actor | str | None, action: str,
               target: str | None, *, before: Any = None, after: Any = None,
               detail: Any = None) -> None:
    """An entry in a transaction of its own, for work that commits in several (a
    classification run, an evaluation): recorded once it has finished."""
    store.write(lambda tx: record(tx, actor, action, target, before=before, after=after,
                                  detail=detail))


@contextmanager
def subjects(tx: StoreTx, actor: Actor | str | None, action: str, ids: Sequence[str], *,
             detail: Any = None) -> Iterator[None]:
    """One entry per subject with its owners, tags, classifications and description read
    before and after the block's writes (nothing recorded when the block raises)."""
    unique = list(dict.fromkeys(ids))
    before = ga.subject_state(tx, unique)
    yield
    after = ga.subject_state(tx, unique)
    for sid in unique:
        old, new = before.get(sid, {}), after.get(sid, {})
        changed = sorted(k for k in set(old) | set(new) if old.get(k) != new.get(k))
        record(tx, actor, action, sid, before={k: old.get(k) for k in changed},
               after={k: new.get(k) for k in changed}, detail=detail)


class AuditService:
    """Reads the log (newest first); there is no way to change it."""

    def __init__(self, store: GraphStore):
        self.store = store

    def entries(self, first: int = 100, *, actor: str | None = None,
                action: str | None = None, target: str | None = None,
                before: str | None = None) -> list[dict[str, Any]]:
        if not 0 < first <= MAX_PAGE:
            raise InvalidInput("first", f"must be 1 to {MAX_PAGE}, got {first}")
        rows = ga.entries(self.store, first=first, actor=actor, action=action,
                          target=target, before=before)
        for r in rows:
            for k in ("before", "after", "detail"):
                r[k] = json.loads(r[k]) if r.get(k) else None
        return rows
