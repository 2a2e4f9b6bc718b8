"""Source types by name. A new source is one module plus one line here.

Entries are import paths, imported on first use, so a recipe for one source never loads
another source's drivers. A recipe may also name a class directly (`package.module:Class`)
for sources that live outside this package.
"""

from __future__ import annotations

import importlib

from ingestors.base import Source

SOURCES: dict[str, str] = {
    "database": "ingestors.database:DatabaseSource",
    "dbt": "ingestors.dbt:DbtSource",
    "data-product": "ingestors.data_products:DataProductSource",
}


class UnknownSource(LookupError):
    def __init__(self, name: str):
        self.name = name
        super().__init__(f"unknown source type {name!r}; known: {', '.join(sorted(SOURCES))} "
                         "(or a 'package.module:Class' path)")


def source_class(name: str) -> type[Source]:
    target = SOURCES.get(name) or (name if ":" in name else None)
    if target is None:
        raise UnknownSource(name)
    module_name, _, attr = target.partition(":")
    try:
        cls = getattr(importlib.import_module(module_name), attr)
    except (ImportError, AttributeError) as exc:
        raise UnknownSource(name) from exc
    if not (isinstance(cls, type) and issubclass(cls, Source)):
        raise UnknownSource(name)
    return cls
