"""Driving-licence number formats, jurisdiction by jurisdiction.

US states follow the formats their motor-vehicle agencies publish (as collected in AAMVA's
and the states' own descriptions); a few other countries are added. Spaces and dashes are
ignored. The formats are broad (several states issue plain 7- to 9-digit numbers), so they
never name a column on their own: they confirm a name that says licence, and let such a
column stay a licence rather than a phone number when its digits have a phone's length.
"""

from __future__ import annotations

import re
from functools import lru_cache

US_STATES: dict[str, str] = {
    "AL": r"\d{1,8}", "AK": r"\d{1,7}", "AZ": r"[A-Z]\d{8}|\d{9}", "AR": r"\d{4,9}",
    "CA": r"[A-Z]\d{7}", "CO": r"\d{9}|[A-Z]\d{3,6}|[A-Z]{2}\d{2,5}", "CT": r"\d{9}",
    "DE": r"\d{1,7}", "DC": r"\d{7}|\d{9}", "FL": r"[A-Z]\d{12}", "GA": r"\d{7,9}",
    "HI": r"H\d{8}|\d{9}", "ID": r"[A-Z]{2}\d{6}[A-Z]|\d{9}", "IL": r"[A-Z]\d{11,12}",
    "IN": r"[A-Z]\d{9}|\d{9,10}", "IA": r"\d{9}|\d{3}[A-Z]{2}\d{4}",
    "KS": r"[A-Z]\d[A-Z]\d[A-Z]|K\d{8}|\d{9}", "KY": r"[A-Z]\d{8,9}|\d{9}", "LA": r"\d{1,9}",
    "ME": r"\d{7,8}|\d{7}[A-Z]", "MD": r"[A-Z]\d{12}", "MA": r"[A-Z]\d{8}|\d{9}",
    "MI": r"[A-Z]\d{10}|[A-Z]\d{12}", "MN": r"[A-Z]\d{12}", "MS": r"\d{9}",
    "MO": r"[A-Z]\d{5,10}|[A-Z]\d{6}R|\d{8}[A-Z]{2}|\d{9}[A-Z]|\d{9}",
    "MT": r"[A-Z]\d{8}|\d{13}|\d{9}|\d{14}", "NE": r"[A-Z]\d{6,8}",
    "NV": r"\d{9,10}|\d{12}|X\d{8}", "NH": r"\d{2}[A-Z]{3}\d{5}", "NJ": r"[A-Z]\d{14}",
    "NM": r"\d{8,9}", "NY": r"[A-Z]\d{7}|[A-Z]\d{18}|\d{8,9}|\d{16}|[A-Z]{8}",
    "NC": r"\d{1,12}", "ND": r"[A-Z]{3}\d{6}|\d{9}",
    "OH": r"[A-Z]\d{4,8}|[A-Z]{2}\d{3,7}|\d{8}", "OK": r"[A-Z]\d{9}|\d{9}", "OR": r"\d{1,9}",
    "PA": r"\d{8}", "RI": r"\d{7}|[A-Z]\d{6}", "SC": r"\d{5,11}", "SD": r"\d{6,10}|\d{12}",
    "TN": r"\d{7,9}", "TX": r"\d{7,8}", "UT": r"\d{4,10}", "VT": r"\d{8}|\d{7}A",
    "VA": r"[A-Z]\d{8,11}|\d{9}", "WA": r"WDL[A-Z0-9]{9}|[A-Z*]{1,7}[A-Z0-9*]{5}",
    "WV": r"\d{7}|[A-Z]{1,2}\d{5,6}", "WI": r"[A-Z]\d{13}", "WY": r"\d{9,10}",
}

COUNTRIES: dict[str, str] = {
    "UK": r"[A-Z9]{5}\d{6}[A-Z9]{2}\d[A-Z]{2}(?:\d{2})?",  # DVLA: surname, birth date, ...
    "ON": r"[A-Z]\d{14}", "QC": r"[A-Z]\d{12}", "BC": r"\d{7}",
    "DE": r"[A-Z0-9]{11}", "FR": r"\d{12}|\d{2}[A-Z]{2}\d{5}", "ES": r"\d{8}[A-Z]",
    "IT": r"[A-Z]{2}\d{7}[A-Z]|U1[A-Z0-9]{7}[A-Z]", "NL": r"\d{10}",
    "IE": r"\d{3}-?\d{3}-?\d{3}", "AU": r"\d{8,10}|[A-Z]\d{5,8}",
}

_SEPARATORS = re.compile(r"[ \-]")


@lru_cache(maxsize=1)
def _pattern() -> re.Pattern[str]:
    forms = [*US_STATES.values(), *COUNTRIES.values()]
    return re.compile("^(?:" + "|".join(f"(?:{f})" for f in forms) + ")$")


def is_licence(value: str) -> bool:
    """Whether `value` (spaces and dashes ignored) has the format of some jurisdiction."""
    return bool(_pattern().match(_SEPARATORS.sub("", value.upper())))


def jurisdictions(value: str) -> list[str]:
    """The jurisdictions whose format `value` has (for reasons and tests)."""
    compact = _SEPARATORS.sub("", value.upper())
    return [k for k, f in (*US_STATES.items(), *COUNTRIES.items())
            if re.fullmatch(f, compact)]
