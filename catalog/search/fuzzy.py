"""The token vocabulary: typo-tolerant and prefix lookups over distinct tokens, never over
every name (rapidfuzz over 2M column names takes over a second; over the vocabulary, a few ms).

Fuzzy lookups compare only tokens of a nearby length that share the first letter, or the
second one, with the query: a typing error is tolerated anywhere but in both of the first
two letters at once, and a vocabulary of 200k tokens is searched in a few milliseconds.
"""

from __future__ import annotations

import bisect
from collections import defaultdict

from rapidfuzz import process
from rapidfuzz.distance import OSA

# A transposition ("emial") is one edit (optimal string alignment distance).
SCORER = OSA.distance


def max_edits(length: int) -> int:
    """Edits tolerated for a query token of `length`: none for short tokens (too ambiguous)."""
    if length <= 3:
        return 0
    return 1 if length <= 7 else 2


class Vocabulary:
    """Distinct tokens: bucketed by length for fuzzy lookups, sorted for prefix lookups."""

    def __init__(self) -> None:
        self._known: set[str] = set()
        # (length, letter, position 0 or 1) -> tokens of that length with that letter there
        self._buckets: dict[tuple[int, str, int], list[str]] = defaultdict(list)
        self._sorted: list[str] = []
        self._pending: list[str] = []
        self._short: dict[str, list[str]] = {}  # prefixes of 1-2 characters: many tokens each

    def __contains__(self, token: str) -> bool:
        return token in self._known

    def __len__(self) -> int:
        return len(self._known)

    def add(self, token: str) -> None:
        if token in self._known:
            return
        self._known.add(token)
        self._pending.append(token)
        if len(token) >= 3 and token.isalpha():
            self._buckets[(len(token), token[0], 0)].append(token)
            self._buckets[(len(token), token[1], 1)].append(token)

    def _sync(self) -> None:
        """Fold tokens added since the last lookup into the sorted list."""
        if not self._pending:
            return
        if len(self._pending) > 64:
            self._sorted = sorted(self._known)
        else:
            for tok in self._pending:
                bisect.insort(self._sorted, tok)
        self._pending.clear()
        self._short.clear()

    def fuzzy(self, query: str, limit: int = 20) -> list[tuple[str, int]]:
        """Tokens within `max_edits(len(query))` edits of `query`, closest first (not itself)."""
        edits = max_edits(len(query))
        if not edits or not query.isalpha():
            return []
        found: dict[str, int] = {}
        for length in range(len(query) - edits, len(query) + edits + 1):
            for key in ((length, query[0], 0), (length, query[1], 1)):
                bucket = self._buckets.get(key)
                if not bucket:
                    continue
                for tok, dist, _ in process.extract(query, bucket, scorer=SCORER,
                                                    score_cutoff=edits, limit=None):
                    if tok != query:
                        found[tok] = int(dist)
        found = list(found.items())
        found.sort(key=lambda p: (p[1], abs(len(p[0]) - len(query)), p[0]))
        return found[:limit]

    def prefixed(self, prefix: str, limit: int | None = 50) -> list[str]:
        """Tokens that start with `prefix` (not itself), shortest first."""
        self._sync()
        out = self._short.get(prefix)
        if out is None:
            lo = bisect.bisect_left(self._sorted, prefix)
            hi = bisect.bisect_left(self._sorted, prefix + "\U0010ffff")
            out = [t for t in self._sorted[lo:hi] if t != prefix]
            out.sort(key=lambda t: (len(t), t))
            if len(prefix) <= 2:
                self._short[prefix] = out
        return out if limit is None else out[:limit]
