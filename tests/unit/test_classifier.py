"""The classifier without a graph: names, values, scores, reasons, thresholds."""

from __future__ import annotations

import datetime as dt

import pytest

from catalog.classification import checks, licences
from catalog.classification.combine import CLASSIFIER_VERSION, Classifier
from catalog.classification.infotypes import INFO_TYPES, Sensitivity
from catalog.classification.name_detector import NameDetector
from catalog.classification.name_tokens import split_tokens
from catalog.classification.type_families import type_family
from catalog.settings import Settings

clf = Classifier()


def best(name, data_type=None, values=None):
    r = clf.classify(name, data_type, values)
    return (r.info_type, r.status) if r else None


def test_info_types_cover_the_issue_list():
    required = {"PII.Email", "PII.Phone", "PII.PersonName", "PII.FirstName", "PII.LastName",
                "PII.StreetAddress", "PII.PostalCode", "PII.City", "PII.DateOfBirth", "PII.Age",
                "PII.Gender", "PII.CreditCard", "PII.IBAN", "PII.SwiftBic", "PII.IPv4",
                "PII.IPv6", "PII.MacAddress", "PII.SSN", "PII.NINO", "PII.NIF", "PII.INSEE",
                "PII.Passport", "PII.DriversLicense", "PII.VIN", "PII.Username",
                "PII.Password", "PII.Geolocation"}
    assert required <= set(INFO_TYPES)
    assert INFO_TYPES["PII.CreditCard"].sensitivity is Sensitivity.RESTRICTED


def test_tokens_split_case_digits_and_accents():
    assert split_tokens("customerEMAILAddress_2") == ["customer", "email", "address", "2"]
    assert split_tokens("Straße") == ["strasse"]
    assert split_tokens("client_IPv4") == ["client", "ipv4"]


@pytest.mark.parametrize("name, expected", [
    ("email", "PII.Email"), ("cust_email_addr", "PII.Email"), ("correo", "PII.Email"),
    ("courriel", "PII.Email"), ("telefono", "PII.Phone"), ("Telefonnummer", "PII.Phone"),
    ("adresse", "PII.StreetAddress"), ("direccion", "PII.StreetAddress"),
    ("geburtsdatum", "PII.DateOfBirth"), ("fecha_nacimiento", "PII.DateOfBirth"),
    ("date_de_naissance", "PII.DateOfBirth"), ("prénom", "PII.FirstName"),
    ("nachname", "PII.LastName"), ("apellido", "PII.LastName"),
    ("contraseña", "PII.Password"), ("creditCardNumber", "PII.CreditCard"),
    ("CCNumber", "PII.CreditCard"), ("zipcode", "PII.PostalCode"), ("codigo_postal",
    "PII.PostalCode"), ("ssn", "PII.SSN"), ("passport_no", "PII.Passport"),
    ("mac_address", "PII.MacAddress"), ("client_ip", "PII.IPv4"), ("iban", "PII.IBAN"),
    ("vin", "PII.VIN"), ("drivers_license_number", "PII.DriversLicense"),
    ("latitude", "PII.Geolocation"), ("username", "PII.Username"),
])
def test_names_in_several_languages_and_forms(name, expected):
    assert best(name)[0] == expected


def test_typos_and_abbreviations_are_read_with_a_note():
    det = NameDetector()
    hit = det.detect("home_adress")[0]
    assert hit.info_type == "PII.StreetAddress" and "typo" in hit.reason
    hit = det.detect("tel_no")[0]
    assert hit.info_type == "PII.Phone" and "read as" in hit.reason


@pytest.mark.parametrize("name", ["email_verified", "phone_type", "address_id", "cc_type",
                                  "product_name", "company_name", "user_agent", "order_state",
                                  "lineage", "velocity", "usage", "TelephoneCountryCode",
                                  "password_changed_at", "created_at", "file_name"])
def test_names_about_personal_data_are_not_personal_data(name):
    assert best(name) is None


def test_bare_ambiguous_words_are_only_suggested():
    assert best("name") == ("PII.PersonName", "suggested")
    assert best("customer_name") == ("PII.PersonName", "accepted")
    assert best("state") == ("PII.State", "suggested")


def test_a_ssn_column_full_of_dashes_is_not_accepted():
    r = clf.classify("ssn", "varchar", ["--"] * 100)
    assert r is not None and r.info_type == "PII.SSN" and r.status == "suggested"
    assert any("contradict" in reason for reason in r.reasons)
    assert clf.classify("ssn", "varchar").status == "accepted"  # name alone would be


def test_values_confirm_a_name_and_raise_the_score():
    cards = ["4111 1111 1111 1111", "5500 0000 0000 0004", "3400 0000 0000 009"]
    r = clf.classify("cc_number", None, cards)
    assert r.info_type == "PII.CreditCard" and r.status == "accepted"
    assert r.score > clf.classify("cc_number").score
    assert any("3 of 3 sampled values are Luhn-valid" in x for x in r.reasons)


def test_values_alone_find_what_a_bland_name_hides():
    assert best("id", None, ["172-32-1176", "514-14-8905", "213-46-8915"]) == (
        "PII.SSN", "accepted")
    assert best("col7", None, ["GB82WEST12345698765432", "DE89370400440532013000"]) == (
        "PII.IBAN", "accepted")
    assert best("x", None, ["2001:db8::1", "fe80::1ff:fe23:4567:890a"]) == (
        "PII.IPv6", "accepted")
    assert best("x", None, ["00:1A:2B:3C:4D:5E", "a4-5e-60-c1-22-0f"])[0] == "PII.MacAddress"
    assert best("x", None, ["12345678Z", "X1234567L"])[0] == "PII.NIF"
    assert best("x", None, ["1 84 12 76 451 089 46"])[0] == "PII.INSEE"
    assert best("x", None, ["AB123456C", "CE 12 34 56 D"])[0] == "PII.NINO"
    assert best("x", None, ["1HGCM82633A004352", "1M8GDM9AXKP042788"])[0] == "PII.VIN"
    assert best("x", None, ["DEUTDEFF", "BNPAFRPPXXX", "CHASUS33"])[0] == "PII.SwiftBic"
    assert best("x", None, ["bob@example.com", "alice@example.org"])[0] == "PII.Email"


def test_checksums_tell_real_identifiers_from_lookalikes():
    assert checks.credit_card("4111111111111111")
    assert not checks.credit_card("4111111111111112")  # Luhn fails
    assert not checks.credit_card("0000000000000000")  # not an issuer
    assert checks.iban_code("GB82 WEST 1234 5698 7654 32")
    assert not checks.iban_code("GB82 WEST 1234 5698 7654 33")
    assert checks.es_nif("12345678Z") and not checks.es_nif("12345678A")
    assert checks.vin("1M8GDM9AXKP042788") and not checks.vin("1M8GDM9AYKP042788")
    assert checks.us_ssn("123-45-6789") and not checks.us_ssn("000-12-3456")
    assert checks.fr_insee("1 84 12 76 451 089 46")
    assert not checks.fr_insee("1 84 12 76 451 089 47")


def test_values_that_are_not_pii_give_nothing():
    assert best("a", "text", ["abc", "xsfr"]) is None
    assert best("b", "text", ["plkj", "sfrf"]) is None
    assert best("notes", None, ["called back", "no answer", "ok"]) is None
    assert best("amount", None, ["12.50", "3.99", "100"]) is None


def test_column_types_that_cannot_hold_the_type_drop_it():
    assert best("email", "boolean") is None
    assert best("email", "character varying(255)") == ("PII.Email", "accepted")
    assert best("birth_date", "date") == ("PII.DateOfBirth", "accepted")
    assert type_family("character varying(40)") == "string"
    assert type_family("timestamp with time zone") == "timestamp"
    assert type_family("bigint") == "integer"


def test_nulls_and_blanks_are_no_evidence():
    r = clf.classify("email", None, [None, "", "  "])
    assert r.status == "accepted" and any("no non-empty" in x for x in r.reasons)
    r = clf.classify("dob", "date", [dt.date(1980, 1, 2), dt.date(1975, 5, 6)])
    assert r.info_type == "PII.DateOfBirth"


def test_every_result_carries_version_and_reasons():
    for name, values in (("email", None), ("x", ["a@b.co", "c@d.co"]), ("zip", ["12345"])):
        r = clf.classify(name, None, values)
        assert r.classifier_version == CLASSIFIER_VERSION and r.reasons


def test_thresholds_come_from_settings():
    from catalog.classification.service import classifier_from

    strict = classifier_from(Settings(classification_accept=0.99,
                                      classification_suggest=0.9))
    assert strict.classify("email").status == "suggested"
    assert strict.classify("name") is None  # 0.6 is below suggest
    with pytest.raises(ValueError, match="suggest <= accept"):
        Classifier(accept=0.5, suggest=0.8)


def test_candidates_list_every_type_with_evidence():
    found = clf.candidates("ip", None, ["10.0.0.1", "2001:db8::1", "192.168.1.1"])
    assert [(r.info_type, r.status) for r in found] == [("PII.IPv4", "accepted")]
    assert found[0].score >= 0.8 and found[0].reasons
    # values that are no addresses leave only a suggestion
    weak = clf.candidates("ip", None, ["hello", "x", "y"])
    assert [(r.info_type, r.status) for r in weak] == [("PII.IPv4", "suggested")]
    assert 0.5 <= weak[0].score < 0.8
    # below the suggest threshold a candidate is still listed, as dropped, with its reason
    dropped = clf.candidates("email", "integer")
    assert [(r.info_type, r.status) for r in dropped] == [("PII.Email", "dropped")]
    assert dropped[0].score < 0.5
    assert any("rarely holds PII.Email" in reason for reason in dropped[0].reasons)
    assert clf.classify("email", "integer") is None  # what classify() leaves out


# -- issue 15: values against names, name understanding, new value detectors -------------
@pytest.mark.parametrize("name, expected", [
    ("ageyears", "PII.Age"), ("socsecno", "PII.SSN"), ("dateofbirth", "PII.DateOfBirth"),
    ("licenciadeconducir", "PII.DriversLicense"), ("empname", "PII.PersonName"),
    ("Customer Full Name", "PII.PersonName"), ("E-Mail Address", "PII.Email"),
    ("drv_lic_nr", "PII.DriversLicense"), ("passPortNr", "PII.Passport"),
    ("age_group", "PII.Age"), ("AGE_AT_VISIT", "PII.Age"), ("biologicalsex", "PII.Gender"),
])
def test_run_together_spaced_and_abbreviated_names(name, expected):
    assert best(name)[0] == expected


def test_run_together_reading_is_explained():
    hit = NameDetector().detect("socsecno")[0]
    assert "read as 'soc sec no'" in hit.reason


@pytest.mark.parametrize("name", ["number_of_credit_cards", "nbr_credit_cards", "num_emails",
                                  "count of phones", "has_email", "email_cnt", "pct_female",
                                  "usage", "message", "percentage", "address_id"])
def test_counts_flags_ratios_and_ids_of_pii_are_not_pii(name):
    assert best(name) is None


@pytest.mark.parametrize("name", ["street_name", "house_number", "street_suffix",
                                  "address_line_2", "Address 2", "apartment"])
def test_parts_of_an_address_are_no_street_address(name):
    assert best(name) is None
    assert best("address_line_1")[0] == "PII.StreetAddress"


def test_values_rule_out_what_the_name_suggests():
    counts = [str(i % 4) for i in range(40)]
    r = clf.candidates("credit_cards", "varchar", counts)[0]
    assert r.info_type == "PII.CreditCard" and r.status == "dropped"
    assert any("values rule it out" in x and "x0.4" in x and "->" in x for x in r.reasons)
    flags = ["Y", "N"] * 20
    assert clf.classify("email", None, flags) is None
    bad_cards = ["4111111111111112", "5500000000000005"] * 10  # card-shaped, Luhn fails
    assert clf.classify("card_number", None, bad_cards) is None
    assert best("card_number")[1] == "accepted"  # the name alone would be


def test_values_that_confirm_say_by_how_much():
    r = clf.classify("cc_number", None, ["4111 1111 1111 1111", "5500 0000 0000 0004"] * 3)
    assert any(x.startswith("values confirm the name: 0.95 and 0.90 -> ") for x in r.reasons)


def test_person_names_from_values_alone():
    names = ["Ann Lee", "Lee, Ann", "J. Smith", "Maria G. Garcia", "Pierre Dupont",
             "Dr. Hans Müller", "van Dijk, Jan", "Giulia Rossi", "Tom Baker", "Ruth Moore"]
    r = clf.classify("col_7", None, names)
    assert r.info_type == "PII.PersonName" and r.status == "suggested"
    assert best("col_8", None, ["Anna", "Peter", "Maria", "John", "Sofia", "Lukas"] * 3)[0] \
        == "PII.FirstName"
    assert best("col_9", None, ["Smith", "Garcia", "Müller", "Rossi", "Nguyen", "Dubois"] * 3
                )[0] == "PII.LastName"


@pytest.mark.parametrize("values", [
    ["Acme Inc", "Miller LLC", "Schmidt GmbH", "Brown Group", "Rossi Holdings"] * 3,
    ["Tony Village", "Martinez Isle", "Calle de Aurora Valero", "Via Roma", "Oak Street"] * 3,
    ["Mai", "Juli", "August", "April", "June", "May"] * 3,
    ["Brown", "White", "Black", "Green", "Rose", "Olive"] * 3,
])
def test_companies_streets_months_and_colours_are_no_persons(values):
    assert clf.classify("col_7", None, values) is None


def test_age_groups_are_ages():
    groups = ["18-24", "25-34", "35-44", "45-54", "55-64", "65+", "under 18"] * 3
    assert best("age_group", None, groups)[0] == "PII.Age"
    assert best("age_band", None, groups)[0] == "PII.Age"


def test_a_state_licence_number_is_not_taken_for_a_phone_number():
    ny = ["123 456 789", "987 654 321", "555 123 987", "246 801 357"] * 3
    assert best("license number", None, ny)[0] == "PII.DriversLicense"
    r = clf.classify("license number", None, ny)
    assert any("driving-licence formats" in x for x in r.reasons)
    assert {"NY", "GA"} <= set(licences.jurisdictions("123 456 789"))
    assert licences.jurisdictions("A1234567") and not licences.is_licence("12-AB")


@pytest.mark.parametrize("name, expected", [
    ("Name Of Customer", "PII.PersonName"), ("Person's Name", "PII.PersonName"),
    ("nombre de cliente", "PII.PersonName"), ("NY Lic #", "PII.DriversLicense"),
    ("DL_CA", "PII.DriversLicense"), ("dl_state", "PII.State"),
])
def test_connectives_and_licences_named_by_their_state(name, expected):
    assert best(name)[0] == expected


@pytest.mark.parametrize("name", ["license", "software_license", "license_plate", "dl_count",
                                  "name of product"])
def test_licences_and_names_of_things_that_are_no_pii(name):
    assert best(name) is None


def test_mail_header_fields_are_emails_by_their_values():
    emails = ["ann@example.com", "bob.smith@mail.org", "x@y.de"] * 4
    for header in ("From", "Reply-To", "cc"):
        assert best(header, None, emails) == ("PII.Email", "accepted")


@pytest.mark.parametrize("name, expected", [
    ("geburtsdatun", "PII.DateOfBirth"), ("telefonummer", "PII.Phone"),
    ("nachnahme", "PII.LastName"), ("pasaporet", "PII.Passport"),
    ("anschrfit", "PII.StreetAddress"),
])
def test_typos_are_read_in_every_language(name, expected):
    hit = NameDetector().detect(name)[0]
    assert hit.info_type == expected and "typo" in hit.reason


def test_a_column_with_companies_among_surnames_is_no_list_of_persons():
    firms = ["Swanson-Tanner", "Horton-Davis", "Kirk Group", "Nichols PLC", "Collins-Brown",
             "Allen, Brooks and Sandoval", "Murphy-Beck", "Stewart Ltd", "Lewis-Lopez",
             "Taylor-Henderson"] * 2
    assert clf.classify("col_7", None, firms) is None


def test_values_decide_what_an_ambiguous_word_names():
    products = ["Basic Everything Pack", "Ultra Lamp", "Pro Chair", "Mini Box Set"] * 5
    r = clf.candidates("name", None, products)[0]
    assert r.status == "dropped" and any("do not bear the ambiguous name out" in x
                                         for x in r.reasons)
    firms = ["Smith-Jones", "Miller Inc", "Garcia PLC", "Nguyen Group", "Lee-Kim"] * 4
    assert clf.classify("name", None, firms) is None
    people = ["Ann Lee", "Tom Baker", "Maria Garcia", "Hans Müller"] * 5
    assert best("name", None, people)[0] == "PII.PersonName"
    assert clf.classify("state", None, ["shipped", "pending", "open", "on hold"] * 5) is None
    assert best("state", None, ["CA", "NY", "TX", "QE"] * 5)[0] == "PII.State"
    assert best("state", None, ["Bayern", "Hessen", "Sachsen", "Tirol"] * 5)[0] == "PII.State"


@pytest.mark.parametrize("values", [["12", "7", "221B", "45", "9"] * 4,
                                    ["Apt. 5", "Suite 200", "Unit 3", "Flat 12"] * 5,
                                    ["Ave", "St", "Blvd", "Rd"] * 5])
def test_an_address_column_of_address_parts_is_no_street_address(values):
    assert clf.classify("address", None, values) is None
    assert best("address", None, ["12 Main St", "7 Oak Ave", "221B Baker Street"] * 5) == (
        "PII.StreetAddress", "accepted")
