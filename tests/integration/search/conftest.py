"""A catalog of its own for the search tests: the demo mesh, written before the app starts
(so the index is built from the store), and the Marquez food_delivery seed, ingested through
the OpenLineage ingestor after it started (so the index follows the write path)."""

from __future__ import annotations

import json

import pytest

from catalog.api.app import create_app
from catalog.demo import load_demo
from catalog.settings import Settings
from graph import GraphStore
from ingestors.openlineage import ingest_events
from tests.conftest import FIXTURES
from tests.support.engines import own_graph
from tests.support.server import running

SEED = FIXTURES / "openlineage" / "marquez" / "seed" / "metadata.rendered.ndjson"


@pytest.fixture(scope="package")
def search_store(tmp_path_factory) -> GraphStore:
    with own_graph(tmp_path_factory.mktemp("search-store")) as g:
        s = g.store()
        yield s
        s.close()


@pytest.fixture(scope="package")
def search_server(search_store, tmp_path_factory) -> str:
    load_demo(search_store)
    settings = Settings(data_dir=tmp_path_factory.mktemp("search-server"))
    app = create_app(settings, store=search_store)
    with running(app) as base:
        events = [json.loads(line) for line in SEED.read_text().splitlines() if line.strip()]
        result = ingest_events(search_store, events)
        assert result.ok, [r.as_dict() for r in result.results if not r.accepted]
        base_app = app
        yield base
    del base_app
