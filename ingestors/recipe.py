"""YAML recipes: `source: {type, config}` plus run options, with `${ENV}` expansion.

    source:
      type: database
      config:
        url: postgresql://${PGUSER}@127.0.0.1:5432/northwind
    staleness:
      max_close_ratio: 0.2

Every error names the key at fault as a dotted path (`source.config.schemas.include`),
because a recipe is usually written by hand and run by a scheduler that only shows logs.
"""

from __future__ import annotations

import os
import re
import typing
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from ingestors.base import SourceConfig
from ingestors.registry import UnknownSource, source_class

_ENV = re.compile(r"\$(\$)|\$\{([A-Za-z_][A-Za-z0-9_]*)(?::?-([^}]*))?\}")


class RecipeError(ValueError):
    """A recipe that cannot run; `errors` holds (dotted path, reason) pairs."""

    def __init__(self, errors: list[tuple[str, str]], file: str | None = None):
        self.errors = errors
        self.file = file
        where = f"{file}: " if file else ""
        super().__init__(where + "; ".join(f"{p}: {r}" if p else r for p, r in errors))


class Staleness(BaseModel):
    model_config = ConfigDict(extra="forbid")

    enabled: bool = Field(True, description="close what this run no longer sees")
    max_close_ratio: float | None = Field(
        None, ge=0.0, le=1.0,
        description="share of the source's facts one run may close (default: the setting)")


class SourceSpec(BaseModel):
    model_config = ConfigDict(extra="forbid")

    type: str
    config: dict[str, Any] = {}


class Recipe(BaseModel):
    model_config = ConfigDict(extra="forbid")

    source: SourceSpec
    staleness: Staleness = Staleness()


@dataclass
class LoadedRecipe:
    recipe: Recipe
    source_cls: type
    config: SourceConfig
    base_dir: Path
    file: str | None = None


# -- ${ENV} ---------------------------------------------------------------------------
def expand_env(value: Any, env: typing.Mapping[str, str] | None = None, path: str = "") -> Any:
    """Replace `${NAME}` / `${NAME:-default}` in every string; `$$` is a literal `$`."""
    env = os.environ if env is None else env
    if isinstance(value, dict):
        return {k: expand_env(v, env, f"{path}.{k}" if path else str(k)) for k, v in value.items()}
    if isinstance(value, list):
        return [expand_env(v, env, f"{path}[{i}]") for i, v in enumerate(value)]
    if not isinstance(value, str):
        return value

    def sub(m: re.Match) -> str:
        if m.group(1):
            return "$"
        name, default = m.group(2), m.group(3)
        if name in env:
            return env[name]
        if default is not None:
            return default
        raise RecipeError([(path, f"environment variable {name} is not set "
                                  f"(use ${{{name}:-default}} for a default)")])

    return _ENV.sub(sub, value)


# -- errors -----------------------------------------------------------------------------
def _model_at(model: type[BaseModel], loc: tuple) -> type[BaseModel] | None:
    """The pydantic model that holds the last key of `loc`, for listing allowed keys."""
    current: Any = model
    for part in loc[:-1]:
        if isinstance(part, int):
            continue
        if not (isinstance(current, type) and issubclass(current, BaseModel)):
            return None
        info = current.model_fields.get(part)
        if info is None:
            return None
        current = _inner_model(info.annotation)
    return current if isinstance(current, type) and issubclass(current, BaseModel) else None


def _inner_model(annotation: Any) -> Any:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in typing.get_args(annotation):
        found = _inner_model(arg)
        if found is not None:
            return found
    return None


def validation_errors(exc: ValidationError, model: type[BaseModel],
                      prefix: str) -> list[tuple[str, str]]:
    out = []
    for err in exc.errors():
        loc = tuple(p for p in err["loc"] if not (isinstance(p, str) and "[" in p))
        path = prefix + "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in loc)
        if err["type"] == "extra_forbidden":
            holder = _model_at(model, loc)
            allowed = ", ".join(sorted(holder.model_fields)) if holder else ""
            reason = "unknown key" + (f" (allowed: {allowed})" if allowed else "")
        elif err["type"] == "missing":
            reason = "required key is missing"
        else:
            reason = err["msg"]
        out.append((path.lstrip("."), reason))
    return out


# -- loading ----------------------------------------------------------------------------
def parse_recipe(data: Any, *, base_dir: Path, file: str | None = None,
                 env: typing.Mapping[str, str] | None = None) -> LoadedRecipe:
    if not isinstance(data, dict):
        raise RecipeError([("", "a recipe is a mapping with a `source` key")], file)
    try:
        data = expand_env(data, env)
    except RecipeError as exc:
        raise RecipeError(exc.errors, file) from None
    try:
        recipe = Recipe.model_validate(data)
    except ValidationError as exc:
        raise RecipeError(validation_errors(exc, Recipe, ""), file) from None
    try:
        cls = source_class(recipe.source.type)
    except UnknownSource as exc:
        raise RecipeError([("source.type", str(exc))], file) from None
    try:
        config = cls.config_class.model_validate(recipe.source.config)
    except ValidationError as exc:
        raise RecipeError(validation_errors(exc, cls.config_class, "source.config"),
                          file) from None
    return LoadedRecipe(recipe, cls, config, base_dir, file)


def load_recipe(path: str | Path, env: typing.Mapping[str, str] | None = None) -> LoadedRecipe:
    path = Path(path)
    try:
        text = path.read_text()
    except OSError as exc:
        raise RecipeError([("", f"cannot read recipe: {exc.strerror}")], str(path)) from None
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise RecipeError([("", f"not valid YAML: {exc}")], str(path)) from None
    return parse_recipe(data, base_dir=path.resolve().parent, file=str(path), env=env)
