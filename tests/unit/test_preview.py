"""The preview's masking and how a dataset finds its preview source (no engine)."""

from __future__ import annotations

import pytest

from catalog.preview.config import PreviewSource
from catalog.preview.masking import is_pii, mask
from catalog.preview.sources import locate
from catalog.settings import Settings
from identity.namespaces import table_dataset


@pytest.mark.parametrize(("value", "masked"), [
    ("Ann.Lee@mail.example.com", "Xxx.Xxx@xxxx.xxxxxxx.xxx"),
    ("+44 20 7946 0958", "+99 99 9999 9999"),
    ("1984-03-07", "9999-99-99"),
    ("Zoë Ünal", "Xxx Xxxx"),
    ("", ""),
    (None, None),
])
def test_masking_keeps_the_format_not_the_value(value, masked):
    assert mask(value) == masked


def test_long_values_are_cut():
    assert mask("a" * 100) == "x" * 64 + "…"


def test_what_masks():
    assert is_pii("PII.Email", "confidential") and is_pii("PII.City", "internal")
    assert is_pii("Finance.Secret", "restricted") and not is_pii("Finance.Amount", "internal")


def _node(dataset_id: str, **props) -> dict:
    return {"id": dataset_id, **props}


def test_a_dataset_finds_the_source_whose_naming_gives_its_id():
    pg = PreviewSource(name="shop", url="postgresql://u@127.0.0.1:5432/shop")
    renamed = PreviewSource(name="crm", url="mysql+pymysql://u@10.0.0.5/",
                            naming={"host": "crm.internal"})
    ds = table_dataset("postgres", host="127.0.0.1", port=5432, database="shop",
                       schema="sales", table="orders")
    found = locate([renamed, pg], _node(ds))  # from the name alone
    assert found is not None and found.source is pg
    assert (found.schema, found.table) == ("sales", "orders")
    crm = table_dataset("mysql", host="crm.internal", port=3306, database="crm",
                        table="contacts")
    found = locate([pg, renamed], _node(crm, schema="crm", table="contacts"))
    assert found is not None and found.source is renamed and found.schema == "crm"
    other = table_dataset("postgres", host="127.0.0.1", port=5432, database="other",
                          schema="public", table="t")
    assert locate([pg, renamed], _node(other)) is None


def test_an_unset_variable_leaves_the_source_out_and_the_password_unsaid(monkeypatch):
    monkeypatch.delenv("PREVIEW_UNSET_PW", raising=False)
    gone = PreviewSource(url="postgresql://u:${PREVIEW_UNSET_PW}@127.0.0.1:5432/shop")
    ds = table_dataset("postgres", host="127.0.0.1", port=5432, database="shop",
                       schema="public", table="t")
    problems: list[str] = []
    assert locate([gone], _node(ds), problems) is None
    assert problems == ["preview source postgresql://u:***@127.0.0.1:5432/shop: environment "
                        "variable PREVIEW_UNSET_PW is not set (use ${PREVIEW_UNSET_PW:-default} "
                        "for a default)"]
    assert PreviewSource(url="postgresql://u:hunter2@h/db").label == "postgresql://u:***@h/db"


def test_settings_take_sources_as_json_and_refuse_unknown_keys(monkeypatch):
    monkeypatch.setenv("CATALOG_PREVIEW_SOURCES", '[{"url": "sqlite:///x.db"}]')
    assert Settings().preview_sources[0].url == "sqlite:///x.db"
    with pytest.raises(ValueError, match="passwrd"):
        Settings(preview_sources=[{"url": "sqlite:///x.db", "passwrd": "x"}])
