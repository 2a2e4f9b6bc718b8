"""Identifier-aware tokenizing: the same canonical tokens whatever the spelling style."""

from __future__ import annotations

import pytest

from catalog.search.tokenize import canonical, short_name, spans, stem, tokens


@pytest.mark.parametrize("text, expected", [
    ("customer_email", ("customer", "email")),
    ("customerEmail", ("customer", "email")),
    ("CustomerEmail", ("customer", "email")),
    ("CUSTOMER_EMAIL", ("customer", "email")),
    ("shop.public.customers", ("shop", "public", "customer")),
    ("orders_7_days", ("order", "7", "day")),
    ("HTTPServerLog", ("http", "server", "log")),
    ("userID", ("user", "id")),
    ("address2line", ("address", "2", "line")),
    ("postgres://shop-db:5432", ("postgres", "shop", "db", "5432")),
    ("The name of the customer.", ("name", "customer")),
])
def test_identifiers_split_into_canonical_tokens(text, expected):
    assert tokens(text) == expected


@pytest.mark.parametrize("abbr, word", [
    ("cust", "customer"), ("addr", "address"), ("amt", "amount"), ("qty", "quantity"),
    ("num", "number"), ("dt", "date"), ("desc", "description"), ("ord", "order"),
])
def test_abbreviations_expand(abbr, word):
    assert canonical(abbr) == word
    assert tokens(f"{abbr}_x") == (word, "x")


def test_camel_case_abbreviations_meet_the_snake_case_name():
    assert tokens("ordAmt") == tokens("order_amt") == tokens("order amount")


@pytest.mark.parametrize("word, expected", [
    ("orders", "order"), ("categories", "category"), ("addresses", "address"),
    ("series", "series"), ("postgres", "postgres"),
    ("status", "status"), ("address", "address"), ("analysis", "analysis"), ("bus", "bus"),
    ("boxes", "box"), ("day", "day"), ("s3", "s3"),
])
def test_plurals_fold(word, expected):
    assert stem(word) == expected


def test_spans_point_into_the_original_text():
    text = "customerEmailAddr"
    got = [(t.text, text[t.start:t.end]) for t in spans(text)]
    assert got == [("customer", "customer"), ("email", "Email"), ("address", "Addr")]


def test_short_name_is_the_last_dotted_part():
    assert short_name("db.schema.table") == "table"
    assert short_name("table") == "table"
