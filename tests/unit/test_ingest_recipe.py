"""Recipes: ${ENV} expansion, typed configs that name the wrong key, the registry."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingestors.base import Patterns
from ingestors.database import DatabaseSource
from ingestors.database.config import DatabaseConfig
from ingestors.recipe import RecipeError, expand_env, load_recipe, parse_recipe
from ingestors.registry import SOURCES, source_class


def parse(doc, env=None):
    return parse_recipe(doc, base_dir=Path("/recipes"), env=env or {})


def errors(doc, env=None) -> dict[str, str]:
    with pytest.raises(RecipeError) as err:
        parse(doc, env)
    return dict(err.value.errors)


DB = {"type": "database", "config": {"url": "postgresql://u@h:5432/db"}}


def test_env_expansion_with_defaults_and_escapes():
    env = {"PGHOST": "db.internal", "PGUSER": "reader"}
    doc = {"a": "postgresql://${PGUSER}@${PGHOST}:${PGPORT:-5432}/x", "b": ["$${LITERAL}", 3],
           "c": {"d": "${PGHOST}"}}
    assert expand_env(doc, env) == {"a": "postgresql://reader@db.internal:5432/x",
                                    "b": ["${LITERAL}", 3], "c": {"d": "db.internal"}}


def test_missing_env_var_names_the_key():
    errs = errors({"source": {"type": "database",
                              "config": {"url": "postgresql://${NOPE}@h/db"}}})
    assert list(errs) == ["source.config.url"]
    assert "NOPE is not set" in errs["source.config.url"]


def test_unknown_keys_are_named_with_their_path_and_the_allowed_keys():
    doc = {"source": {"type": "database", "config": {
        "url": "sqlite:///x.db", "include_schemas": ["public"],
        "schemas": {"include": ["a"], "exclud": ["b"]},
        "classification": {"enabled": True, "sample_sise": 10}}}}
    errs = errors(doc)
    assert set(errs) == {"source.config.include_schemas", "source.config.schemas.exclud",
                         "source.config.classification.sample_sise"}
    assert errs["source.config.schemas.exclud"] == "unknown key (allowed: exclude, include)"
    assert "schemas" in errs["source.config.include_schemas"]


def test_top_level_and_type_errors():
    assert "source" in errors({"stalenes": {}, "source": DB})["stalenes"]
    errs = errors({"source": {"type": "oracle-magic", "config": {}}})
    assert "unknown source type 'oracle-magic'" in errs["source.type"]
    errs = errors({"source": {"type": "database", "config": {}}})
    assert errs == {"source.config.url": "required key is missing"}
    errs = errors({"source": DB, "staleness": {"max_close_ratio": 1.5}})
    assert list(errs) == ["staleness.max_close_ratio"]
    errs = errors({"source": {"type": "database", "config": {**DB["config"],
                                                            "row_counts": "sometimes"}}})
    assert list(errs) == ["source.config.row_counts"]


def test_recipe_file_errors(tmp_path):
    with pytest.raises(RecipeError, match="cannot read recipe"):
        load_recipe(tmp_path / "absent.yaml")
    bad = tmp_path / "bad.yaml"
    bad.write_text("source: [unclosed")
    with pytest.raises(RecipeError, match="not valid YAML"):
        load_recipe(bad)
    ok = tmp_path / "ok.yaml"
    ok.write_text("source:\n  type: database\n  config:\n    url: sqlite:///${F:-x}.db\n"
                  "staleness:\n  max_close_ratio: 0.5\n")
    loaded = load_recipe(ok, env={})
    assert loaded.base_dir == tmp_path.resolve()
    assert isinstance(loaded.config, DatabaseConfig) and loaded.config.url == "sqlite:///x.db"
    assert loaded.recipe.staleness.max_close_ratio == 0.5


def test_registry_finds_each_source_and_accepts_a_class_path():
    for name in SOURCES:
        assert source_class(name).type == name
    assert source_class("ingestors.database:DatabaseSource") is DatabaseSource


def test_patterns_include_exclude():
    p = Patterns(include=["sales_*", "public.orders"], exclude=["*_tmp"])
    assert p.allows("sales_eu")
    assert p.allows("orders", "public.orders")
    assert not p.allows("sales_tmp")
    assert not p.allows("hr")
    assert Patterns().allows("anything") and Patterns(include=["A*"]).allows("abc")
