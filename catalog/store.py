"""Open the GraphStore the settings describe (the one place that picks an engine)."""

from __future__ import annotations

from catalog.settings import Settings
from graph import GraphStore
from graph.engines.embedded import EmbeddedEngine
from graph.engines.neo4j import Neo4jEngine


def open_store(settings: Settings) -> GraphStore:
    if settings.engine == "neo4j":
        if not settings.neo4j_uri:
            raise ValueError("CATALOG_ENGINE=neo4j needs NEO4J_URI")
        engine = Neo4jEngine(settings.neo4j_uri, settings.neo4j_user,
                             settings.neo4j_password.get_secret_value(), settings.neo4j_database)
    else:
        engine = EmbeddedEngine(settings.data_dir, heap=settings.jvm_heap,
                                startup_timeout=settings.engine_startup_timeout)
    return GraphStore(engine, max_close_ratio=settings.max_close_ratio,
                      change_feed=settings.change_feed)
