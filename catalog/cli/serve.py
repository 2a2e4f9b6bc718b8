"""`catalog serve`: the HTTP server (GraphQL, OpenLineage receiver, MCP, health).

With one worker the process serves requests itself. With several (the default: one per
core), this process supervises: it opens the store first (one clear message when it
cannot, and on the embedded engine it owns the engine, so workers come and go while the
graph stays up), loads the demo once, runs the once-per-server background work
(re-propagation), and uvicorn spawns the workers, each its own app and its own cache of the
graph kept in step by the change feed.
"""

from __future__ import annotations

import argparse
import os

from catalog.settings import Settings


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("serve", help="start the server")
    p.add_argument("--host", help="listen address (default: CATALOG_HOST or 127.0.0.1)")
    p.add_argument("--port", type=int, help="port (default: CATALOG_PORT or 8080)")
    p.add_argument("--workers", type=int,
                   help="worker processes (default: CATALOG_WORKERS, else one per core)")
    p.add_argument("--demo", action="store_true", help="load the demo catalog at start-up")
    p.set_defaults(func=run)


def worker_count(settings: Settings) -> int:
    return settings.workers or os.cpu_count() or 1


def run(args: argparse.Namespace) -> int:
    from catalog.store import open_store

    overrides = {k: v for k, v in (("host", args.host), ("port", args.port),
                                   ("workers", args.workers)) if v is not None}
    settings = Settings(**overrides)
    store = open_store(settings)  # before listening: a store that cannot open is one message
    try:
        from catalog.crypto import secret_box

        secret_box(settings, store)  # and so is a missing CATALOG_SECRET_KEY (Neo4j)
    except BaseException:
        store.close()
        raise
    if worker_count(settings) > 1:
        return _supervise(settings, store, demo=args.demo)
    try:
        from catalog.api.app import create_app

        on_startup = None
        if args.demo:
            from catalog.demo import write_demo_token

            write_demo_token(settings, store)
            load = _demo_loader(settings)
            on_startup = lambda app: load(app.state.store, app.state.runtime)  # noqa: E731
        app = create_app(settings, store=store, on_startup=on_startup, close_store=True)
    except BaseException:
        store.close()
        raise
    import uvicorn

    # the app's shutdown closes the store (stops an engine this process owns): uvicorn
    # re-raises SIGTERM once it has shut down, so no code after run() would
    uvicorn.run(app, host=settings.host, port=settings.port, log_level="info")
    return 0


def _supervise(settings: Settings, store, *, demo: bool) -> int:
    import uvicorn

    from catalog.api.openlineage import ingest_body
    from catalog.api.openlineage_relay import RelayServer
    from catalog.runtime import Runtime

    runtime = Runtime.create(store, settings, serves=False)
    relay = RelayServer(lambda body, batch: ingest_body(store, runtime, body, batch))
    try:
        runtime.start()
        relay.start()
        if demo:
            from catalog.demo import write_demo_token

            write_demo_token(settings, store)
            _demo_loader(settings)(store, runtime)
        # the workers (spawned) read their settings from the environment
        os.environ.update({"CATALOG_HOST": settings.host, "CATALOG_PORT": str(settings.port),
                           "CATALOG_WORKERS": "1",
                           "CATALOG_OPENLINEAGE_RELAY": str(relay.path),
                           # libuv (uvloop) accepts one connection per wake-up, so the
                           # worker that is less busy tends to take the next one
                           "UV_TCP_SINGLE_ACCEPT": "1"})
        uvicorn.run("catalog.api.app:create_worker_app", factory=True, host=settings.host,
                    port=settings.port, workers=worker_count(settings), log_level="info")
    finally:  # the supervisor returns from run() on SIGTERM/SIGINT once workers are gone
        relay.stop()
        runtime.stop()
        store.close()
    return 0


def _demo_loader(settings: Settings):
    """The demo, loaded once: its OpenLineage events go through the receiver's code."""
    def load(store, runtime) -> None:
        from catalog.api.openlineage import receive_batch
        from catalog.demo import load_mesh

        report = load_mesh(store, settings, lambda body: receive_batch(store, runtime, body))
        contracts = ", ".join(f"{p}: {s}" for p, s in report.contracts.items())
        print(f"{report.line()}; contracts {contracts}", flush=True)
        print(f"open http://{settings.host}:{settings.port}/ (admin token in "
              f"{settings.data_dir / 'demo-admin.token'}); MCP at "
              f"http://{settings.host}:{settings.port}/mcp", flush=True)
    return load
