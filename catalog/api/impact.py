"""GET /api/v1/impact: impact analysis as JSON or CSV (for spreadsheets and change tickets).

Query parameters: `id` (a dataset or column), `depth`, `format` (json, the default, or csv;
an `Accept: text/csv` header also asks for CSV), and repeatable filters `kind`, `domain`,
`data_product`, `classification`. Bad input answers 400 naming the parameter.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import re
from typing import Any

from fastapi import APIRouter, FastAPI, Query, Request
from fastapi.responses import JSONResponse, Response

from catalog.api.deps import settings_of, store_of
from catalog.api.errors import parameters
from catalog.lineage import LineageService
from catalog.lineage.impact_model import Impact, ImpactFilters
from graph.errors import InvalidInput
from ingestors.openlineage.gcpause import paused_gc

CSV_FIELDS = ["entity", "id", "name", "dataset", "degree", "kind", "domain", "data_product",
              "owners", "classifications"]


def _depth(value: str | None) -> int | None:
    if value is None or value == "":
        return None
    try:
        return int(value)
    except ValueError:
        raise InvalidInput("depth", f"expected an integer, got {value!r}") from None


def to_csv(impact: Impact) -> str:
    """One row per impacted dataset, then one per impacted column (in its dataset's context)."""
    out = io.StringIO()
    w = csv.DictWriter(out, fieldnames=CSV_FIELDS, lineterminator="\n")
    w.writeheader()
    datasets = impact.datasets()
    by_id = {d.id: d for d in datasets}

    def names(refs) -> str:
        return ";".join(r.name or r.id for r in refs)

    for d in datasets:
        w.writerow({"entity": "dataset", "id": d.id, "name": d.name, "dataset": d.id,
                    "degree": d.degree, "kind": d.kind,
                    "domain": d.domain.id if d.domain else "",
                    "data_product": d.product.id if d.product else "",
                    "owners": names(d.owners), "classifications": names(d.classifications)})
    for c in impact.columns():
        d = by_id.get(c.dataset)
        w.writerow({"entity": "column", "id": c.id, "name": c.name, "dataset": c.dataset,
                    "degree": c.degree, "kind": d.kind if d else "",
                    "domain": d.domain.id if d and d.domain else "",
                    "data_product": d.product.id if d and d.product else "",
                    "owners": names(d.owners) if d else "",
                    "classifications": names(c.classifications)})
    return out.getvalue()


def as_json(impact: Impact) -> dict[str, Any]:
    """The whole result: a download, not a page (GraphQL pages)."""
    return {"root": impact.root, "depth": impact.depth, "truncated": impact.truncated,
            "datasets": [dataclasses.asdict(d) for d in impact.datasets()],
            "columns": [dataclasses.asdict(c) for c in impact.columns()],
            **{k: [dataclasses.asdict(g) for g in getattr(impact, k)]
               for k in ("by_domain", "by_product", "by_owner", "classifications")}}


router = APIRouter()


@router.get("/api/v1/impact", summary="Impact analysis of a dataset or column (JSON or CSV)")
def impact(request: Request, id: str | None = None, depth: str | None = None,
           format: str | None = None, kind: list[str] | None = Query(None),
           domain: list[str] | None = Query(None), data_product: list[str] | None = Query(None),
           classification: list[str] | None = Query(None)) -> Response:
    if not id:
        raise InvalidInput("id", "required: the id of a dataset or a column")
    fmt = (format or ("csv" if "text/csv" in request.headers.get("accept", "") else "json"))
    if fmt not in ("json", "csv"):
        raise InvalidInput("format", f"expected json or csv, got {fmt!r}")
    service = LineageService(store_of(request), settings_of(request))
    with parameters(node_id="id"), paused_gc():  # as the GraphQL query (many objects)
        found = service.impact(id, depth=_depth(depth), filters=ImpactFilters(
            kinds=kind, domains=domain, products=data_product,
            classifications=classification))
    if fmt == "csv":
        name = re.sub(r"[^A-Za-z0-9._-]+", "_", id.rsplit(":", 1)[-1])
        return Response(to_csv(found), media_type="text/csv; charset=utf-8", headers={
            "Content-Disposition": f'attachment; filename="impact-{name}.csv"'})
    return JSONResponse(as_json(found))


def setup(app: FastAPI) -> None:
    app.include_router(router)
