"""Where a product preview reads live rows: the `preview_sources` setting.

A preview source is the database recipe's connection part (`url`, `connect_args`,
`naming`: the same shapes, ingestors/database/config.py), so a source names its tables with
the dataset ids the database ingestor gave them. `${ENV}` in the URL is expanded when the
source is used, as recipes do, so a password can stay in the environment and out of the
settings. Unknown keys are refused.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Any
from urllib.parse import unquote

from pydantic import Field
from sqlalchemy.engine import URL, make_url

from ingestors.base import SourceConfig
from ingestors.database import driver_url
from ingestors.database.config import NamingOptions
from ingestors.recipe import expand_env


class PreviewSource(SourceConfig):
    name: str | None = Field(None, description="what errors call this source (default: its "
                                               "URL without the password)")
    url: str = Field(description="SQLAlchemy URL; ${ENV} / ${ENV:-default} are expanded")
    connect_args: dict[str, Any] = {}
    naming: NamingOptions = NamingOptions()

    def expanded_url(self, env: Mapping[str, str] | None = None) -> URL:
        """The URL with ${ENV} expanded (RecipeError naming an unset variable)."""
        return make_url(expand_env(self.url, os.environ if env is None else env, "url"))

    def resolved_url(self, env: Mapping[str, str] | None = None) -> URL:
        """The expanded URL with this package's driver when it names none."""
        return driver_url(self.expanded_url(env))

    @property
    def label(self) -> str:
        """How errors and answers name the source: never with its password."""
        if self.name:
            return self.name
        try:
            return self.expanded_url().render_as_string(hide_password=True)
        except Exception:  # an unset variable: as written (${NAME} kept), password hidden
            pass
        try:
            return unquote(make_url(self.url).render_as_string(hide_password=True))
        except Exception:  # an unparsable URL: its scheme only
            return self.url.split("://", 1)[0] + "://..."
