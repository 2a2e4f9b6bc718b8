"""Identifier-aware tokens: the same canonical form for what is indexed and what is asked.

`customerEmail`, `customer_email`, `CUSTOMER.EMAIL` and `customer emails` all become
[customer, email]; common abbreviations are expanded (`cust_addr` -> customer, address) and
plurals folded, so a query and a name meet on one vocabulary whatever their spelling style.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

# Runs of capitals not followed by a lower-case letter (HTTP in HTTPServer, ID in userID),
# a capitalised or lower-case word, digits, and runs of non-ASCII letters.
_PARTS = re.compile(r"[A-Z]+(?![a-z])|[A-Z]?[a-z]+|\d+|[^\W\d_A-Za-z]+")

# Abbreviations seen in column and table names -> the word they stand for.
ABBREVIATIONS: dict[str, str] = {
    "acct": "account", "addr": "address", "amt": "amount", "avg": "average",
    "bal": "balance", "cnt": "count", "ccy": "currency", "cty": "city", "ctry": "country",
    "cntry": "country", "curr": "currency", "cust": "customer", "dept": "department",
    "desc": "description", "dest": "destination", "dt": "date", "emp": "employee",
    "img": "image", "info": "information", "lang": "language", "mkt": "market",
    "mfr": "manufacturer", "orig": "original", "avail": "available", "descr": "description",
    "lat": "latitude", "lng": "longitude",
    "lon": "longitude", "loc": "location", "mgr": "manager", "msg": "message",
    "mth": "month", "nbr": "number", "num": "number", "ord": "order", "org": "organization",
    "pct": "percent", "pmt": "payment", "pymt": "payment", "prc": "price",
    "prod": "product", "qty": "quantity", "ref": "reference", "seq": "sequence",
    "src": "source", "sts": "status", "tel": "telephone", "tgt": "target", "tmp": "temporary",
    "ts": "timestamp", "txn": "transaction", "usr": "user", "val": "value", "wk": "week",
    "yr": "year",
}

STOPWORDS = frozenset({
    "a", "an", "and", "are", "as", "at", "be", "by", "for", "from", "in", "is", "it", "of",
    "on", "or", "that", "the", "this", "to", "with",
})


# Words the plural rule would mangle.
NO_STEM = frozenset({"aws", "kubernetes", "news", "postgres", "series", "species", "status"})


class Token(NamedTuple):
    text: str    # canonical form, what the index holds
    start: int   # span in the original string, for highlights
    end: int
    raw: str     # the lower-cased surface form


def stem(word: str) -> str:
    """Fold English plurals (orders -> order, categories -> category); nothing cleverer."""
    if len(word) < 4 or not word.isalpha() or word in NO_STEM:
        return word
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("sses", "xes", "ches", "shes")):
        return word[:-2]
    if word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


@lru_cache(maxsize=1 << 16)
def canonical(part: str) -> str:
    """One identifier part (already split) -> its canonical token."""
    low = part.lower()
    return stem(ABBREVIATIONS.get(low, low))


def expansion(part: str) -> str | None:
    """The word an abbreviation stands for, when `part` is one (for explanations)."""
    return ABBREVIATIONS.get(part.lower())


@lru_cache(maxsize=1 << 16)
def spans(text: str) -> tuple[Token, ...]:
    """Canonical tokens of `text` with their spans; stopwords dropped."""
    out = []
    for m in _PARTS.finditer(text or ""):
        raw = m.group().lower()
        if raw in STOPWORDS:
            continue
        out.append(Token(canonical(m.group()), m.start(), m.end(), raw))
    return tuple(out)


@lru_cache(maxsize=1 << 18)
def tokens(text: str) -> tuple[str, ...]:
    """Canonical tokens of a name or description (cached: names repeat across tables)."""
    return tuple(t.text for t in spans(text))


def short_name(name: str) -> str:
    """The last dotted part of a qualified name: `shop.public.customers` -> `customers`."""
    return name.rsplit(".", 1)[-1] if name else name
