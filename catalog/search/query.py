"""A query string -> terms, each with the index tokens it may match and how well.

A term matches its own canonical token (abbreviations already expanded), the words a tag
declares as its synonyms, longer tokens it is a prefix of, and tokens within a few typing
errors (`max_edits`, scaled to its length) when it is no token of the index itself.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from catalog.search.compound import query_split
from catalog.search.tokenize import canonical, expansion, spans

EXACT, SYNONYM, PREFIX, FUZZY = "exact", "synonym", "prefix", "fuzzy"
TIER_WEIGHT = {EXACT: 1.0, SYNONYM: 0.85, PREFIX: 0.7}
FUZZY_WEIGHT = {1: 0.6, 2: 0.45}
MAX_TERMS = 12
# terms of a reading once words are split into their parts: the scorer keeps a bit per term
# in a 16-bit array (catalog.search.scratch)
MAX_READING_TERMS = 16
MIN_PREFIX = 3
PREFIX_LIMIT = 30
# a token the term starts with, of 5+ letters and 60% of it ("instruct" for "instructions")
MIN_TRUNCATED, TRUNCATED_SHARE, TRUNCATED_WEIGHT = 5, 0.6, 0.6


@dataclass(frozen=True)
class Candidate:
    token: str
    tier: str
    weight: float
    edits: int = 0


@dataclass
class Term:
    raw: str            # as typed (lower-cased)
    text: str           # canonical
    expanded: str | None = None   # the word an abbreviation stood for
    candidates: list[Candidate] = field(default_factory=list)
    compound: str | None = None   # "split of unitprice", "joined from birth date"

    def best(self, token: str) -> Candidate | None:
        return next((c for c in self.candidates if c.token == token), None)


def _terms(words: list[Term]) -> list[Term]:
    """`words` with repeated tokens dropped."""
    seen: set[str] = set()
    out = []
    for t in words:
        if t.text not in seen:
            seen.add(t.text)
            out.append(t)
    return out


def parse(index, query: str, *, prefix_last: bool = False) -> list[Term]:
    """Terms of `query` with their candidates (caller holds the index lock)."""
    terms = _terms([Term(raw=tok.raw, text=tok.text, expanded=expansion(tok.raw))
                    for tok in spans(query)[:MAX_TERMS]])
    for i, term in enumerate(terms):
        term.candidates = candidates(index, term,
                                     prefix_only=prefix_last and i == len(terms) - 1)
    return terms


@dataclass
class Reading:
    """One way to read a query: as typed, with run-together words split, or with words
    typed apart joined. `weight` (< 1 for the other readings) only breaks ties."""
    terms: list[Term]
    how: str | None = None   # None, "split" or "join"
    weight: float = 1.0


SPLIT_WEIGHT, JOIN_WEIGHT = 0.99, 0.98
MAX_JOIN = 3


def readings(index, query: str) -> list[Reading]:
    """The query as typed, and when it differs, split and joined (caller holds the lock).

    split: each word of 5+ letters that segments into known words (the catalog's tokens
    first, then the dictionary) becomes its parts; join: 2-3 adjacent words whose
    concatenation is a token of the index become that token."""
    toks = spans(query)[:MAX_TERMS]
    out = [Reading(parse(index, query))]
    if not out[0].terms:
        return out
    split, changed = [], False
    for tok in toks:
        parts = _split(index, tok.raw)
        if parts:
            changed = True
            split += [Term(raw=p, text=p, compound=f"split of {tok.raw}") for p in parts]
        else:
            split.append(Term(raw=tok.raw, text=tok.text, expanded=expansion(tok.raw)))
    if changed:
        terms = _terms(split)[:MAX_READING_TERMS]
        out.append(Reading(_with_candidates(index, terms), "split", SPLIT_WEIGHT))
    joined, i, changed = [], 0, False
    while i < len(toks):
        for size in range(min(MAX_JOIN, len(toks) - i), 1, -1):
            group = toks[i:i + size]
            if not all(t.raw.isalpha() for t in group):
                continue
            word = "".join(t.raw for t in group)
            if index.has(canonical(word)):
                joined.append(Term(raw=word, text=canonical(word),
                                   compound="joined from " + " ".join(t.raw for t in group)))
                i, changed = i + size, True
                break
        else:
            t = toks[i]
            joined.append(Term(raw=t.raw, text=t.text, expanded=expansion(t.raw)))
            i += 1
    if changed:
        out.append(Reading(_with_candidates(index, _terms(joined)), "join", JOIN_WEIGHT))
    return out


def _split(index, raw: str) -> tuple[str, ...]:
    """query_split, cached on the index per word until its vocabulary grows."""
    cache = index.query_splits
    if index.query_splits_size != len(index.vocab):
        cache.clear()
        index.query_splits_size = len(index.vocab)
    parts = cache.get(raw)
    if parts is None:
        if len(cache) > 1 << 14:
            cache.clear()
        parts = cache[raw] = query_split(raw, index.has)
    return parts


def _with_candidates(index, terms: list[Term]) -> list[Term]:
    for term in terms:
        term.candidates = candidates(index, term)
    return terms


def candidates(index, term: Term, *, prefix_only: bool = False) -> list[Candidate]:
    out: dict[str, Candidate] = {}

    def offer(c: Candidate) -> None:
        if index.has(c.token) and (c.token not in out or out[c.token].weight < c.weight):
            out[c.token] = c

    offer(Candidate(term.text, EXACT, TIER_WEIGHT[EXACT]))
    for syn in index.synonyms.get(term.text, ()):
        offer(Candidate(syn, SYNONYM, TIER_WEIGHT[SYNONYM]))
    if len(term.raw) >= MIN_PREFIX or prefix_only:
        stems = {term.text, term.raw} if term.raw.isalpha() else {term.text}
        for start in stems:
            for tok in index.vocab.prefixed(start, limit=PREFIX_LIMIT):
                offer(Candidate(tok, PREFIX, TIER_WEIGHT[PREFIX]))
    if not index.has(term.text) and not prefix_only:
        for tok, edits in index.vocab.fuzzy(term.text):
            offer(Candidate(tok, FUZZY, FUZZY_WEIGHT[edits], edits))
        # names truncate words (L_SHIPINSTRUCT): an index token the term starts with
        if term.text.isalpha():
            for size in range(len(term.text) - 1, max(MIN_TRUNCATED,
                              math.ceil(TRUNCATED_SHARE * len(term.text))) - 1, -1):
                offer(Candidate(term.text[:size], PREFIX, TRUNCATED_WEIGHT))
    return sorted(out.values(), key=lambda c: -c.weight)
