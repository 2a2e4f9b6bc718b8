"""PreviewService: a few live rows of a dataset, read from its source on demand.

The catalog keeps no source credentials and no sample values: an operator names preview
sources in the settings (`preview_sources`), and each request runs one bounded
`SELECT <harvested columns> FROM <table> LIMIT n` there (ingestors/database/sampling.py),
with connect and statement timeouts. Values of columns classified as PII (an open
classification of the PII family not rejected by a steward: accepted, propagated, or
still a suggestion) are masked before they leave the service (masking.py). Columns the
catalog has not harvested are never selected.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from typing import Any

import sqlalchemy as sa
from sqlalchemy.pool import NullPool

from catalog.preview.errors import NoPreviewSource, PreviewSourceError
from catalog.preview.masking import is_pii, mask
from catalog.preview.models import DatasetSample, SampleColumn
from catalog.preview.sources import Table, locate
from catalog.settings import Settings
from graph import GraphStore, Label
from graph import preview as gp
from graph.errors import InvalidInput, NotFound
from graph.labels import require_id
from ingestors.database.sampling import as_text, select_rows, timeout_args

log = logging.getLogger(__name__)
DEFAULT_ROWS, MAX_ROWS = 10, 50
REJECTED = "rejected"


def _columns(rows: list[dict[str, Any]]) -> list[SampleColumn]:
    """The dataset's columns in ordinal order, each with its open, unrejected classes."""
    by_name: dict[str, dict[str, Any]] = {}
    classes: dict[str, list[str]] = defaultdict(list)
    masked: dict[str, bool] = defaultdict(bool)
    for r in rows:
        by_name.setdefault(r["name"], r)
        if r["classification"] is None or r["status"] == REJECTED:
            continue
        classes[r["name"]].append(r["classification"])
        masked[r["name"]] |= is_pii(r["classification"], r["sensitivity"])
    # nested fields (a path with dots) are not columns a SELECT can name
    flat = [r for r in by_name.values() if (r["path"] or r["name"]) == r["name"]]
    flat.sort(key=lambda r: (r["ordinal"] if r["ordinal"] is not None else 1 << 30, r["name"]))
    return [SampleColumn(r["name"], r["type"], masked[r["name"]],
                         sorted(set(classes[r["name"]]))) for r in flat]


def _reason(exc: Exception, url: sa.engine.URL) -> str:
    """The driver's first line, without the password should a driver echo it."""
    first = (str(getattr(exc, "orig", None) or exc).strip().splitlines() or [""])[0]
    if url.password:
        first = first.replace(str(url.password), "***")
    return f"{exc.__class__.__name__}: {first[:300]}"


class PreviewService:
    def __init__(self, store: GraphStore, settings: Settings | None = None):
        self.store = store
        self.settings = settings or Settings()

    @staticmethod
    def check_rows(rows: int) -> int:
        if isinstance(rows, bool) or not isinstance(rows, int) or not 1 <= rows <= MAX_ROWS:
            raise InvalidInput("rows", f"must be between 1 and {MAX_ROWS}, got {rows!r}")
        return rows

    def sample(self, dataset_id: str, rows: int = DEFAULT_ROWS) -> DatasetSample:
        """Up to `rows` live rows of the dataset's harvested columns, PII masked."""
        rows = self.check_rows(rows)
        require_id(dataset_id, Label.DATASET, "dataset_id")
        node, column_rows = gp.dataset_columns(self.store, dataset_id)
        if node is None or node.get("valid_to") is not None:
            exc = NotFound(dataset_id)
            exc.path = "dataset_id"  # type: ignore[attr-defined]
            raise exc
        problems: list[str] = []
        table = locate(self.settings.preview_sources, node, problems)
        if table is None:
            raise NoPreviewSource(dataset_id, problems)
        columns = _columns(column_rows)
        values = self._select(table, [c.name for c in columns], rows) if columns else []
        return DatasetSample(dataset_id, table.source.label, columns, [
            [mask(v) if c.masked else v for c, v in zip(columns, r, strict=True)]
            for r in values])

    def _select(self, table: Table, names: list[str], n: int) -> list[list[str | None]]:
        """One bounded SELECT on a connection of its own (no pool outlives the request)."""
        args = {**timeout_args(table.url.get_backend_name(),
                               self.settings.preview_timeout_s),
                **table.source.connect_args}
        try:
            engine = sa.create_engine(table.url, connect_args=args, poolclass=NullPool)
        except Exception as exc:  # a dialect or driver that is not installed
            raise PreviewSourceError(table.source.label, _reason(exc, table.url)) from None
        try:
            with engine.connect() as conn:
                got = select_rows(conn, table.schema, table.table, names, n)
        except sa.exc.SQLAlchemyError as exc:
            log.warning("preview of %s.%s on %s failed: %s", table.schema, table.table,
                        table.source.label, exc.__class__.__name__)
            raise PreviewSourceError(table.source.label, _reason(exc, table.url)) from None
        finally:
            engine.dispose()
        return [[as_text(v) for v in r] for r in got]
