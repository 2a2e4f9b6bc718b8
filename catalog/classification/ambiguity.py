"""Whether sampled values bear out a name that is ambiguous on its own.

A bare `name` is a person's name in `customers` and a product's in `products`; a bare
`state` is where someone lives or where an order is. The name detector scores such words
low (0.6, a suggestion); with samples, the values decide which it is: product names and
order states do not bear the name out, and it is dropped.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from catalog.classification import person_names

AMBIGUOUS = 0.6   # name scores at or below this are ambiguous words
BORNE_OUT = 0.2   # share of values that must look like the type
STATE_BORNE_OUT = 0.5
_CODE = re.compile(r"[A-Z]{2,3}")
_COMPANY = re.compile(person_names.COMPANY)
COMPANIES = 0.1  # this share of company names makes a `name` column one of companies
_PERSON = frozenset({"PII.PersonName", "PII.FirstName", "PII.LastName"})


def borne_out(info_type: str, values: Sequence[str], states: frozenset[str],
              statuses: frozenset[str]) -> bool | None:
    """Whether `values` look like `info_type` (None: no opinion on this type)."""
    if info_type in _PERSON:
        if sum(1 for v in values if _COMPANY.search(v)) >= COMPANIES * len(values):
            return False
        fits = sum(1 for v in values if person_names.is_person_name(v)
                   or person_names.is_given_name(v) or person_names.is_family_name(v))
    elif info_type == "PII.State":  # capitalised places or codes (`CA`), not `shipped`
        fits = sum(1 for v in values if _CODE.fullmatch(v) or v.lower() in states
                   or (v[:1].isupper() and v.lower() not in statuses))
    else:
        return None
    need = STATE_BORNE_OUT if info_type == "PII.State" else BORNE_OUT
    return fits >= need * len(values)
