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
        # A bounded retry budget: while the engine restarts, a request answers 503 after
        # ~10 s instead of holding its client for the driver's default 30 s.
        return neo4j.GraphDatabase.driver(
            self.uri, auth=(self.user, self.password), max_connection_pool_size=max_pool,
            notifications_min_severity="OFF", max_transaction_retry_time=10.0,
            connection_acquisition_timeout=10.0,
        )


class Engine(Protocol):
    name: str

    def start(self) -> Connection:
        """Make the engine reachable and say how to reach it."""

    def stop(self) -> None:
        """Release what start() acquired (stops a child engine this process owns)."""

    def extra_ddl(self) -> list[str]:
        """Engine-specific schema statements run after the shared constraints."""
