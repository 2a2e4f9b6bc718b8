"""The compiled search loops against plain Python on random data (ties and gaps included)."""

from __future__ import annotations

import numpy as np
import pytest

from catalog.search import kernels


@pytest.mark.parametrize("seed", range(5))
def test_top_orders_by_score_then_position(seed):
    rng = np.random.default_rng(seed)
    scores = rng.integers(0, 6, size=300).astype(np.float32)  # many ties
    for k in (1, 7, 20, 300, 400):
        want = sorted(range(scores.size), key=lambda p: (-scores[p], p))[:k]
        assert kernels.top(scores, k).tolist() == want


@pytest.mark.parametrize("seed", range(5))
def test_pair_counts_match_a_plain_count(seed):
    rng = np.random.default_rng(seed)
    pairs = sorted({(int(d), int(v)) for d, v in rng.integers(0, [5000, 9], size=(3000, 2))})
    at = np.array([d for d, _ in pairs], dtype=np.int64)
    code = np.array([v for _, v in pairs], dtype=np.int32)
    for size in (3, 50, 4000):  # a few documents (gallops) and most of them (walks)
        sel = np.unique(rng.integers(0, 5000, size=size)).astype(np.int64)
        want = np.zeros(9, dtype=np.int64)
        chosen = set(sel.tolist())
        for d, v in pairs:
            want[v] += d in chosen
        assert kernels.pair_counts(sel, at, code, 9).tolist() == want.tolist()


def test_merge_gives_each_documents_place_and_best_share():
    a = np.array([1, 4, 9], dtype=np.int64)
    b = np.array([2, 4], dtype=np.int64)
    c = np.array([9, 12], dtype=np.int64)
    matched = [np.array(m, dtype=np.int16) for m in ([1, 2, 1], [1, 1], [3, 2])]
    terms = np.array([2, 1, 4], dtype=np.int64)  # a reading of 2 terms, of 1, of 4
    docs, rows, share = kernels.merge(a, b, c, *matched, terms, 840)
    assert docs.tolist() == [1, 2, 4, 9, 12]
    assert rows.tolist() == [[0, -1, 1, 2, -1], [-1, 0, 1, -1, -1], [-1, -1, -1, 0, 1]]
    # 4: 2 of 2 terms in a, 1 of 1 in b; 9: 1 of 2 in a, 3 of 4 in c
    assert share.tolist() == [420, 840, 840, 630, 420]


def test_touched_finds_postings_and_the_datasets_of_named_columns():
    # documents: 0 dataset, 1 and 2 its columns, 3 a dataset without columns
    kind = np.array([0, 1, 1, 0], dtype=np.int8)
    up = np.array([4, 0, 0, 4, 4], dtype=np.int32)  # slot n = 4: no parent
    named, described = 1, 4  # field bits: NAME, DESCRIPTION
    flat = np.array([(2 << 7) | named, (3 << 7) | described], dtype=np.uint32)
    bits, pos = np.zeros(1, dtype=np.int64), np.zeros(5, dtype=np.int32)
    docs, rowkind, parent = kernels.touched(flat, kind, up, 4, 1, bits, pos)
    assert docs.tolist() == [0, 2, 3] and rowkind.tolist() == [0, 1, 0]
    assert parent.tolist() == [-1, 0, -1]
    assert pos.tolist() == [1, 0, 2, 3, 0] and not bits.any()
