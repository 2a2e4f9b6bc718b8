from pathlib import Path

from catalog.api.graphql.schema import sdl

SCHEMA_FILE = Path(__file__).resolve().parents[2] / "catalog" / "schema.graphql"


def test_committed_schema_matches_the_code():
    """Regenerate with `make schema` after changing the GraphQL types."""
    assert SCHEMA_FILE.read_text() == sdl(), "catalog/schema.graphql is stale: run `make schema`"
