"""Fuzzing, bounded in examples: REST from the OpenAPI schema, GraphQL from its schema.

Runs against its own server and engine (with the demo catalog), so fuzzed writes cannot
disturb other tests. The property: no 500, whatever the input.
"""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings

from catalog.api.app import create_app
from catalog.auth import Role, TokenStore
from catalog.demo import load_demo
from catalog.settings import Settings
from tests.support.engines import own_graph
from tests.support.server import running

FUZZ = settings(max_examples=40, deadline=None, derandomize=True,
                suppress_health_check=list(HealthCheck))


@pytest.fixture(scope="module")
def fuzz_server(tmp_path_factory):
    data = tmp_path_factory.mktemp("fuzz")
    with own_graph(data / "engine") as g:
        store = g.store()
        load_demo(store)
        settings_ = Settings(data_dir=data)
        _, token = TokenStore(store).create("fuzz", Role.ADMIN)
        with running(create_app(settings_, store=store)) as base:
            yield base, {"Authorization": f"Bearer {token}"}
        store.close()


def _no_internal_error(response) -> None:
    """Resolver errors must be client errors with a code (BAD_INPUT, NOT_FOUND, ...)."""
    if "json" in response.headers.get("content-type", ""):
        body = response.json()
        errors = body.get("errors") if isinstance(body, dict) else None
        for err in errors or []:
            code = (err.get("extensions") or {}).get("code")
            assert code and code != "INTERNAL", err


def _fuzz(schema, headers: dict[str, str], check=None) -> int:
    """Run every operation's generated cases; return how many operations were fuzzed."""
    operations = [result.ok() for result in schema.get_all_operations()]
    for operation in operations:
        @FUZZ
        @given(case=operation.as_strategy())
        def run(case) -> None:
            response = case.call(headers=headers)
            assert response.status_code < 500, (case.as_curl_command(), response.text[:500])
            if check is not None:
                check(response)

        run()
    return len(operations)


def test_rest_never_500(fuzz_server):
    base, headers = fuzz_server
    schema = schemathesis.openapi.from_url(f"{base}/openapi.json")
    assert _fuzz(schema, headers, _no_internal_error) >= 3


def test_graphql_never_500(fuzz_server):
    base, headers = fuzz_server
    schema = schemathesis.graphql.from_url(f"{base}/graphql", headers=headers)
    assert _fuzz(schema, headers, _no_internal_error) >= 5
