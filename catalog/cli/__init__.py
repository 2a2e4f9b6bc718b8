"""`catalog` command line: one module per subcommand, registered in COMMANDS."""

from __future__ import annotations

import argparse
import importlib
import logging
import sys

from catalog.crypto import SecretKeyError
from graph.errors import StoreAuthError, StoreUnavailable

# Each module has `register(subparsers)` that adds its parser with `func` set.
COMMANDS = ["catalog.cli.serve", "catalog.cli.schema", "catalog.cli.token", "catalog.cli.replay",
            "catalog.cli.ingest", "catalog.cli.classify", "catalog.cli.check", "catalog.cli.mcp",
            "catalog.cli.secret_key"]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="catalog", description="mesh catalog")
    parser.add_argument("-v", "--verbose", action="store_true", help="debug logging")
    sub = parser.add_subparsers(dest="command", required=True)
    for name in COMMANDS:
        importlib.import_module(name).register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    logging.basicConfig(level=logging.DEBUG if args.verbose else logging.INFO,
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    logging.getLogger("neo4j").setLevel(logging.WARNING)
    try:
        return int(args.func(args) or 0)
    except (StoreUnavailable, StoreAuthError, SecretKeyError) as exc:
        print(f"catalog {args.command}: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
