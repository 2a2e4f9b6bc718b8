"""Checksums and rules that tell a real identifier from a string of the right shape.

python-stdnum does the national and banking checksums (Luhn, IBAN mod 97, BIC country,
NIF/NIE control letter, NIR/INSEE key, SSN area rules); the few it lacks (VIN check digit,
UK NINO prefixes) are here.
"""

from __future__ import annotations

import ipaddress
import re

from stdnum import bic, iban
from stdnum.es import dni, nie
from stdnum.fr import nir
from stdnum.us import ssn

_NOT_DIGIT = re.compile(r"\D+")
_DOUBLED = (0, 2, 4, 6, 8, 1, 3, 5, 7, 9)


def _digits(value: str) -> str:
    return _NOT_DIGIT.sub("", value)


def luhn(digits: str) -> bool:
    """The Luhn (mod 10) check. Local rather than stdnum's: it runs on every sampled
    card-shaped value, and a table lookup is several times faster."""
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = ord(ch) - 48
        total += _DOUBLED[d] if i & 1 else d
    return total % 10 == 0


_MAESTRO_12 = ("50", "56", "57", "58", "6")


def credit_card(value: str) -> bool:
    """12-19 digits with an issuer's prefix (2-6, JCB 1800) and a valid Luhn check digit.

    Only Maestro (50, 56-69) issues 12-digit numbers."""
    digits = _digits(value)
    if not 12 <= len(digits) <= 19 or len(set(digits)) < 2:
        return False
    if not (digits[0] in "23456" or digits.startswith("1800")):
        return False
    if len(digits) == 12 and not digits.startswith(_MAESTRO_12):
        return False
    return luhn(digits)


def iban_code(value: str) -> bool:
    return iban.is_valid(value)


def swift_bic(value: str) -> bool:
    return bic.is_valid(value)


def us_ssn(value: str) -> bool:
    return ssn.is_valid(value)


_NINO_BAD_PREFIX = frozenset({"BG", "GB", "NK", "KN", "TN", "NT", "ZZ"})


def uk_nino(value: str) -> bool:
    compact = value.replace(" ", "").upper()
    return compact[:2] not in _NINO_BAD_PREFIX


def es_nif(value: str) -> bool:
    """A DNI (8 digits + control letter) or an NIE (X/Y/Z + 7 digits + control letter)."""
    compact = value.replace("-", "").replace(" ", "").upper()
    return dni.is_valid(compact) or nie.is_valid(compact)


def fr_insee(value: str) -> bool:
    return nir.is_valid(value)


_VIN_VALUES = {**{str(d): d for d in range(10)},
               **dict(zip("ABCDEFGH", range(1, 9), strict=True)),
               **dict(zip("JKLMN", range(1, 6), strict=True)), "P": 7, "R": 9,
               **dict(zip("STUVWXYZ", range(2, 10), strict=True))}
_VIN_WEIGHTS = (8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2)


def vin(value: str) -> bool:
    """17 characters without I, O, Q, letters and digits, and the ISO 3779 check digit."""
    v = value.upper()
    if len(v) != 17 or v.isdigit() or v.isalpha():
        return False
    try:
        total = sum(_VIN_VALUES[ch] * w for ch, w in zip(v, _VIN_WEIGHTS, strict=True))
    except KeyError:
        return False
    check = total % 11
    return v[8] == ("X" if check == 10 else str(check))


def ip_address(value: str) -> bool:
    try:
        ipaddress.ip_interface(value)
    except ValueError:
        return False
    return True


def ipv6(value: str) -> bool:
    try:
        ipaddress.IPv6Address(value)
    except ValueError:
        return False
    return True


_DATE_LIKE = re.compile(r"^\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}$")
_IPV4_LIKE = re.compile(r"^\d{1,3}(?:\.\d{1,3}){3}$")
_DECIMAL = re.compile(r"^\d+\.\d+$")


def phone(value: str) -> bool:
    """7-15 digits (6 when grouped), and not a date, an IPv4 address or a decimal."""
    digits = _digits(value)
    grouped = not value.lstrip("+").isdigit()
    if not (6 if grouped else 7) <= len(digits) <= 15 or len(set(digits)) < 2:
        return False
    return not (_DATE_LIKE.match(value) or _IPV4_LIKE.match(value) or _DECIMAL.match(value))


def formatted_phone(value: str) -> bool:
    """A phone number written with a `+`, parentheses, spaces, dots or dashes."""
    return not value.isdigit() and phone(value)


_YEAR = re.compile(r"(?<!\d)(1[89]\d\d|20\d\d)(?!\d)")
_SHORT_YEAR = re.compile(r"^\d{1,2}[-/.]\d{1,2}[-/.](\d{2})$")


def birth_date(value: str) -> bool:
    """A date whose year is a plausible year of birth (1900 to this century)."""
    m = _YEAR.search(value)
    if m:
        return 1900 <= int(m.group(1)) <= 2030
    return bool(_SHORT_YEAR.match(value))


_AGE_BOUNDS = re.compile(r"\d{1,3}")


def age(value: str) -> bool:
    """An age in years (0 to 125) or an age group: `25-34`, `65+`, `18 to 24`, `<18`."""
    try:
        return 0 <= float(value) <= 125
    except ValueError:
        pass
    bounds = [int(b) for b in _AGE_BOUNDS.findall(value)]
    return bool(bounds) and all(b <= 125 for b in bounds) and bounds == sorted(bounds)


def latitude_longitude(value: str) -> bool:
    """`lat, lon` pairs (or POINT(lon lat)) within range, with some decimals."""
    nums = re.findall(r"-?\d+(?:\.\d+)?", value)
    if len(nums) != 2:
        return False
    a, b = float(nums[0]), float(nums[1])
    if value.upper().startswith("POINT"):
        a, b = b, a
    return -90 <= a <= 90 and -180 <= b <= 180


def coordinate(value: str) -> bool:
    """One latitude or longitude: a decimal within +-180 with at least three decimals."""
    try:
        return -180 <= float(value) <= 180 and len(value.partition(".")[2]) >= 3
    except ValueError:
        return False
