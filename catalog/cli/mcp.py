"""`catalog mcp`: the MCP server over stdio, for desktop assistants (Claude Desktop, IDEs).

It opens the catalog's graph like any `catalog` command (CATALOG_* settings), keeps a search
index that follows other processes' writes, and answers on stdin/stdout. Reads need no
token (the process can read the graph anyway); write tools (`CATALOG_MCP_WRITES=true`) need
a steward token in `--token` or `CATALOG_MCP_TOKEN`, checked against the graph's tokens.
"""

from __future__ import annotations

import argparse
import os
import sys


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("mcp", help="serve MCP over stdio (for AI assistants)")
    p.add_argument("--token", help="an API token whose role the write tools check "
                                   "(default: CATALOG_MCP_TOKEN)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from catalog.api.mcp import CatalogAccess, build_server
    from catalog.auth import ANONYMOUS, token_store
    from catalog.runtime import Runtime
    from catalog.settings import Settings
    from catalog.store import open_store

    # a reader beside the server: no second re-propagator, no raw event log of its own
    settings = Settings().model_copy(update={"classification_auto_propagate": False,
                                             "openlineage_event_log": False})
    store = open_store(settings)
    runtime = Runtime.create(store, settings)
    try:
        principal = ANONYMOUS
        token = args.token or os.environ.get("CATALOG_MCP_TOKEN")
        if token:
            principal = token_store(settings, store).verify(token.strip())
            if principal is None:
                print("catalog mcp: invalid or revoked token", file=sys.stderr)
                return 2
        runtime.start()
        access = CatalogAccess(store=lambda: store, settings=settings,
                               search=lambda: runtime.search_service,
                               stdio_principal=principal)
        build_server(access).run("stdio")
    finally:
        runtime.stop()
        store.close()
    return 0
