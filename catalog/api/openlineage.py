"""The OpenLineage receiver: `POST /api/v1/lineage` (one event) and `/api/v1/lineage/batch`
(a JSON array or NDJSON), as openlineage-python's HttpTransport sends them: JSON, maybe
`Content-Encoding: gzip`, with `Authorization: Bearer <token>` (a token with the ingest role).

Accepted events are appended to the raw event log (`catalog.runtime`; fsynced, while the
graph commits) and written to the graph in one transaction before the answer, so a 200
means they are durable and readable. A bounded number of requests write at once and a
bounded number wait (`catalog.api.backpressure`); more get 503 with Retry-After.
"""

from __future__ import annotations

import logging
from contextlib import nullcontext

from fastapi import APIRouter, FastAPI, Request
from fastapi.responses import JSONResponse
from starlette.concurrency import run_in_threadpool

from catalog.api import backpressure
from catalog.api.openlineage_relay import RelayClient
from catalog.api.request_body import BodyError, parse_json, parse_json_or_ndjson, read_body
from catalog.auth import ANONYMOUS, Principal, Role
from catalog.runtime import Runtime
from catalog.settings import Settings
from graph import GraphStore
from ingestors.openlineage import IngestResult, prepare_events, write_prepared
from ingestors.openlineage.gcpause import paused_gc

log = logging.getLogger("catalog.auth")
router = APIRouter(prefix="/api/v1", tags=["openlineage"])


def setup(app: FastAPI) -> None:
    app.include_router(router)
    settings: Settings = app.state.settings
    app.state.openlineage_gate = backpressure.Gate(
        "OpenLineage receiver", settings.openlineage_max_in_flight,
        settings.openlineage_max_queued, settings.openlineage_retry_after_s)
    backpressure.install(app)
    app.state.openlineage_relay = (RelayClient(settings.openlineage_relay)
                                   if settings.openlineage_relay else None)

    @app.exception_handler(BodyError)
    async def _body_error(_: Request, exc: BodyError) -> JSONResponse:
        return JSONResponse(status_code=exc.status, content=exc.content(),
                            headers=exc.headers())


def _authorize(request: Request) -> None:
    """Events are writes: they need a token with the ingest role (or admin)."""
    principal: Principal = getattr(request.state, "principal", ANONYMOUS)
    if principal.allows(Role.INGEST):
        return
    status, code = (403, "FORBIDDEN") if principal.authenticated else (401, "UNAUTHENTICATED")
    message = (f"role {principal.role} may not send events; needs ingest"
               if principal.authenticated else
               "send `Authorization: Bearer <token>` with a token of role ingest")
    log.warning("denied %s %s (%s): %s", request.method, request.url.path, principal.name,
                message)
    raise BodyError(status, code, message, path="headers.authorization")


GC_PAUSE_MIN_BYTES = 1 << 20  # about a thousand events


async def _read(request: Request) -> bytes:
    settings: Settings = request.app.state.settings
    _authorize(request)
    return await read_body(request, max_bytes=settings.openlineage_max_body_bytes,
                           max_decompressed=settings.openlineage_max_decompressed_bytes,
                           drain_bytes=settings.openlineage_drain_bytes)


async def _ingest_admitted(app: FastAPI, body: bytes, batch: bool) -> IngestResult:
    """Once the gate admits it (503 when too many wait): _ingest in a worker thread, or in
    the supervising process when this is one worker of several (`openlineage_relay`)."""
    async with app.state.openlineage_gate.enter():
        relay: RelayClient | None = app.state.openlineage_relay
        if relay is not None:
            return await relay.ingest(body, batch)
        return await run_in_threadpool(ingest_body, app.state.store, app.state.runtime, body,
                                       batch)


def ingest_body(store: GraphStore, runtime: Runtime, body: bytes, batch: bool
                ) -> IngestResult:
    """Parse, validate, log the valid events (fsync), then write them; the caller answers
    after. In a worker thread: parsing a large batch must not hold up the event loop."""
    # Only a large body pauses the collector: while it is paused, the readers this worker
    # serves leave their cyclic garbage (asyncio futures, tracebacks) uncollected, and the
    # pass when the pause ends holds the GIL for every thread; small batches overlapping
    # kept it paused most of the time and spent 40% of a worker's GIL time in that pass.
    with paused_gc() if len(body) >= GC_PAUSE_MIN_BYTES else nullcontext():
        # the batch's objects are freed when _parse_and_write returns, before the collector
        # runs again (else its first pass would walk all of them)
        return _parse_and_write(store, runtime, body, batch)


def receive_batch(store: GraphStore, runtime: Runtime, body: bytes) -> IngestResult:
    """What `POST /api/v1/lineage/batch` does with a body once it is read: for a caller in
    this process (the demo); a refused event is an error here."""
    result = ingest_body(store, runtime, body, True)
    if not result.ok:
        bad = next(r for r in result.results if not r.accepted)
        raise ValueError(f"event {bad.index} refused: "
                         + "; ".join(f"{p.path}: {p.message}" for p in bad.errors))
    return result


def _parse_and_write(store: GraphStore, runtime: Runtime, body: bytes,
                     batch: bool) -> IngestResult:
    events = parse_json_or_ndjson(body) if batch else [parse_json(body)]
    if not batch and not isinstance(events[0], dict):
        raise BodyError(400, "INVALID_EVENT", "expected one event (a JSON object); send "
                                              "several to /api/v1/lineage/batch")
    prepared = prepare_events(events)
    logged = runtime.event_log.append([events[i] for i in prepared.valid_indexes])
    try:
        return write_prepared(store, prepared)
    finally:
        if logged is not None:
            logged.result()  # durable in the log before the answer


@router.post("/lineage", summary="Receive one OpenLineage event")
async def post_event(request: Request) -> JSONResponse:
    body = await _read(request)
    result = (await _ingest_admitted(request.app, body, False)).results[0]
    if not result.accepted:
        return JSONResponse(status_code=400, content={
            "error": "INVALID_EVENT", "errors": [p.as_dict() for p in result.errors]})
    return JSONResponse(status_code=200, content={"status": "success", **result.as_dict()})


@router.post("/lineage/batch", summary="Receive a batch of OpenLineage events")
async def post_batch(request: Request) -> JSONResponse:
    """One transaction for the valid events of the batch; invalid ones are listed, not
    written. 200 when at least one event was accepted (or the batch was empty), else 400."""
    body = await _read(request)
    result = await _ingest_admitted(request.app, body, True)
    failed = [r for r in result.results if not r.accepted]
    body = {
        "status": "success" if not failed else "partial_success",
        "summary": {"received": len(result.results), "successful": result.accepted,
                    "failed": len(failed), "retriable": 0, "non_retriable": len(failed)},
        "failed_events": [{"index": r.index, "retriable": False,
                           "reason": "; ".join(f"{p.path}: {p.message}" for p in r.errors),
                           "errors": [p.as_dict() for p in r.errors]} for r in failed],
    }
    if failed and not result.accepted:
        return JSONResponse(status_code=400, content={"error": "INVALID_EVENT", **body})
    return JSONResponse(status_code=200, content=body)
