"""`catalog serve`: the HTTP server (GraphQL, OpenLineage receiver, health)."""

from __future__ import annotations

import argparse

from catalog.settings import Settings


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("serve", help="start the server")
    p.add_argument("--host", help="listen address (default: CATALOG_HOST or 127.0.0.1)")
    p.add_argument("--port", type=int, help="port (default: CATALOG_PORT or 8080)")
    p.add_argument("--demo", action="store_true", help="load the demo catalog at start-up")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    import uvicorn

    from catalog.api.app import create_app
    from catalog.store import open_store

    overrides = {k: v for k, v in (("host", args.host), ("port", args.port)) if v is not None}
    settings = Settings(**overrides)
    on_startup = None
    if args.demo:
        from catalog.demo import write_demo_token

        on_startup = _load_demo(settings)
    store = open_store(settings)  # before listening: a store that cannot open is one message
    try:
        if args.demo:
            write_demo_token(settings, store)
        app = create_app(settings, store=store, on_startup=on_startup, close_store=True)
    except BaseException:
        store.close()
        raise
    # the app's shutdown closes the store (stops an engine this process owns): uvicorn
    # re-raises SIGTERM once it has shut down, so no code after run() would
    uvicorn.run(app, host=settings.host, port=settings.port, log_level="info")
    return 0


def _load_demo(settings: Settings):
    """The demo, loaded once the app runs: its OpenLineage events go through the receiver."""
    def load(app) -> None:
        from catalog.api.openlineage import receive_batch
        from catalog.demo import load_mesh

        report = load_mesh(app.state.store, settings, lambda body: receive_batch(app, body))
        contracts = ", ".join(f"{p}: {s}" for p, s in report.contracts.items())
        print(f"{report.line()}; contracts {contracts}", flush=True)
        print(f"open http://{settings.host}:{settings.port}/ (admin token in "
              f"{settings.data_dir / 'demo-admin.token'}); MCP at "
              f"http://{settings.host}:{settings.port}/mcp", flush=True)
    return load
