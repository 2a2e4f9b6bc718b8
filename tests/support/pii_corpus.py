"""A labelled PII evaluation corpus of our own, generated deterministically with Faker.

Two halves that share no seed, no locale and no way of writing a column name:
- `tune`: what the vocabularies and rules were adjusted on;
- `held`: only measured (and the thresholds calibrated on), never looked at column by column.
Each half draws every column from concepts (a label, the phrases people use for it, a value
generator). A concept's phrases are split between the halves, so a held-out column is named
with words and spellings (spaced Mixed Case, kebab, run-together, abbreviations) the tuning
half never used, and its values come from other Faker locales and other US states' licence
formats. Columns come in three kinds: name and sampled values, name only, and values under a
name that says nothing (`col_7`). Negatives look like PII: counts, flags, ratios and ids of
personal data, parts of an address, company and product names, and bare ambiguous words
(`name`, `state`) over values that are not personal (the same words in both halves: there
the values decide).

Faker's output depends on its version; the figures in the benchmark are for the version the
lock of the test dependencies installs (the corpus is rebuilt in well under a second).
"""

from __future__ import annotations

import datetime as dt
import random
import string
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from faker import Faker

from tests.support.pii_eval import Case

SAMPLE = 50
Gen = Callable[[Faker, random.Random], str]


@dataclass(frozen=True)
class Half:
    name: str
    seed: int
    locales: tuple[str, ...]
    styles: tuple[str, ...]
    licence_states: tuple[str, ...]


TUNE = Half("tune", 11, ("en_US", "de_DE", "fr_FR", "es_ES", "it_IT", "nl_NL", "en_CA"),
            ("snake", "camel", "upper_snake", "lower"), ("CA", "TX", "FL", "IL", "OH", "WA"))
HELD = Half("held", 29, ("en_GB", "en_AU", "es_MX", "pt_BR", "de_AT", "fr_CH", "nl_BE",
                         "pt_PT", "da_DK", "sv_SE", "pl_PL"),
            ("title_spaced", "spaced", "joined", "kebab", "pascal", "upper_joined"),
            ("NY", "PA", "NJ", "MI", "GA", "AZ", "MA", "UK"))


# -- column names written the many ways people write them ---------------------------------
def style(words: list[str], how: str) -> str:
    if how == "snake":
        return "_".join(words)
    if how == "camel":
        return words[0] + "".join(w[:1].upper() + w[1:] for w in words[1:])
    if how == "upper_snake":
        return "_".join(words).upper()
    if how == "lower":
        return "".join(words)
    if how == "title_spaced":
        return " ".join(w[:1].upper() + w[1:] for w in words)
    if how == "spaced":
        return " ".join(words)
    if how == "joined":
        return "".join(words)
    if how == "kebab":
        return "-".join(words)
    if how == "pascal":
        return "".join(w[:1].upper() + w[1:] for w in words)
    if how == "upper_joined":
        return "".join(words).upper()
    raise ValueError(how)


# -- value generators ----------------------------------------------------------------------
def _dob(f: Faker, r: random.Random) -> str:
    d = f.date_between(dt.date(1930, 1, 1), dt.date(2022, 12, 31))  # not relative to today
    return r.choice([d.isoformat(), d.strftime("%m/%d/%Y"), d.strftime("%d.%m.%Y"),
                     d.strftime("%d/%m/%Y")])


def _age_range(f: Faker, r: random.Random) -> str:
    lo = r.choice([0, 5, 10, 18, 25, 35, 45, 55, 65])
    return r.choice([f"{lo}-{lo + 9}", f"{lo} - {lo + 9}", f"{lo}+", f"{lo} to {lo + 9}"])


def _person_styled(f: Faker, r: random.Random) -> str:
    first, last = f.first_name(), f.last_name()
    return r.choice([f"{first} {last}", f"{last}, {first}", f"{first[0]}. {last}",
                     f"{first} {f.first_name()[0]}. {last}", f.name()])


def _gender(f: Faker, r: random.Random) -> str:
    return r.choice(["M", "F", "Male", "Female", "male", "female", "F", "M", "X"])


def _flag(f: Faker, r: random.Random) -> str:
    return r.choice(["true", "false", "Y", "N", "0", "1", "yes", "no"])


def _small_count(f: Faker, r: random.Random) -> str:
    return str(r.choice([0, 0, 1, 1, 1, 2, 2, 3, 4]))


def _ratio(f: Faker, r: random.Random) -> str:
    return r.choice([f"{r.random():.3f}", f"{r.uniform(0, 100):.1f}"])


def _key(f: Faker, r: random.Random) -> str:
    return str(r.randrange(1, 2_000_000))


def _licence(state: str) -> Gen:
    """Licence numbers in the published per-state formats (one format per jurisdiction)."""
    def d(r: random.Random, n: int) -> str:
        return "".join(r.choices(string.digits, k=n))

    def a(r: random.Random, n: int = 1) -> str:
        return "".join(r.choices(string.ascii_uppercase, k=n))

    forms: dict[str, Callable[[random.Random], str]] = {
        "CA": lambda r: a(r) + d(r, 7),
        "TX": lambda r: d(r, 8),
        "FL": lambda r: a(r) + d(r, 12) if r.random() < .5 else
        f"{a(r)}{d(r, 3)}-{d(r, 3)}-{d(r, 2)}-{d(r, 3)}-{d(r, 1)}",
        "IL": lambda r: a(r) + d(r, 11),
        "OH": lambda r: a(r, 2) + d(r, 6),
        "WA": lambda r: "WDL" + "".join(r.choices(string.ascii_uppercase + string.digits,
                                                  k=9)),
        "NY": lambda r: d(r, 9) if r.random() < .6 else f"{d(r, 3)} {d(r, 3)} {d(r, 3)}",
        "PA": lambda r: d(r, 8) if r.random() < .6 else f"{d(r, 2)} {d(r, 3)} {d(r, 3)}",
        "NJ": lambda r: a(r) + d(r, 14),
        "MI": lambda r: a(r) + d(r, 12) if r.random() < .5 else
        f"{a(r)} {d(r, 3)} {d(r, 3)} {d(r, 3)} {d(r, 3)}",
        "GA": lambda r: d(r, 9),
        "AZ": lambda r: a(r) + d(r, 8),
        "MA": lambda r: "S" + d(r, 8),
        "UK": lambda r: a(r, 5) + d(r, 6) + a(r, 2) + d(r, 1) + a(r, 2),
    }
    form = forms[state]
    return lambda f, r: form(r)


def _state(f: Faker, r: random.Random) -> str:
    for method in ("state", "administrative_unit", "region"):
        if hasattr(f, method):
            return getattr(f, method)()
    return f.city()


def _company(f: Faker, r: random.Random) -> str:
    return f.company()


def _product(f: Faker, r: random.Random) -> str:
    return r.choice(["Deluxe", "Basic", "Pro", "Mini", "Ultra"]) + " " + f.word().title() + \
        " " + r.choice(["Kit", "Pack", "Set", "Box", "Bundle", "Lamp", "Chair"])


def _amount(f: Faker, r: random.Random) -> str:
    return f"{r.uniform(1, 5000):.2f}"


def _timestamp(f: Faker, r: random.Random) -> str:
    return f.date_time_between(dt.datetime(2021, 1, 1), dt.datetime(2024, 12, 31)).isoformat(
        sep=" ", timespec="seconds")


@dataclass(frozen=True)
class Concept:
    label: str | None
    tune: tuple[str, ...]  # phrases (space-separated words) of the tuning half
    held: tuple[str, ...]  # phrases of the held-out half
    gen: Gen | None  # None: name-only columns
    bland: bool = False  # values identify it: also emitted under names that say nothing
    data_type: str | None = None


def _c(label: str | None, tune: str, held: str, gen: Gen | None, **kw) -> Concept:
    return Concept(label, tuple(tune.split(",")), tuple(held.split(",")), gen, **kw)


def concepts(half: Half) -> list[Concept]:
    lic = [_licence(s) for s in half.licence_states]
    return [
        _c("PII.Email", "email,email address,contact email,customer email,correo,email addr",
           "e mail,mail address,work email,courriel,emailadres,e mail adres,reply to address",
           lambda f, r: r.choice([f.email(), f.free_email(), f.company_email()]), bland=True),
        _c("PII.Phone", "phone,phone number,telephone,mobile,tel no,telefono",
           "cell phone,contact number,mobile no,home tel,telefoonnummer,numero de telephone,"
           "handynummer,fax",
           lambda f, r: f.phone_number(), bland=True),
        _c("PII.PersonName", "full name,customer name,contact name,nombre completo,emp name",
           "name of person,patient full name,account holder name,nom complet,volledige naam,"
           "cardholder,employee full nm",
           _person_styled, bland=True),
        _c("PII.FirstName", "first name,fname,given name,prenom,vorname,frst name,given names,"
           "nombre de pila,customer first name",
           "first nm,forename,christian name,voornaam,primeiro nome,nome proprio",
           lambda f, r: f.first_name(), bland=True),
        _c("PII.LastName", "last name,surname,lname,nachname,apellido,family nm,surnames,"
           "maiden name,apellidos",
           "family name,last nm,achternaam,sobrenome,cognome,nom de famille",
           lambda f, r: f.last_name(), bland=True),
        _c("PII.StreetAddress", "street address,address,address line 1,home address,adresse",
           "mailing address,addr line1,residential address,direccion,endereco,anschrift,"
           "billing street address",
           lambda f, r: f.street_address() if r.random() < .7
           else f.address().replace("\n", ", ")),
        _c("PII.PostalCode", "zip,postal code,zipcode,plz,codigo postal,zip5,postal cd,zip code 5",
           "post code,zip code,postcode,code postal,cep,postleitzahl",
           lambda f, r: f.postcode()),
        _c("PII.City", "city,town,ciudad,ville,stadt,cty,city town,birth city",
           "city name,municipality,woonplaats,cidade,citta,home town",
           lambda f, r: f.city()),
        _c("PII.State", "state,province,region,provincia",
           "state name,state province,county,bundesland,estado",
           _state),
        _c("PII.Country", "country,country name,pais,pays,cntry,country of birth,nation,"
           "country desc",
           "country of residence,home country,land name,paese",
           lambda f, r: f.country()),
        _c("PII.DateOfBirth", "date of birth,dob,birth date,birthday,geburtsdatum",
           "birth dt,date naissance,fecha de nacimiento,data nascimento,bday,born on",
           _dob, data_type="varchar"),
        _c("PII.Age", "age,age years,edad,alter,customer age,age yrs,member age,age at visit",
           "age in years,patient age,leeftijd,idade,current age",
           lambda f, r: str(r.randint(1, 95)), data_type="integer"),
        _c("PII.Age", "age group,age range,age bracket,age bucket,age class,agegrp",
           "age band,age category,age grp,age cohort",
           _age_range),
        _c("PII.Gender", "gender,sex,geschlecht,sexo,gender cd,biological sex,sex at birth",
           "gender identity,sexe,genero,geslacht,sex code",
           _gender),
        _c("PII.CreditCard", "credit card,credit card number,cc number,card number,card no",
           "cc num,creditcard nr,payment card number,numero de tarjeta,kartennummer,pan",
           lambda f, r: f.credit_card_number(), bland=True),
        _c("PII.IBAN", "iban,bank account,iban number",
           "iban code,account iban,rekeningnummer iban,compte iban",
           lambda f, r: f.iban(), bland=True),
        _c("PII.IPv4", "ip address,client ip,ip,remote addr",
           "source ip,ip addr,login ip,direccion ip",
           lambda f, r: f.ipv4(), bland=True),
        _c("PII.SSN", "ssn,social security number,soc sec no",
           "social security,ssn number,social sec num,taxpayer ssn",
           lambda f, r: _ssn(r), bland=True),
        _c("PII.DriversLicense", "drivers license,driver license number,dl number,dl no,"
           "licencia de conducir,operator license,drv lic,license no,driving permit,lic number,"
           "driver lic nr,dlic",
           "driving licence,drivers lic,driver lic no,license number,dl num,fuhrerschein,"
           "permis de conduire,rijbewijs",
           lambda f, r: r.choice(lic)(f, r)),
        _c("PII.Passport", "passport,passport number,passport no,passport num,pass port nr,"
           "pasaporte no",
           "passport nr,passport id,pasaporte,reisepass,passeport",
           lambda f, r: f.passport_number()),
        _c("PII.Username", "username,user name,login,usr name,login handle,nom utilisateur",
           "login name,screen name,benutzername,gebruikersnaam,user login",
           lambda f, r: f.user_name()),
        _c("PII.Geolocation", "latitude,longitude,lat,lng",
           "geo lat,gps latitude,longitud,breitengrad,geo long",
           lambda f, r: f"{f.coordinate():.6f}"),
        _c("PII.MacAddress", "mac address,mac", "hw address,device mac,mac addr",
           lambda f, r: f.mac_address(), bland=True),
        # negatives that look like PII
        _c(None, "number of credit cards,num cards,card count,credit card cnt",
           "count of cards,cards held,nbr credit cards,total cards",
           _small_count, data_type="integer"),
        _c(None, "email count,num emails,phone cnt,number of addresses",
           "emails sent,count of phones,nr of emails,addresses count",
           _small_count, data_type="integer"),
        _c(None, "has email,is phone verified,email verified,has credit card",
           "email opt in,has phone,phone confirmed,is email valid",
           _flag),
        _c(None, "pct female,email open rate,phone ratio,percent married",
           "share female,email bounce rate,pct with phone,ratio of cards",
           _ratio, data_type="decimal"),
        _c(None, "address id,customer id,person id,email id",
           "address key,client id,patient id,contact ref",
           _key, data_type="integer"),
        _c(None, "street name,house number,street suffix,address line 2",
           "street nm,house no,suffix,addr line2,apartment",
           None),
        _c(None, "company name,employer,product name,order total,created at,status",
           "company,business name,item name,amount due,updated on,order status",
           None),
    ]


def _ssn(r: random.Random) -> str:
    area = r.choice([n for n in range(1, 900) if n != 666])
    return f"{area:03d}-{r.randint(1, 99):02d}-{r.randint(1, 9999):04d}"


def _address_part(part: str) -> Gen:
    return {
        "street": lambda f, r: f.street_name(),
        "number": lambda f, r: f.building_number(),
        "suffix": lambda f, r: f.street_suffix(),
        "line2": lambda f, r: r.choice(["Apt. ", "Suite ", "Unit ", "Flat ", "Floor "]) +
        str(r.randint(1, 999)),
    }[part]


def _parts(half: Half) -> list[tuple[str, Gen]]:
    """Address parts with values: none of them is a full street address."""
    names = {"tune": ("street name", "house number", "street suffix", "address line 2"),
             "held": ("street nm", "house no", "suffix", "addr line2")}[half.name]
    return list(zip(names, map(_address_part, ("street", "number", "suffix", "line2")),
                    strict=True))


def _open_data(half: Half) -> list[tuple[str, Gen]]:
    """Counts, shares and codes named the way public open-data tables name them."""
    def big(f: Faker, r: random.Random) -> str:
        return str(r.randrange(1_000, 9_000_000))

    def share(f: Faker, r: random.Random) -> str:
        return f"{r.uniform(0, 100):.1f}"

    def code(f: Faker, r: random.Random) -> str:
        return r.choice(["A", "B", "C", "P", "Z"])

    names = {"tune": ("Number of Persons Injured", "Total Population", "Percent Female",
                      "Inspection Grade", "Number Of Licenses Issued"),
             "held": ("Persons Killed Count", "Household Count", "Pct Hispanic",
                      "Violation Code", "Licenses Issued Total")}[half.name]
    return list(zip(names, (_small_count, big, share, code, big), strict=True))


def _ambiguous(half: Half) -> list[tuple[str, Gen]]:
    """Bare words that name personal data in one table and not in the next, with values
    that say which: the hard negatives the thresholds are calibrated against."""
    def workflow(f: Faker, r: random.Random) -> str:
        return r.choice(["open", "pending", "shipped", "closed", "on hold", "cancelled"])

    def site(f: Faker, r: random.Random) -> str:
        return f"{r.choice(['WH', 'DC', 'ST'])}-{r.randint(1, 40):02d}"

    names = {"tune": ("name", "state", "location", "name"),
             "held": ("Name", "State", "Location", "NAME")}[half.name]
    return list(zip(names, (_product, workflow, site, _company), strict=True))


def _others(half: Half) -> list[tuple[str, Gen]]:
    """Columns of no personal data, with values."""
    names = {"tune": ("company name", "product name", "order total", "created at"),
             "held": ("business name", "item name", "amount due", "updated on")}[half.name]
    return list(zip(names, (_company, _product, _amount, _timestamp), strict=True))


BLAND = {"tune": ("col {i}", "field{i}", "value", "c{i}", "data"),
         "held": ("attr {i}", "Column{i}", "x{i}", "misc", "extra info")}


def build(half: Half, per_concept: int = 14) -> list[Case]:
    """The labelled columns of one half, in a fixed order."""
    rnd = random.Random(half.seed)
    fakers = {}
    for loc in half.locales:
        f = Faker(loc)
        f.seed_instance(half.seed)
        fakers[loc] = f
    cases: list[Case] = []

    def values(gen: Gen) -> tuple[str, ...]:
        f = fakers[rnd.choice(half.locales)]
        return tuple(gen(f, rnd) for _ in range(SAMPLE))

    for concept in concepts(half):
        phrases = concept.tune if half is TUNE else concept.held
        for k in range(per_concept):
            phrase = phrases[k % len(phrases)].split()
            how = half.styles[(k + len(phrase)) % len(half.styles)]
            name = style(phrase, how)
            exp = (concept.label,) if concept.label else None
            if concept.gen is None or k % 3 == 2:  # a third of the columns: names only
                cases.append(Case(f"{half.name} names", name, exp, concept.data_type))
            else:
                cases.append(Case(f"{half.name} values", name, exp, concept.data_type,
                                  values(concept.gen)))
        if concept.bland:
            for k in range(per_concept // 2):
                bland = BLAND[half.name][k % len(BLAND[half.name])].format(i=k + 3)
                cases.append(Case(f"{half.name} bland", bland, (concept.label,), None,
                                  values(concept.gen)))
    for view, group in (("values", _parts(half)), ("values", _others(half)),
                        ("values", _open_data(half)), ("ambiguous", _ambiguous(half))):
        for name, gen in group:
            for k in range(6):
                how = half.styles[k % len(half.styles)]
                cases.append(Case(f"{half.name} {view}", style(name.split(), how), None, None,
                                  values(gen)))
    single = (lambda f, r: f.color_name(), lambda f, r: f.month_name(),
              lambda f, r: f.day_of_week(), lambda f, r: f.word().title())
    for gen in (_company, _product, *single):  # words under bland names are no persons
        for k in range(6):
            bland = BLAND[half.name][k % len(BLAND[half.name])].format(i=k + 40)
            cases.append(Case(f"{half.name} bland", bland, None, None, values(gen)))
    return cases


@lru_cache(maxsize=2)
def corpus(half_name: str) -> tuple[Case, ...]:
    return tuple(build(TUNE if half_name == "tune" else HELD))
