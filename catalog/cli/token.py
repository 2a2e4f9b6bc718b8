"""`catalog token create|revoke|list`: API tokens, stored hashed in the graph."""

from __future__ import annotations

import argparse
import contextlib
import sys
from collections.abc import Iterator

from catalog.auth import Role, TokenStore


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("token", help="create, revoke and list API tokens")
    tsub = p.add_subparsers(dest="token_command", required=True)
    c = tsub.add_parser("create", help="create a token (printed once)")
    c.add_argument("--name", required=True, help="who or what uses it")
    c.add_argument("--role", required=True, choices=[r.value for r in Role])
    c.set_defaults(func=create)
    r = tsub.add_parser("revoke", help="revoke a token by id")
    r.add_argument("id")
    r.set_defaults(func=revoke)
    tsub.add_parser("list", help="list tokens (never their secrets)").set_defaults(func=list_)


@contextlib.contextmanager
def _tokens() -> Iterator[TokenStore]:
    """The graph's tokens (on the embedded engine: attached to a running server's engine)."""
    from catalog.auth import token_store
    from catalog.settings import Settings
    from catalog.store import open_store

    settings = Settings()
    with open_store(settings) as store:
        yield token_store(settings, store)


def create(args: argparse.Namespace) -> int:
    with _tokens() as tokens:
        record, token = tokens.create(args.name, Role(args.role))
    print(f"created token {record.id} ({record.name}, role {record.role}); "
          "it is shown only now:", file=sys.stderr)
    print(token)
    return 0


def revoke(args: argparse.Namespace) -> int:
    try:
        with _tokens() as tokens:
            record = tokens.revoke(args.id)
    except KeyError as exc:
        print(f"error: {exc.args[0]}", file=sys.stderr)
        return 2
    print(f"revoked {record.id} ({record.name}) at {record.revoked_at}")
    return 0


def list_(args: argparse.Namespace) -> int:
    with _tokens() as tokens:
        records = tokens.list()
    for r in records:
        state = f"revoked {r.revoked_at}" if r.revoked_at else "active"
        print(f"{r.id}\t{r.name}\t{r.role}\t{r.created_at}\t{state}")
    return 0
