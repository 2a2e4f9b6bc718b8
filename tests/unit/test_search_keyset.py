"""KeySet behaves as a set through adds, removes and compactions."""

import random

import pytest

from catalog.search import keyset
from catalog.search.keyset import KeySet


@pytest.mark.parametrize("seed", range(5))
def test_keyset_follows_a_python_set(monkeypatch, seed):
    monkeypatch.setattr(keyset, "MIN_OVERLAY", 8)  # compact often
    rng = random.Random(seed)
    ks, ref = KeySet(), set()
    for _ in range(3000):
        key = rng.randrange(400) << rng.choice((0, 20, 40))
        if rng.random() < 0.6:
            assert ks.add(key) == (key not in ref)
            ref.add(key)
        else:
            assert ks.discard(key) == (key in ref)
            ref.discard(key)
        probe = rng.randrange(400)
        assert (probe in ks) == (probe in ref)
        assert len(ks) == len(ref)
    ks.compact()
    assert len(ks) == len(ref)
    assert all(k in ks for k in ref)
    assert ks.nbytes() == 8 * len(ref)


def test_a_key_removed_then_added_again_counts_once():
    ks = KeySet()
    assert ks.add(5) and not ks.add(5)
    ks.compact()
    assert ks.discard(5) and not ks.discard(5)
    assert ks.add(5) and 5 in ks and len(ks) == 1
