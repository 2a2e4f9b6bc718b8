"""The info types the classifier knows, each with a sensitivity level.

Sensitivity orders how much harm a leak does: `restricted` (government ids, payment data,
secrets) > `confidential` (direct identifiers: name, email, phone, address) > `internal`
(quasi-identifiers such as city, age or gender that identify only in combination).
Governance treats `confidential` and above as personal data by default.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum


class Sensitivity(IntEnum):
    INTERNAL = 1
    CONFIDENTIAL = 2
    RESTRICTED = 3

    @property
    def label(self) -> str:
        return self.name.lower()

    @classmethod
    def parse(cls, value: str) -> Sensitivity:
        try:
            return cls[value.upper()]
        except KeyError:
            raise ValueError(f"unknown sensitivity {value!r}; known: "
                             f"{', '.join(s.label for s in cls)}") from None


@dataclass(frozen=True)
class InfoType:
    name: str
    sensitivity: Sensitivity
    description: str


_R, _C, _I = Sensitivity.RESTRICTED, Sensitivity.CONFIDENTIAL, Sensitivity.INTERNAL

_TYPES = [
    InfoType("PII.Email", _C, "Email address"),
    InfoType("PII.Phone", _C, "Telephone, mobile or fax number"),
    InfoType("PII.PersonName", _C, "A person's full name"),
    InfoType("PII.FirstName", _C, "A person's first, given or middle name"),
    InfoType("PII.LastName", _C, "A person's last, family or maiden name"),
    InfoType("PII.StreetAddress", _C, "Street address or PO box"),
    InfoType("PII.PostalCode", _I, "Postal or ZIP code"),
    InfoType("PII.City", _I, "City or town"),
    InfoType("PII.State", _I, "State, province, region or county"),
    InfoType("PII.Country", _I, "Country name or code"),
    InfoType("PII.DateOfBirth", _C, "Date of birth"),
    InfoType("PII.Age", _I, "Age in years"),
    InfoType("PII.Gender", _I, "Gender or sex"),
    InfoType("PII.Nationality", _I, "Nationality or citizenship"),
    InfoType("PII.CreditCard", _R, "Payment card number (Luhn-valid)"),
    InfoType("PII.IBAN", _R, "International bank account number (checksum-valid)"),
    InfoType("PII.SwiftBic", _I, "SWIFT/BIC bank identifier code"),
    InfoType("PII.IPv4", _C, "IPv4 address"),
    InfoType("PII.IPv6", _C, "IPv6 address"),
    InfoType("PII.MacAddress", _C, "MAC (hardware) address"),
    InfoType("PII.SSN", _R, "US social security number"),
    InfoType("PII.NINO", _R, "UK national insurance number"),
    InfoType("PII.NIF", _R, "Spanish NIF/DNI or NIE (with control letter)"),
    InfoType("PII.INSEE", _R, "French social security number (NIR/INSEE, with key)"),
    InfoType("PII.NationalId", _R, "Another national identity or tax number"),
    InfoType("PII.Passport", _R, "Passport number"),
    InfoType("PII.DriversLicense", _R, "Driver's licence number"),
    InfoType("PII.VIN", _C, "Vehicle identification number"),
    InfoType("PII.Username", _C, "User name, login or handle"),
    InfoType("PII.Password", _R, "Password, password hash, API key or other secret"),
    InfoType("PII.Geolocation", _C, "Latitude/longitude or other precise location"),
]

INFO_TYPES: dict[str, InfoType] = {t.name: t for t in _TYPES}


def info_type(name: str) -> InfoType:
    """The info type of `name`; ValueError naming the known ones when unknown."""
    try:
        return INFO_TYPES[name]
    except KeyError:
        raise ValueError(f"unknown info type {name!r}") from None
