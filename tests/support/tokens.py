"""Tokens for tests and benchmarks, made in the graph a server reads them from."""

from __future__ import annotations

from catalog.auth import Role, TokenStore
from graph import GraphStore
from tests.support.engines import Graph


def create_token(where: GraphStore | Graph, name: str, role: Role) -> str:
    """A new token's plaintext. `where` is an open store, or a graph to open for the purpose
    (on the embedded engine it attaches to the engine of a server running on it)."""
    if isinstance(where, GraphStore):
        return TokenStore(where).create(name, role)[1]
    with where.store() as store:
        return TokenStore(store).create(name, role)[1]
