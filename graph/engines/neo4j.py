"""Neo4j 5 (server, cluster or Aura): nothing to start, only credentials to pass on."""

from __future__ import annotations

from graph.engines.base import Connection


class Neo4jEngine:
    name = "neo4j"

    def __init__(self, uri: str, user: str, password: str, database: str):
        self._conn = Connection(uri=uri, user=user, password=password, database=database)

    def start(self) -> Connection:
        return self._conn

    def stop(self) -> None:
        return None

    def extra_ddl(self) -> list[str]:
        return []
