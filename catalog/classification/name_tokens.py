"""Column names as tokens: lower-case, accent-free, split at camelCase, snake_case and
digits (`customerEMAILAddress_2` -> customer, email, address, 2), as the name detector and
the value detectors' word lists see them."""

from __future__ import annotations

import re
import unicodedata

_SPLIT = re.compile(r"[A-Z]+(?=[A-Z][a-z])|[A-Z]?[a-z]+|[A-Z]+|\d+")
_TRANSLIT = str.maketrans({"ß": "ss", "æ": "ae", "Æ": "AE", "ø": "o", "Ø": "O", "œ": "oe",
                           "Œ": "OE", "ł": "l", "Ł": "L", "đ": "d", "ı": "i"})
_MIXED_CASE = re.compile(r"(?i)(ipv[46])")  # IPv4 would split as I, Pv, 4
_HAS_DIGIT = re.compile(r"\d")
_JOINABLE = frozenset({"ipv4", "ipv6", "sha1", "sha256", "md5", "zip4", "cvv2"})


def strip_accents(text: str) -> str:
    text = text.translate(_TRANSLIT)
    if text.isascii():
        return text
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()


def split_tokens(name: str) -> list[str]:
    """`customerEMAILAddress_2` -> ['customer', 'email', 'address', '2']."""
    text = strip_accents(name)
    if "v4" in text or "v6" in text or "V4" in text or "V6" in text:
        text = _MIXED_CASE.sub(lambda m: f"_{m.group(1).lower()}_", text)
    raw = [t.lower() for t in _SPLIT.findall(text)]
    if not _HAS_DIGIT.search(text):
        return raw
    out: list[str] = []
    for tok in raw:
        if out and tok.isdigit() and out[-1] + tok in _JOINABLE:
            out[-1] += tok
        else:
            out.append(tok)
    return out
