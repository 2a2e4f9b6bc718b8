"""Values that rule out what a column's name suggests.

A name is a hint; sampled values are the data. Some values do not merely fail to fit a type
(`--` in a `ssn` column: missing data, a steward should look) but show the column holds
something else: small counts under `credit_cards`, yes/no flags under `email`, card-shaped
numbers none of which passes Luhn. Those contradictions drop the name's suggestion.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from catalog.classification import checks

# fewest digits an identifier of each type has (a shorter number cannot be one)
MIN_DIGITS = {"PII.CreditCard": 12, "PII.SSN": 9, "PII.Phone": 6, "PII.Passport": 6,
              "PII.DriversLicense": 4, "PII.NationalId": 5, "PII.INSEE": 13, "PII.NINO": 6,
              "PII.NIF": 8, "PII.IBAN": 15, "PII.PostalCode": 3, "PII.VIN": 17,
              "PII.IPv4": 8}
# types whose values are never a tiny set of small integers or a flag
NOT_TINY = frozenset(MIN_DIGITS) | {
    "PII.Email", "PII.PersonName", "PII.FirstName", "PII.LastName", "PII.StreetAddress",
    "PII.City", "PII.Country", "PII.DateOfBirth", "PII.Nationality", "PII.Username",
    "PII.Password", "PII.MacAddress", "PII.IPv6", "PII.SwiftBic", "PII.Geolocation"}
FLAGS = frozenset({"true", "false", "t", "f", "y", "n", "yes", "no", "0", "1", "-1"})
TINY_DOMAIN = 10  # at most this many distinct integers ...
SMALL = 1000      # ... all below this: counts, codes of a category, not identifiers
MIN_VALUES = 5    # fewer sampled values prove nothing
# parts of an address: a unit (`Apt. 5`, `Suite 200`) or a street type alone (`Ave`)
_UNIT = re.compile(r"(?i)(?:apt|apartment|suite|ste|unit|flat|floor|fl|room|rm|bldg|building|"
                   r"piso|puerta|etage|stock|#)\.? ?[\w\-]{1,6}")
_STREET_TYPE = re.compile(r"(?i)[a-z]{2,12}\.?")


def contradiction(info_type: str, values: Sequence[str]) -> str | None:
    """Why `values` rule `info_type` out, or None when they do not."""
    if len(values) < MIN_VALUES or info_type not in NOT_TINY:
        return None
    distinct = set(values)
    if info_type != "PII.Gender" and len(distinct) <= len(FLAGS) and \
            {v.lower() for v in distinct} <= FLAGS:
        return f"the values are flags ({', '.join(sorted(distinct)[:4])})"
    if all(v.isdigit() for v in distinct):
        longest = max(len(v) for v in distinct)
        if len(distinct) <= TINY_DOMAIN and int(max(distinct, key=int)) < SMALL:
            return (f"the values are {len(distinct)} distinct small integers "
                    f"(at most {max(distinct, key=int)}): a count or a category")
        need = MIN_DIGITS.get(info_type)
        if need and longest < need:
            return f"the numbers are too short for {info_type} ({longest} < {need} digits)"
    if info_type == "PII.StreetAddress":
        if all(v.isdigit() or (v[:-1].isdigit() and v[-1:].isalpha()) for v in distinct):
            return "the values are house numbers, not addresses"
        if all(_UNIT.fullmatch(v) for v in distinct):
            return "the values are second address lines (a unit), not addresses"
        if all(_STREET_TYPE.fullmatch(v) for v in distinct) and len(distinct) <= 30:
            return "the values are single words (street types), not addresses"
    if info_type == "PII.CreditCard":
        digits = [d for d in (v.replace(" ", "").replace("-", "") for v in values)
                  if d.isdigit() and 12 <= len(d) <= 19]
        if len(digits) >= 0.8 * len(values) and not any(checks.luhn(d) for d in digits):
            return f"none of {len(digits)} card-shaped numbers passes the Luhn check"
    return None
