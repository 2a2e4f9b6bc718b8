"""Run-together words: split on both sides, joined when typed apart, explained."""

from __future__ import annotations

from catalog.search.compound import (
    core_count,
    dictionary_split,
    name_joins,
    query_split,
    split_form,
)
from tests.support.search import Catalog


def test_dictionary_splits_names_that_are_no_common_word():
    assert dictionary_split("invoicedate") == ("invoice", "date")
    assert dictionary_split("extendedprice") == ("extended", "price")
    assert dictionary_split("acctbal") == ("account", "balance")  # abbreviations expanded
    assert dictionary_split("titleofcourtesy") == ("title", "courtesy")  # stopwords dropped
    for word in ("password", "discontinued", "together", "category", "customer", "website"):
        assert dictionary_split(word) == (), word


def test_a_query_word_splits_on_the_catalogs_tokens_first():
    vocab = {"media", "type", "genre", "id", "ship", "address"}
    assert query_split("mediatype", vocab.__contains__) == ("media", "type")
    assert query_split("genreid", vocab.__contains__) == ("genre", "id")
    assert query_split("shiptoaddressid", vocab.__contains__) == ("ship", "address", "id")
    assert query_split("abc", vocab.__contains__) == ()


def test_name_counts_use_the_split_form_without_an_alias_prefix():
    assert split_form("L_EXTENDEDPRICE") == ("l", "extended", "price")
    assert core_count("L_EXTENDEDPRICE") == 2
    assert core_count("ss_net_paid") == 2
    assert core_count("dim_customers") == 2


def _catalog() -> Catalog:
    c = Catalog()
    c.dataset("music.public.MediaType", columns=["MediaTypeId", "Name"])
    c.dataset("shop.public.INVOICE", columns=["INVOICEDATE", "TOTAL"])
    c.dataset("shop.public.employee", columns=["BirthDate", "homepage"])
    c.dataset("shop.public.invoice_line", columns=["unit_price"])
    return c.commit()


def test_run_together_queries_find_separated_names_and_back():
    c = _catalog()
    assert c.ids("mediatype")[0].endswith("music.public.MediaType")
    assert c.ids("unitprice")[0].endswith("#unit_price")
    assert c.ids("invoice date")[0].endswith("#INVOICEDATE")
    assert c.ids("invoicedate")[0].endswith("#INVOICEDATE")
    assert c.ids("employee birthdate")[0].endswith("#BirthDate")
    assert c.ids("home page")[0].endswith("#homepage")


def test_explain_says_a_split_or_join_made_the_match():
    c = _catalog()
    hit = c.search("unitprice", explain=True).hits[0]
    assert {m.compound for m in hit.explanation.terms} == {"split of unitprice"}
    hit = c.search("invoice date", explain=True).hits[0]
    assert [m.compound for m in hit.explanation.terms] == ["part of INVOICEDATE"] * 2
    hit = c.search("home page", explain=True).hits[0]
    assert [m.compound for m in hit.explanation.terms] == ["joined from home page"]


def test_a_column_named_with_its_table_ranks_above_the_table():
    c = _catalog()
    assert c.ids("employee homepage")[0].endswith("#homepage")
    assert c.ids("invoice")[0].endswith("shop.public.INVOICE")


def test_parts_that_spell_one_word_are_joined_by_the_dictionary():
    assert name_joins("ThumbNailPhoto") == ((0, "thumbnail"),)
    assert name_joins("WareHouseName") == ((0, "warehouse"),)
    assert name_joins("PassWord") == ((0, "password"),)
    for name in ("order_date", "customer_id", "contactFirst", "unit.price", "L_SHIPDATE"):
        assert name_joins(name) == (), name


def _legacy() -> Catalog:
    c = Catalog()
    c.dataset("crm.dbo.Product", columns=["ThumbNailPhoto", "ThumbnailPhotoFileName"])
    c.dataset("crm.dbo.WareHouse", columns=["WareHouseName", "Address"])
    c.dataset("crm.dbo.customers", columns=["contact_name", "contactFirstName"])
    return c.commit()


def test_a_word_typed_whole_finds_a_name_that_splits_it():
    c = _legacy()
    for q in ("thumbnail photo", "thumbnailphoto"):
        assert "#ThumbNailPhoto" in " ".join(c.ids(q)[:2]), q
    assert c.ids("warehouse")[0].endswith("crm.dbo.WareHouse")
    assert c.ids("warehouse name")[0].endswith("#WareHouseName")
    hit = c.search("thumbnail photo", explain=True).hits
    hit = next(h for h in hit if h.id.endswith("#ThumbNailPhoto"))
    assert "joined from ThumbNail" in {m.compound for m in hit.explanation.terms}


def test_a_joined_word_counts_as_the_two_words_it_stands_for():
    """`contact name` names contact_name exactly; contactFirstName only contains both."""
    c = _legacy()
    assert c.ids("contact name")[0].endswith("#contact_name")
    assert c.ids("contact first name")[0].endswith("#contactFirstName")
