"""Info types from sampled values: validated patterns and the share of values that match.

Two kinds of rules. An identifying rule (score > 0) names an info type from values alone
when at least `min_share` of the non-empty values match it, and a checksum or vocabulary
confirms each match (Luhn, IBAN mod 97, SSN area rules, ...). A shape rule (score 0) only
says whether values are plausible for a type the column's name suggests: a `ssn` column
whose values are `--` is contradicted by its values.

Speed: values are joined into one text and each rule's anchored pattern runs once over it
(`findall` in C); a rule that matches none of the first values is not run on the rest, nor
is an identifying rule whose first values match at less than half its share, for a type the
column's name does not suggest.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import yaml

from catalog.classification import checks, licences, person_names
from catalog.classification.name_tokens import strip_accents

HEAD = 12  # values looked at before a rule is given up on
VETO_SHARE = 0.1  # `Kirk Group`, `Nichols PLC` among `Swanson-Tanner`: companies, not people


@dataclass(frozen=True)
class Rule:
    info_type: str
    describe: str
    pattern: str | None = None
    check: Callable[[str], bool] | None = None
    vocab: str | None = None  # a list of values.yaml, looked up in lower case
    min_share: float = 0.8
    score: float = 0.0  # 0: a shape rule, which never names a type on its own
    search: bool = False  # the pattern may match anywhere in the value
    confirm: float = 0.0  # a shape rule that confirms a name suggesting its type this much
    veto: str | None = None  # values matching this (VETO_SHARE of them) stop identification
    capitalised: bool = False  # only run when most first values start with a capital letter

    def compiled(self) -> re.Pattern[str] | None:
        if self.pattern is None:
            return None
        body = f".*?(?:{self.pattern}).*" if self.search else f"(?:{self.pattern})"
        return re.compile(f"^{body}$", re.MULTILINE)


_WORDS = r"[^\W\d_][^\W\d_'’.\-]*(?:[ '’.\-]+[^\W\d_][^\W\d_'’.\-]*){0,5}\.?"
_STREET = (r"street|st|str|road|rd|avenue|ave|av|avenida|boulevard|blvd|bd|lane|ln|drive|dr|"
           r"way|court|ct|place|pl|plaza|terrace|circle|cir|alley|parkway|pkwy|highway|hwy|"
           r"square|sq|rue|via|viale|calle|carrer|rua|weg|gasse|strasse|platz|allee|laan|"
           r"straat|plein|vej|gade|gatan|vagen|katu|tie|utca|ulica|trail|row|crescent|close|"
           r"path|pike|run|walk")

_COMPOUND_STREET = (r"strasse|gasse|weg|vej|gade|gatan|vagen|katu|tie|utca|straat|laan|allee|"
                    r"platz|plein|veien|vegen")

RULES: tuple[Rule, ...] = (
    Rule("PII.Email", "email addresses", r"[A-Za-z0-9._%+'\-]+@[A-Za-z0-9\-]+"
         r"(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}", score=0.9),
    Rule("PII.Email", "values with an @", r"[^@\s]*@[^@\s]*"),
    Rule("PII.CreditCard", "Luhn-valid card numbers", r"(?:\d[ \-]?){11,18}\d",
         check=checks.credit_card, score=0.9),
    Rule("PII.CreditCard", "card-number shapes", r"(?:[\dX*][ \-]?){12,18}[\dX*]"),
    Rule("PII.IBAN", "IBANs with a valid mod-97 checksum",
         r"[A-Za-z]{2}\d{2}[ ]?(?:[A-Za-z0-9]{1,4}[ ]?){3,9}", check=checks.iban_code,
         score=0.95),
    Rule("PII.SwiftBic", "SWIFT/BIC codes of a known country",
         r"[A-Z]{4}[A-Z]{2}[A-Z0-9]{2}(?:[A-Z0-9]{3})?", check=checks.swift_bic,
         min_share=0.9, score=0.6),
    # an IP column may mix in some IPv6: it stays IPv4 unless IPv6 identifies it better
    Rule("PII.IPv4", "IP addresses",
         r"(?:\d{1,3}(?:\.\d{1,3}){3}|[0-9A-Fa-f]{0,4}(?::[0-9A-Fa-f]{0,4}){2,7})(?:/\d{1,3})?",
         check=checks.ip_address, score=0.85),
    Rule("PII.IPv6", "IPv6 addresses", r"[0-9A-Fa-f]{0,4}(?::[0-9A-Fa-f]{0,4}){2,7}"
         r"(?:%\w+)?", check=checks.ipv6, score=0.9),
    Rule("PII.MacAddress", "MAC addresses", r"[0-9A-Fa-f]{2}(?:[:\-][0-9A-Fa-f]{2}){5}|"
         r"[0-9A-Fa-f]{4}\.[0-9A-Fa-f]{4}\.[0-9A-Fa-f]{4}", score=0.85),
    Rule("PII.SSN", "US SSNs (valid area, group and serial)", r"\d{3}-\d{2}-\d{4}",
         check=checks.us_ssn, score=0.85),
    Rule("PII.SSN", "nine-digit numbers", r"\d{3}[ \-]?\d{2}[ \-]?\d{4}"),
    Rule("PII.NINO", "UK national insurance numbers",
         r"[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z] ?\d{2} ?\d{2} ?\d{2} ?[A-D]",
         check=checks.uk_nino, score=0.85),
    Rule("PII.NIF", "Spanish NIF/NIE with a valid control letter",
         r"[0-9XYZxyz]\d{7}[ \-]?[A-Za-z]", check=checks.es_nif, score=0.9),
    Rule("PII.INSEE", "French NIR/INSEE numbers with a valid key",
         r"[12] ?\d{2} ?\d{2} ?(?:\d{2}|2[ABab]) ?\d{3} ?\d{3} ?\d{2}",
         check=checks.fr_insee, score=0.9),
    Rule("PII.VIN", "VINs with a valid check digit", r"[A-HJ-NPR-Za-hj-npr-z0-9]{17}",
         check=checks.vin, score=0.85),
    Rule("PII.VIN", "VIN shapes", r"[A-HJ-NPR-Z0-9]{17}"),
    Rule("PII.Phone", "formatted phone numbers",
         r"(?:\+|00)?\(?\+?\d{1,4}\)?(?:[ .\-]?\(?\d{1,5}\)?){1,6}(?: ?(?:x|ext\.?) ?\d{1,5})?",
         check=checks.formatted_phone, min_share=0.7, score=0.75),
    Rule("PII.Phone", "digit strings of phone length", r"(?:\+\d{1,3} )?\+?\d{7,15}",
         check=checks.phone,
         min_share=0.9, score=0.5),
    Rule("PII.Phone", "phone-like values", r"[+()\d .\-/x]{6,24}"),
    Rule("PII.PostalCode", "UK, Canadian or Dutch postcodes",
         r"[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}|[A-Z]\d[A-Z] ?\d[A-Z]\d|\d{4} ?[A-Z]{2}",
         score=0.7),
    Rule("PII.PostalCode", "five-digit or ZIP+4 codes", r"\d{5}(?:-\d{4})?", min_share=0.9,
         score=0.5),
    Rule("PII.PostalCode", "postal-code shapes", r"(?=[^\n]*\d)[A-Za-z0-9][A-Za-z0-9 \-]{1,9}"),
    Rule("PII.StreetAddress", "street addresses",
         rf"\b\d{{1,6}}[a-zA-Z]?,?\s+(?:[^\W\d_][\w'.\-]*\s+){{0,4}}(?:{_STREET})\b|"
         rf"\b(?:{_STREET})\.?\s+(?:[^\W\d_][\w'.\-]*\s+){{0,4}}\d{{1,6}}\b|"
         rf"(?:{_COMPOUND_STREET})\s+\d{{1,6}}\b|"
         r"\b(?:p\.?\s?o\.?\s?box|postfach|apartado)\s*\d+",
         search=True, min_share=0.6, score=0.75),
    Rule("PII.StreetAddress", "address-like values",
         r"(?=[^\n]*[\d ])(?=[^\n]*[^\W\d_]{2})[^\n]{4,120}"),
    Rule("PII.Password", "password hashes (bcrypt, argon2, pbkdf2, crypt)",
         r"\$2[abxy]?\$\d\d\$[./A-Za-z0-9]{53}|\$argon2(?:id|i|d)\$\S+|"
         r"pbkdf2_sha\d+\$\d+\$\S+|\$[156]\$\S+\$\S+|\{SSHA\}\S+|sha1\$\S+\$[0-9a-f]{40}",
         score=0.85),
    Rule("PII.Password", "secret-like values", r"\S{4,200}"),
    Rule("PII.Geolocation", "latitude/longitude pairs",
         r"(?:POINT ?\()?-?\d{1,3}\.\d{3,}[ ,;]+-?\d{1,3}\.\d{3,}\)?",
         check=checks.latitude_longitude, score=0.8),
    Rule("PII.Geolocation", "coordinates", r"-?\d{1,3}\.\d{3,}", check=checks.coordinate),
    Rule("PII.DateOfBirth", "dates with a plausible year of birth",
         r"\d{1,4}[-/.]\d{1,2}[-/.]\d{2,4}(?:[ T][\d:.+\-Z]*)?|\d{8}|"
         r"[A-Za-z]{3,9}\.? \d{1,2},? \d{4}|\d{1,2} [A-Za-z]{3,9}\.? \d{4}",
         check=checks.birth_date),
    Rule("PII.Age", "ages or age groups (0 to 125)",
         r"\d{1,3}(?:\.\d+)?|(?:[<>≤≥] ?|under |over )?\d{1,3}(?: ?(?:-|–|to) ?\d{1,3}|\+|"
         r" ?(?:and|or) (?:over|older|above|under|younger))?(?: years?)?", check=checks.age),
    Rule("PII.Gender", "gender values", vocab="gender", min_share=0.9, score=0.75),
    Rule("PII.Gender", "gender codes", vocab="gender_code"),
    Rule("PII.Nationality", "nationalities", vocab="nationality", score=0.8),
    Rule("PII.Country", "country names", vocab="country", score=0.75),
    Rule("PII.Country", "country codes", vocab="country_code"),
    Rule("PII.State", "states and provinces", vocab="us_state", score=0.6),
    Rule("PII.State", "state-like values", r"[A-Za-z]{2,3}|" + _WORDS),
    Rule("PII.Country", "country-like values", _WORDS),
    Rule("PII.Nationality", "nationality-like values", _WORDS),
    Rule("PII.City", "place names", _WORDS),
    Rule("PII.PersonName", "person names (written as names, with a common given or family "
         "name)", person_names.PATTERN, check=person_names.is_person_name, min_share=0.6,
         score=0.75, veto=person_names.COMPANY, capitalised=True),
    Rule("PII.PersonName", "person-name shapes", _WORDS),
    Rule("PII.FirstName", "common given names", person_names.SINGLE,
         check=person_names.is_given_name, min_share=0.45, score=0.6,
         veto=person_names.COMPANY, capitalised=True),
    Rule("PII.LastName", "common family names", person_names.SINGLE,
         check=person_names.is_family_name, min_share=0.4, score=0.6,
         veto=person_names.COMPANY, capitalised=True),
    Rule("PII.FirstName", "first-name shapes", _WORDS),
    Rule("PII.LastName", "last-name shapes", _WORDS),
    Rule("PII.Username", "user-name shapes", r"[\w.@+\-]{2,64}"),
    Rule("PII.Passport", "passport-number shapes", r"(?=[^\n]*\d)[A-Za-z0-9]{6,12}"),
    Rule("PII.DriversLicense", "driving-licence formats of a US state or another country",
         r"[A-Za-z0-9*][A-Za-z0-9 *\-]{0,24}", check=licences.is_licence, confirm=0.6),
    Rule("PII.DriversLicense", "licence-number shapes",
         r"(?=[^\n]*\d)[A-Za-z0-9][A-Za-z0-9 *\-]{3,19}"),
    Rule("PII.NationalId", "national-id shapes",
         r"(?=(?:[^\n]*\d){4})[A-Za-z0-9][A-Za-z0-9 .+/\-]{3,23}"),
    Rule("PII.NINO", "NINO shapes", r"[A-Za-z]{2} ?\d{2} ?\d{2} ?\d{2} ?[A-Za-z]?"),
    Rule("PII.NIF", "NIF shapes", r"[0-9A-Za-z]\d{7}[ \-]?[A-Za-z]"),
    Rule("PII.INSEE", "NIR shapes", r"[12][\d ABab]{12,20}"),
    Rule("PII.IBAN", "IBAN shapes", r"[A-Za-z]{2}\d{2}[A-Za-z0-9 ]{8,36}"),
    Rule("PII.SwiftBic", "BIC shapes", r"[A-Za-z]{6}[A-Za-z0-9]{2}(?:[A-Za-z0-9]{3})?"),
    Rule("PII.MacAddress", "MAC shapes", r"[0-9A-Fa-f:.\-]{12,17}"),
    Rule("PII.IPv4", "IP shapes", r"[\d.]{7,18}(?:/\d{1,2})?|\d{1,10}"),
    Rule("PII.IPv6", "IPv6 shapes", r"[0-9A-Fa-f:.%/]{2,50}"),
)


@dataclass
class ValueEvidence:
    """What the values say about one info type."""

    info_type: str
    n: int = 0  # non-empty values looked at
    identified: float = 0.0  # value-only score (0: values alone do not name the type)
    share: float = 0.0  # best share of a rule
    plausible: float | None = None  # share fitting the type's shape (None: no shape rule)
    reason: str = ""


class ValueDetector:
    def __init__(self, rules: Sequence[Rule] = RULES):
        self.rules = list(rules)
        shared: dict[str, re.Pattern[str] | None] = {}  # one pattern object per text
        self._compiled = [shared.setdefault(f"{r.pattern}|{r.search}", r.compiled())
                          for r in self.rules]
        self._veto = [re.compile(f"^.*?(?:{r.veto})", re.MULTILINE) if r.veto else None
                      for r in self.rules]
        person_names.warm()  # load name lists now, not inside the first classification
        vocab = _vocab()
        self._vocab = {r.vocab: vocab[r.vocab] for r in self.rules if r.vocab}
        self.types_with_rules = {r.info_type for r in self.rules}

    def detect(self, values: Sequence[str], interest: Iterable[str] = ()
               ) -> dict[str, ValueEvidence]:
        """Evidence per info type over cleaned, non-empty `values`.

        Identifying rules always run (to find types the name missed); shape rules run only
        for the types in `interest` (those the column name suggests)."""
        n = len(values)
        out: dict[str, ValueEvidence] = {}
        if not n:
            return out
        interest = set(interest)
        text = "\n".join(values)
        head_n = min(n, HEAD)
        head = "\n".join(values[:head_n]) if n > HEAD else text
        lowered: list[str] | None = None
        found: dict[tuple[int, bool], list[str]] = {}  # matches of a pattern rules share
        capitals: bool | None = None
        for rule, pattern, veto in zip(self.rules, self._compiled, self._veto, strict=True):
            if not rule.score and rule.info_type not in interest:  # shape and confirm rules
                continue
            if rule.capitalised:
                if capitals is None:
                    capitals = 2 * sum(1 for v in values[:head_n] if v[:1].isupper()) > head_n
                if not capitals:
                    continue
            if rule.vocab:
                if lowered is None:
                    lowered = [strip_accents(v).lower().strip(" .") for v in values[:head_n]]
                words = self._vocab[rule.vocab]
                hits = sum(1 for v in lowered if v in words)
                if hits and n > head_n:
                    if len(lowered) < n:
                        lowered += [strip_accents(v).lower().strip(" .")
                                    for v in values[head_n:]]
                    hits = sum(1 for v in lowered if v in words)
            else:
                hits = self._count(rule, pattern, head, found, False)
                if hits and head is not text:  # nothing in the first values: give up
                    if rule.info_type not in interest and 2 * hits < rule.min_share * head_n:
                        hits = 0  # far too few to identify a type the name does not suggest
                    else:
                        hits = self._count(rule, pattern, text, found, True)
            share = hits / n
            ev = out.setdefault(rule.info_type, ValueEvidence(rule.info_type, n))
            ev.plausible = max(ev.plausible or 0.0, share)
            if veto is not None and rule.score and share >= rule.min_share and \
                    len(veto.findall(text)) >= VETO_SHARE * n:
                share = 0.0  # the column is of something else (companies, not persons)
            if rule.score and share >= rule.min_share and rule.score > ev.identified:
                ev.identified, ev.share = rule.score, share
                ev.reason = f"{hits} of {n} sampled values are {rule.describe}"
            elif rule.confirm > ev.identified and share >= rule.min_share:
                ev.identified, ev.share = rule.confirm, share  # only run when named
                ev.reason = f"{hits} of {n} sampled values fit {rule.describe}"
            elif not ev.identified and (share > ev.share or not ev.reason):
                ev.share = max(ev.share, share)
                ev.reason = (f"{hits} of {n} sampled values fit {rule.describe}" if hits
                             else f"no sampled value fits {rule.describe}")
        return {k: v for k, v in out.items() if v.identified or k in interest}

    def vocabulary(self, name: str) -> frozenset[str]:
        """One of values.yaml's lists (lower case, accents folded)."""
        return _vocab()[name]

    @staticmethod
    def _count(rule: Rule, pattern: re.Pattern[str] | None, text: str,
               memo: dict[tuple[int, bool], list[str]], whole: bool) -> int:
        assert pattern is not None
        key = (id(pattern), whole)
        found = memo.get(key)
        if found is None:
            found = memo[key] = pattern.findall(text)
        if rule.check is None or rule.search:
            return len(found)
        return sum(map(rule.check, found))  # bools; map keeps the loop in C


@lru_cache(maxsize=1)
def _vocab() -> dict[str, frozenset[str]]:
    """values.yaml's lists; countries also by their CLDR names in many languages."""
    data = yaml.safe_load(resources.files(__package__).joinpath("values.yaml").read_text())
    out = {k: frozenset(str(v).lower() for v in vals) for k, vals in data.items()}
    text = resources.files(__package__).joinpath("country_names.txt").read_text()
    cldr = (line for line in text.splitlines() if line and not line.startswith("#"))
    out["country"] = out["country"] | frozenset(cldr)
    return out
