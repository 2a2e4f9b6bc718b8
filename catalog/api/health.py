"""Liveness (/healthz: the process answers) and readiness (/readyz: the store answers)."""

from __future__ import annotations

import os

from fastapi import APIRouter, Depends
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse

from catalog.api.deps import get_store
from graph import GraphStore

router = APIRouter()


@router.get("/healthz")
async def healthz() -> dict[str, str | int]:
    """`worker`: the answering process, one of several behind one port."""
    return {"status": "ok", "worker": os.getpid()}


@router.get("/readyz")
async def readyz(store: GraphStore = Depends(get_store)) -> JSONResponse:
    try:
        ok = await run_in_threadpool(store.ping)
    except Exception as exc:  # any failure to answer is "not ready"
        return JSONResponse(status_code=503, content={"status": "unavailable",
                                                      "reason": type(exc).__name__})
    return JSONResponse(status_code=200 if ok else 503,
                        content={"status": "ready" if ok else "unavailable",
                                 "engine": store.engine.name})
