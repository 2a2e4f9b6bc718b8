"""`catalog secret-key`: print a new key for CATALOG_SECRET_KEY (a Fernet key), to give
every process of a deployment (required on Neo4j; see docs/MARKETPLACE.md)."""

from __future__ import annotations

import argparse

from catalog.crypto.keys import new_key


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("secret-key", help="print a new CATALOG_SECRET_KEY")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    print(new_key())
    return 0
