"""`catalog export-schema`: print the GraphQL SDL (committed as catalog/schema.graphql)."""

from __future__ import annotations

import argparse
import sys


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("export-schema", help="print the GraphQL schema (SDL)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from catalog.api.graphql.schema import sdl

    sys.stdout.write(sdl())
    return 0
