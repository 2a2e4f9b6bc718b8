"""Timestamps as producers really send them: nanoseconds, no zone, `Z` or an offset."""

from __future__ import annotations

import re
from datetime import UTC, datetime

from graph.props import to_iso

# more than six fractional digits (Java's Instant, Go): Python keeps microseconds
_FRACTION = re.compile(r"(\.\d{6})\d+")


def parse_time(value: str) -> datetime | None:
    """A datetime in UTC, or None when `value` is not an ISO-8601 date-time.

    A time without a zone is taken as UTC (what Marquez does)."""
    if not isinstance(value, str) or len(value) < 10:
        return None
    text = _FRACTION.sub(r"\1", value.strip())
    try:
        parsed = datetime.fromisoformat(text)
    except ValueError:
        return None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    return parsed.astimezone(UTC)


def iso(value: str | None) -> str | None:
    """The catalog's fixed-width UTC text for an event timestamp (None stays None)."""
    if value is None:
        return None
    parsed = parse_time(value)
    return to_iso(parsed) if parsed is not None else None
