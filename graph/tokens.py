"""API token records in the graph (`ApiToken` nodes, outside the catalog's labels): the
one copy every server replica and CLI reads. Hashes only; the plaintext is never stored."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from graph.cypher import cypher

if TYPE_CHECKING:
    from graph.store import GraphStore
    from graph.tx import StoreTx

DDL = ("token_schema_id",)


def create(store: GraphStore, record: dict[str, Any]) -> dict[str, Any]:
    return store.write(lambda tx: create_in(tx, record))


def create_in(tx: StoreTx, record: dict[str, Any]) -> dict[str, Any]:
    return tx.run(cypher("token_create"), **record)[0]["token"]


def revoke(store: GraphStore, token_id: str, now: str) -> dict[str, Any] | None:
    return store.write(lambda tx: revoke_in(tx, token_id, now))


def revoke_in(tx: StoreTx, token_id: str, now: str) -> dict[str, Any] | None:
    """The token after revoking it (None: no such token); its state before is `get_in`."""
    rows = tx.run(cypher("token_revoke"), id=token_id, now=now)
    return rows[0]["token"] if rows else None


def get_in(tx: StoreTx, token_id: str) -> dict[str, Any] | None:
    rows = tx.run(cypher("token_get"), id=token_id)
    return rows[0]["token"] if rows else None


def get(store: GraphStore, token_id: str) -> dict[str, Any] | None:
    rows = store.query(cypher("token_get"), id=token_id)
    return rows[0]["token"] if rows else None


def all_tokens(store: GraphStore) -> list[dict[str, Any]]:
    return [r["token"] for r in store.query(cypher("token_list"))]
