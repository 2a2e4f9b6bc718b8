"""What every engine hands the store: a Bolt driver and the database to use."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

import neo4j


@dataclass(frozen=True)
class Connection:
    uri: str
    user: str
    password: str
    database: str

    def driver(self, max_pool: int = 50) -> neo4j.Driver:
        return neo4j.GraphDatabase.driver(
            self.uri, auth=(self.user, self.password), max_connection_pool_size=max_pool,
            notifications_min_severity="OFF",
        )


class Engine(Protocol):
    name: str

    def start(self) -> Connection:
        """Make the engine reachable and say how to reach it."""

    def stop(self) -> None:
        """Release what start() acquired (stops a child engine this process owns)."""

    def extra_ddl(self) -> list[str]:
        """Engine-specific schema statements run after the shared constraints."""
