"""Typo tolerance over the vocabulary, scaled to token length."""

from __future__ import annotations

from catalog.search.fuzzy import Vocabulary, max_edits


def vocab(*words: str) -> Vocabulary:
    v = Vocabulary()
    for w in words:
        v.add(w)
    return v


def test_edits_scale_with_length():
    assert [max_edits(n) for n in (2, 3, 4, 7, 8, 12)] == [0, 0, 1, 1, 2, 2]


def test_a_transposition_is_one_edit():
    v = vocab("email", "emit", "mail", "customer")
    assert v.fuzzy("emial") == [("email", 1)]


def test_long_tokens_forgive_two_edits_short_ones_none():
    v = vocab("restaurant", "customer", "ord", "org")
    assert ("restaurant", 2) in v.fuzzy("restrant")   # 8 letters: 2 edits
    assert v.fuzzy("orx") == []                        # 3 letters: exact only


def test_closest_first_and_never_itself():
    v = vocab("order", "orders", "border", "odor")
    got = v.fuzzy("ordr")
    assert got[0] == ("order", 1) and all(tok != "ordr" for tok, _ in got)
    assert v.fuzzy("order") == [("orders", 1)]  # "border": both first letters differ


def test_an_error_in_the_first_or_the_second_letter_but_not_both():
    v = vocab("customer")
    assert v.fuzzy("vustomer") == [("customer", 1)]
    assert v.fuzzy("cvstomer") == [("customer", 1)]
    assert v.fuzzy("ucstomer") == []


def test_prefixes_shortest_first_and_new_tokens_seen():
    v = vocab("customer", "custom", "customers_archive", "cut")
    assert v.prefixed("cust") == ["custom", "customer", "customers_archive"]
    assert v.prefixed("cu", limit=1) == ["cut"]
    v.add("cust_x")
    assert "cust_x" in v.prefixed("cu")
