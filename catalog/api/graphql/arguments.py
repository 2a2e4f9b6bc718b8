"""Services name the parameter at fault in their own terms (`max_nodes_per_hop`,
`items[2].subject`); GraphQL clients see the argument path (`input.maxNodesPerHop`,
`inputs[2].subjectId`). A resolver wraps its service call in `argument_paths(...)`, the one
place that translation happens (REST routes do theirs with `catalog.api.errors.paths`)."""

from __future__ import annotations

import re
from contextlib import AbstractContextManager

from catalog.api.errors import paths

_SEGMENT = re.compile(r"^(?P<name>[A-Za-z_]\w*)(?P<index>(?:\[\d+\])*)$")
_RENAMES = {"subject": "subjectId"}  # a service's item field -> its GraphQL input field


def camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(p[:1].upper() + p[1:] for p in rest)


def argument_path(path: str, prefix: str | None = None, *, single: bool = False,
                  renames: dict[str, str] | None = None) -> str:
    """`path` as the GraphQL argument path: each segment renamed (else camelCased), under
    `prefix`; `single` drops the index of a batch item (one `input` instead of `inputs`)."""
    names = {**_RENAMES, **(renames or {})}
    out = []
    for segment in path.split("."):
        m = _SEGMENT.match(segment)
        if m is None:
            out.append(segment)
            continue
        out.append(names.get(m["name"], camel(m["name"])) + ("" if single else m["index"]))
    return ".".join([prefix, *out] if prefix else out)


def argument_paths(prefix: str | None = None, *, single: bool = False,
                   **renames: str) -> AbstractContextManager[None]:
    """Errors raised inside name GraphQL argument paths (see `argument_path`)."""
    return paths(lambda p: argument_path(p, prefix, single=single, renames=renames))
