"""Person names from values: the shape of a written name and a vocabulary of real names.

A value is a person's name when it is written like one (`Ann Lee`, `Lee, Ann`, `A. Lee`,
`Ann M. Lee`, `Mr. Ann van der Lee Jr.`: two to four capitalised words or initials, name
particles between them) and a word of it is a common given name (first word) or family name
(last word). The vocabulary is the US census 1990 lists of the `names` package (public
domain: 5,400 given names, the 20,000 most frequent family names, which carry many Hispanic,
Asian and European names) and short lists of common names of the other languages the
name detector reads (`person_names.yaml`). Words of company names (`Inc`, `GmbH`) veto.
"""

from __future__ import annotations

import importlib.resources
from functools import lru_cache

import yaml

from catalog.classification.name_tokens import strip_accents
from catalog.search.compound import dictionary

COMMON_WORD = 5.0  # -log10 frequency of English words too common to be unknown given names
FAMILY_RANK = 20_000  # rarer census family names are as often place and product words

_UPPER = "A-ZÀ-ÖØ-ÞĀĂĄĆČĎĐĒĘĚĞŁŃŇŌŐŒŘŚŞŠŢŤŪŮŰŹŻŽ"
_LOWER = "a-zß-öø-ÿāăąćčďđēęěğłńňōőœřśşšţťūůűźżž"
_WORD = rf"[{_UPPER}](?:[{_LOWER}]+(?:['’\-][{_UPPER}]?[{_LOWER}]+)*|\.)"
_PARTICLE = (r"(?:van|von|de|der|den|da|di|du|del|della|dos|das|do|le|la|ter|ten|y|e|bin|"
             r"al|st\.|zu|af)")
_TITLE = r"(?:(?:Mr|Mrs|Ms|Miss|Dr|Prof|Sr|Sra|Srta|Herr|Frau|Mme|Mlle|M|Sig|Dott)\.? )"
_SUFFIX = r"(?:,? (?:Jr\.?|Sr\.?|II|III|IV|MD|PhD|DDS|DVM))"
# first-name order, then family-name-first with a comma
PATTERN = (rf"{_TITLE}?{_WORD}(?: (?:{_PARTICLE} )*{_WORD}){{1,3}}{_SUFFIX}?|"
           rf"(?:{_PARTICLE} )*{_WORD}(?:[ \-]{_WORD})?, {_WORD}(?: {_WORD})?")

# a value of a company (`Kirk Group`, `Nichols PLC`, `Dillon, Mcgee and Leon`)
COMPANY = (r"\b(?:Inc|LLC|Ltd|PLC|Plc|Group|GmbH|AG|KG|SAS|SARL|S\.?[AL]\.?|BV|B\.V\.|NV|SpA|"
           r"S\.?p\.?A|Srl|S\.r\.l|Corp|Co|Holdings|Partners|Associates|Sons|Cie|Fils|"
           r"Hijos|e\.V)\b|, [^,\n]+ (?:and|und|et|y|e|en) |&")
# words of companies and places, never of a person's name (`Miller Inc`, `Lake Jessica`)
_COMPANY = frozenset({"inc", "llc", "ltd", "plc", "corp", "co", "gmbh", "ag", "kg", "sa", "sl",
                      "sas", "sarl", "bv", "nv", "spa", "srl", "group", "holdings", "partners",
                      "associates", "industries", "solutions", "systems", "services", "company",
                      "limited", "international", "bank", "university", "hotel", "street",
                      "road", "avenue", "city", "county", "lake", "port", "mount", "north",
                      "south", "east", "west", "new", "fort", "saint", "san", "santa"})
_DROP = frozenset({"mr", "mrs", "ms", "miss", "dr", "prof", "sr", "sra", "srta", "herr",
                   "frau", "mme", "mlle", "m", "sig", "dott", "jr", "ii", "iii", "iv", "md",
                   "phd", "dds", "dvm"})


# street words (`Tony Village`, `Martinez Isle` are streets) that are also this common a family
# name stay names
COMMON_FAMILY = 1000


@lru_cache(maxsize=1)
def _places() -> frozenset[str]:
    """Words that make a value a place, a date or a colour rather than a person's name."""
    common = _census("dist.all.last", COMMON_FAMILY)
    data = yaml.safe_load(importlib.resources.files(__package__)
                          .joinpath("values.yaml").read_text())
    types = data["street_type"] + data["street_type_other"]
    words = {w for t in types for w in (t, t + "s")}
    return frozenset(words - common) | frozenset(data["calendar"]) | frozenset(data["colour"])


def _census(fname: str, limit: int | None = None) -> set[str]:
    out: set[str] = set()
    with importlib.resources.files("names").joinpath(fname).open() as fh:
        for i, line in enumerate(fh):
            if limit is not None and i >= limit:
                break
            word = line.split(" ", 1)[0].strip().lower()
            if word:
                out.add(word)
    return out


@lru_cache(maxsize=1)
def vocabulary() -> tuple[frozenset[str], frozenset[str]]:
    """(given names, family names), lower case and accent-free."""
    data = yaml.safe_load(importlib.resources.files(__package__)
                          .joinpath("person_names.yaml").read_text())
    given = _census("dist.male.first") | _census("dist.female.first")
    family = _census("dist.all.last", FAMILY_RANK)
    for lang in data.values():
        given |= {strip_accents(w).lower() for w in lang["given"]}
        family |= {strip_accents(w).lower() for w in lang["family"]}
    return frozenset(given), frozenset(family)


def warm() -> None:
    """Load the vocabularies (once per process)."""
    vocabulary()
    _places()


def _words(part: str) -> list[str]:
    return [w for w in (strip_accents(t).lower().strip(".,") for t in part.split())
            if w and w not in _DROP]


SINGLE = rf"{_WORD}"  # one name: `Ann`, `Anne-Marie`, `O'Neil`


@lru_cache(maxsize=1 << 16)  # names repeat down a column and across columns
def is_given_name(value: str) -> bool:
    """A common given name (`Ann`, `Anne-Marie`)."""
    given = vocabulary()[0]
    word = strip_accents(value).lower()
    return word.split("-")[0] in given and word not in _places()


@lru_cache(maxsize=1 << 16)
def is_family_name(value: str) -> bool:
    """A common family name that is no common given name (`Lee` yes, `Thomas` no): what
    tells a column of family names from one of given names."""
    given, family = vocabulary()
    word = strip_accents(value).lower()
    return word not in given and word not in _places() and any(
        p in family for p in word.split("-"))


@lru_cache(maxsize=1 << 16)
def is_person_name(value: str) -> bool:
    """A value of the name shape (PATTERN) whose given or family name is a known one, or
    that only names are written like (`Lee, Ann`, `A. Lee`, `Ann M. Lee`)."""
    given, family = vocabulary()
    head, comma, tail = value.partition(", ")
    inverted = bool(comma) and tail.split(" ", 1)[0].rstrip(".").lower() not in _DROP
    if inverted:
        first, last = _words(tail), _words(head)
    else:
        words = _words(value)
        first, last = words[:1], words[1:]
    words = first + last
    if not first or not last or any(w in _COMPANY or w in _places() for w in words):
        return False
    if inverted or (len(words) >= 2 and any(len(w) == 1 for w in words[:-1])):
        return True  # `Lee, Ann`, `A. Lee`, `Ann M. Lee`
    lead = first[0]
    if len(lead) > 1 and lead in given:
        return True
    if dictionary().get(lead, COMMON_WORD) < COMMON_WORD:
        return False  # `Basic Lamp Pack`: a common word first is no unknown given name
    return any(part in family for part in last[-1].split("-"))
