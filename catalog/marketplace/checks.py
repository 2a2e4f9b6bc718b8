"""Checks of marketplace input; each error names the service method's own parameter."""

from __future__ import annotations

from datetime import UTC, datetime
from urllib.parse import urlparse

from graph.errors import InvalidInput
from graph.labels import Label, require_id

MAX_TEXT = 2000


def product_id(value: str, path: str = "product_id") -> str:
    return require_id(value, Label.DATA_PRODUCT, path)


def text(value: str | None, path: str, *, required: bool = False,
         limit: int = MAX_TEXT) -> str | None:
    value = (value or "").strip()
    if required and not value:
        raise InvalidInput(path, "must not be empty")
    if len(value) > limit:
        raise InvalidInput(path, f"must be at most {limit} characters")
    return value or None


def stars(value: int) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or not 1 <= value <= 5:
        raise InvalidInput("stars", f"a rating is 1 to 5 stars, got {value!r}")
    return value


def future_time(value: str | None, path: str) -> str | None:
    """An ISO-8601 time in the future, as UTC text (None: no expiry)."""
    if value is None:
        return None
    try:
        when = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        raise InvalidInput(path, f"{value!r} is not an ISO-8601 time") from None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    if when <= datetime.now(UTC):
        raise InvalidInput(path, "must be in the future")
    return when.astimezone(UTC).isoformat().replace("+00:00", "Z")


def webhook_url(value: str) -> str:
    parsed = urlparse((value or "").strip())
    if parsed.scheme not in ("http", "https") or not parsed.netloc:
        raise InvalidInput("url", f"a webhook URL must be http(s)://host/..., got {value!r}")
    return value.strip()


def secret(value: str) -> str:
    if not isinstance(value, str) or not 16 <= len(value) <= 256:
        raise InvalidInput("secret", "a shared secret of 16 to 256 characters")
    return value
