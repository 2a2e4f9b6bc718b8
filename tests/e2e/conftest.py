"""Browser tests of the web UI: headless Chromium (Debian's package) driven by Playwright,
against the real app over HTTP on its own embedded engine, with the Marquez seed loaded
through the OpenLineage ingestor and the demo mesh beside it. Screenshots go to
test-artifacts/e2e/ (gitignored)."""

from __future__ import annotations

import json
import os
import re
import shutil
from pathlib import Path

import pytest
from playwright import sync_api

from catalog.api.app import create_app
from catalog.auth import Role, TokenStore
from catalog.demo import load_demo
from catalog.settings import Settings
from graph import GraphStore
from tests.conftest import FIXTURES, ROOT, bearer
from tests.support.databases import need_service
from tests.support.engines import own_graph
from tests.support.server import gql, running

CHROMIUM = os.environ.get("CATALOG_E2E_CHROMIUM", "/usr/bin/chromium")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]
ARTIFACTS = ROOT / "test-artifacts" / "e2e"
MARQUEZ_SEED = FIXTURES / "openlineage" / "marquez" / "seed" / "metadata.rendered.ndjson"

need_service("Chromium", Path(CHROMIUM).exists(), f"no browser at {CHROMIUM}", module=True)


@pytest.fixture(scope="session")
def ui_store(tmp_path_factory) -> GraphStore:
    """A store of the browser tests' own, so their writes (a steward's reject) stay here."""
    with own_graph(tmp_path_factory.mktemp("e2e-store")) as g:
        s = g.store(heap="1g")
        yield s
        s.close()


@pytest.fixture(scope="session")
def ui_settings(tmp_path_factory) -> Settings:
    return Settings(data_dir=tmp_path_factory.mktemp("e2e-data"), usage_flush_s=0.5)


@pytest.fixture(scope="session")
def ui_tokens(ui_store) -> dict[Role, str]:
    made = TokenStore(ui_store)
    return {role: made.create(f"e2e-{role}", role)[1] for role in Role}


@pytest.fixture(scope="session")
def ui_server(ui_store, ui_settings) -> str:
    with running(create_app(ui_settings, store=ui_store)) as base:
        yield base


@pytest.fixture(scope="session")
def catalog_data(ui_store, ui_server, ui_tokens) -> str:
    """The Marquez seed through the OpenLineage ingestor, classified through GraphQL by a
    steward, and the demo mesh (domains, products) beside it. Returns the server URL."""
    from ingestors.openlineage import ingest_events

    events = [json.loads(line) for line in MARQUEZ_SEED.read_text().splitlines() if line]
    ingest_events(ui_store, events)
    load_demo(ui_store)
    answer = gql(ui_server, """mutation { classifyDatasets(input: {all: true}) {
        columns accepted suggested } }""", headers=bearer(ui_tokens[Role.STEWARD]))
    assert "errors" not in answer, answer
    return ui_server


@pytest.fixture(scope="session")
def browser():
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS, headless=True)
        yield b
        b.close()


@pytest.fixture(scope="session", autouse=True)
def artifacts() -> Path:
    shutil.rmtree(ARTIFACTS, ignore_errors=True)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS


class Shots:
    """Numbered screenshots of one test: test-artifacts/e2e/<test>-<n>-<what>.png."""

    def __init__(self, page, test: str):
        self.page, self.test, self.n = page, re.sub(r"[^A-Za-z0-9_]+", "_", test), 0

    def __call__(self, what: str, full_page: bool = True) -> Path:
        self.n += 1
        path = ARTIFACTS / f"{self.test}-{self.n}-{what}.png"
        self.page.screenshot(path=str(path), full_page=full_page)
        return path


@pytest.fixture
def page(browser, request):
    """A fresh browser context (empty localStorage) per test; a last screenshot on exit.
    Console errors and uncaught page errors fail the test."""
    context = browser.new_context(viewport={"width": 1400, "height": 900},
                                  accept_downloads=True)
    pg = context.new_page()
    problems: list[str] = []
    pg.on("pageerror", lambda e: problems.append(f"page error: {e}"))
    pg.on("console", lambda m: problems.append(f"console {m.type}: {m.text}")
          if m.type == "error" and not getattr(pg, "allow_console_errors", False) else None)
    pg.set_default_timeout(20_000)
    pg.shots = Shots(pg, request.node.name)
    yield pg
    try:
        pg.shots("last")
    finally:
        context.close()
    assert not problems, problems
