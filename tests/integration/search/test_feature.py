"""The app's search feature: built from the store, kept up by the listener, rebuilt from the
store when a change cannot be applied (the writer never sees that failure)."""

from __future__ import annotations

import time

from catalog.runtime.search import SearchFeature
from catalog.search import SearchRequest
from graph import Label
from graph.tx import Changes
from identity import ids


def _ids(feature: SearchFeature, query: str) -> list[str]:
    return [h.id for h in feature.service.search(SearchRequest(query=query)).hits]


def test_a_change_that_cannot_be_applied_rebuilds_the_index(store, uid):
    word = uid.translate(str.maketrans("0123456789", "ghijklmnop"))
    before = ids.dataset_id("postgres://h:5432", f"db.{word}_before")
    store.upsert_datasets([{"id": before, "name": f"db.{word}_before"}],
                                   source="manual")
    feature = SearchFeature(store, max_page_size=50)
    feature.start()
    try:
        assert _ids(feature, word) == [before]
        old = feature.service.index
        broken = Changes("2024-01-01T00:00:00.000000Z")
        broken.nodes[Label.DATASET].append({"name": "a row without an id"})
        feature._on_changes(broken)  # as the store would call it after a commit
        deadline = time.monotonic() + 120
        while feature.service.index is old and time.monotonic() < deadline:
            time.sleep(0.2)
        assert feature.service.index is not old, "the index was not rebuilt"
        after = ids.dataset_id("postgres://h:5432", f"db.{word}_after")
        store.upsert_datasets([{"id": after, "name": f"db.{word}_after"}],
                                       source="manual")
        assert sorted(_ids(feature, word)) == sorted([before, after])
    finally:
        feature.stop()
