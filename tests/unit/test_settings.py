import pytest
from pydantic import ValidationError

from catalog.settings import Settings


def test_unknown_keys_are_rejected():
    with pytest.raises(ValidationError, match="engin"):
        Settings(engin="neo4j")


def test_neo4j_settings_come_from_neo4j_env(monkeypatch):
    monkeypatch.setenv("NEO4J_URI", "bolt://example:7687")
    monkeypatch.setenv("NEO4J_PASSWORD", "s3cret")
    s = Settings()
    assert s.neo4j_uri == "bolt://example:7687"
    assert "s3cret" not in repr(s)
    assert s.neo4j_password.get_secret_value() == "s3cret"


def test_heap_must_look_like_a_size():
    with pytest.raises(ValidationError, match="jvm_heap"):
        Settings(jvm_heap="lots")
