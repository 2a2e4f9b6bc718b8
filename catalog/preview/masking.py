"""How a preview masks the values of a column classified as PII: the format stays, the
value goes.

Every letter becomes `x` (`X` when upper case), every digit `9`; punctuation, spaces and
symbols stay, so `Ann.Lee@mail.example.com` reads `Xxx.Xxx@xxxx.xxxxxxx.xxx`, `+44 20 7946
0958` reads `+99 99 9999 9999` and `1984-03-07` reads `9999-99-99`. A consumer sees what
the column holds (an email, a phone number, a date in ISO form) and nothing of whose it is.
Lengths show; a value longer than MAX_MASKED characters is cut (`…`). NULL stays NULL.
"""

from __future__ import annotations

MAX_MASKED = 64


def _char(c: str) -> str:
    if c.isdigit():
        return "9"
    if c.isalpha():
        return "X" if c.isupper() else "x"
    return c


def mask(value: str | None) -> str | None:
    """`value` with its letters and digits replaced, its format kept."""
    if value is None:
        return None
    out = "".join(_char(c) for c in value[:MAX_MASKED])
    return out + "…" if len(value) > MAX_MASKED else out


def is_pii(name: str | None, sensitivity: str | None) -> bool:
    """Whether a classification masks a column: an info type of the PII family, or any
    classification marked `restricted` (secrets, payment data)."""
    return (name or "").upper().startswith("PII") or sensitivity == "restricted"
