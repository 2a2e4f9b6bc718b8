"""What every engine hands the store: a Bolt driver and the database to use."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

import neo4j

RETRY_S = 10.0  # how long a transaction (or the store's auto-commit read) is retried

@dataclass(frozen=True)
class Connection:
    uri: str
    user: str
    password: str
    database: str

    def driver(self, max_pool: int = 50) -> neo4j.Driver:
        # A bounded retry budget: while the engine restarts, a request answers 503 after
        # ~10 s instead of holding its client for the driver's default 30 s. The first
        # retry comes after 25-75 ms, not the driver's 1 s: a transient error is most often
        # two writers' optimistic conflict (ArcadeDB's page versions, Neo4j's deadlock
        # detection), which a prompt retry resolves; a 1 s pause held a worker's
        # OpenLineage writer idle and made the p95 of a batch 2 s under mixed load.
        return neo4j.GraphDatabase.driver(
            self.uri, auth=(self.user, self.password), max_connection_pool_size=max_pool,
            notifications_min_severity="OFF", max_transaction_retry_time=RETRY_S,
            connection_acquisition_timeout=10.0, initial_retry_delay=0.05,
            retry_delay_jitter_factor=0.5,
        )


class Engine(Protocol):
    name: str

    def start(self) -> Connection:
        """Make the engine reachable and say how to reach it."""

    def stop(self) -> None:
        """Release what start() acquired (stops a child engine this process owns)."""

    def extra_ddl(self) -> list[str]:
        """Engine-specific schema statements run after the shared constraints."""
