"""Words the synthetic catalog is made of: identifiers that look like a real data mesh."""

from __future__ import annotations

import random

DOMAINS = (
    "sales", "finance", "marketing", "logistics", "hr", "customer", "product", "payments",
    "risk", "supply_chain", "support", "analytics", "security", "inventory", "pricing",
    "fraud", "growth", "legal", "procurement", "platform", "billing", "partners",
    "compliance", "research",
)

ENTITIES = (
    "customer", "order", "order_item", "product", "account", "invoice", "payment",
    "shipment", "campaign", "session", "user", "employee", "supplier", "store", "device",
    "event", "subscription", "ticket", "refund", "cart", "coupon", "warehouse", "contract",
    "lead", "visit", "click", "transaction", "loan", "claim", "policy",
)

PRODUCT_NOUNS = (
    "360", "master", "history", "events", "facts", "snapshots", "metrics", "features",
    "scores", "ledger", "feed", "insights", "catalog", "audit", "forecast", "segments",
    "quality", "core", "daily", "realtime",
)

# attribute -> (column type, classification-looking hint or None)
ATTRIBUTES: dict[str, tuple[str, str | None]] = {
    "id": ("bigint", None), "key": ("varchar", None), "name": ("varchar", None),
    "code": ("varchar", None), "status": ("varchar", None), "type": ("varchar", None),
    "created_at": ("timestamp", None), "updated_at": ("timestamp", None),
    "deleted_at": ("timestamp", None), "event_ts": ("timestamp", None),
    "date": ("date", None), "amt": ("decimal(18,2)", None), "amount": ("decimal(18,2)", None),
    "qty": ("integer", None), "price": ("decimal(18,2)", None), "total": ("decimal(18,2)", None),
    "currency": ("char(3)", None), "count": ("integer", None), "score": ("double", None),
    "flag": ("boolean", None), "region": ("varchar", None), "country": ("char(2)", None),
    "city": ("varchar", None), "zip": ("varchar", "PII.Address"),
    "description": ("varchar", None), "category": ("varchar", None),
    "email": ("varchar", "PII.Email"), "phone": ("varchar", "PII.Phone"),
    "first_name": ("varchar", "PII.PersonName"), "last_name": ("varchar", "PII.PersonName"),
    "full_name": ("varchar", "PII.PersonName"), "address": ("varchar", "PII.Address"),
    "birth_date": ("date", "PII.BirthDate"), "ssn": ("varchar", "PII.NationalId"),
    "iban": ("varchar", "PII.Iban"), "card_number": ("varchar", "PII.CreditCard"),
    "ip_address": ("varchar", "PII.IpAddress"), "user_agent": ("varchar", None),
    "channel": ("varchar", None), "segment": ("varchar", None),
}

AGGREGATES = ("total", "avg", "sum", "max", "min", "cnt", "pct", "last")

# layer -> (table prefix, share of datasets); layer 0 holds the sources
LAYERS = (("raw", 0.30), ("stg", 0.25), ("int", 0.18), ("fct", 0.12), ("mart", 0.09),
          ("rpt", 0.06))

# namespace templates per platform; {n} is a small host number
PLATFORMS = {
    "postgres": ("postgres://pg-{n}.internal:5432", "table", "snake"),
    "mysql": ("mysql://mysql-{n}.internal:3306", "table", "snake"),
    "kafka": ("kafka://broker-{n}.internal:9092", "topic", "camel"),
    "s3": ("s3://lake-{n}", "file", "snake"),
    "snowflake": ("snowflake://acme-{n}.eu-west-1", "table", "snake"),
    "bigquery": ("bigquery", "table", "snake"),
}
SOURCE_PLATFORMS = ("postgres", "postgres", "mysql", "kafka", "s3")
DERIVED_PLATFORMS = ("snowflake", "snowflake", "bigquery", "s3")
DERIVED_KINDS = ("table", "table", "table", "view", "model")

TAGS = (
    "pii", "gold", "silver", "bronze", "deprecated", "certified", "gdpr", "sox", "finance",
    "experimental", "daily", "hourly", "streaming", "core", "external", "sensitive",
    "internal", "public", "ml", "kpi",
)
TRANSFORMS = ("IDENTITY", "IDENTITY", "IDENTITY", "TRANSFORMATION", "TRANSFORMATION")
INDIRECT = ("JOIN", "FILTER", "GROUP_BY", "SORT")


def camel(snake: str) -> str:
    head, *rest = snake.split("_")
    return head + "".join(w.capitalize() for w in rest)


# made-up business words ("terms" of a catalog): syllables that read like real words, so
# tokenisation, typo tolerance and prefixes behave as on a real vocabulary
_ONSETS = ("b", "c", "d", "f", "g", "h", "j", "k", "l", "m", "n", "p", "r", "s", "t", "v",
           "w", "z", "br", "ch", "cl", "dr", "fl", "gr", "pl", "pr", "sh", "st", "th", "tr")
_VOWELS = ("a", "e", "i", "o", "u", "ai", "ea", "io", "ou")
_CODAS = ("", "", "", "n", "r", "s", "t", "l", "m", "x", "nd", "st", "rk")


def made_up_words(n: int, seed: int = 1) -> list[str]:
    """`n` distinct pronounceable words of 2 to 4 syllables, the same for the same seed."""
    rng = random.Random(f"words:{seed}")
    out: list[str] = []
    seen: set[str] = set()
    while len(out) < n:
        word = "".join(rng.choice(_ONSETS) + rng.choice(_VOWELS)
                       for _ in range(rng.choice((2, 2, 3, 3, 4)))) + rng.choice(_CODAS)
        if word not in seen:
            seen.add(word)
            out.append(word)
    return out
