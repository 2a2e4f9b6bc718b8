"""A query string -> terms, each with the index tokens it may match and how well.

A term matches its own canonical token (abbreviations already expanded), the words a tag
declares as its synonyms, longer tokens it is a prefix of, and tokens within a few typing
errors (`max_edits`, scaled to its length) when it is no token of the index itself.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from catalog.search.tokenize import expansion, spans

EXACT, SYNONYM, PREFIX, FUZZY = "exact", "synonym", "prefix", "fuzzy"
TIER_WEIGHT = {EXACT: 1.0, SYNONYM: 0.85, PREFIX: 0.7}
FUZZY_WEIGHT = {1: 0.6, 2: 0.45}
MAX_TERMS = 12
MIN_PREFIX = 3
PREFIX_LIMIT = 30


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

    def best(self, token: str) -> Candidate | None:
        return next((c for c in self.candidates if c.token == token), None)


def parse(index, query: str, *, prefix_last: bool = False) -> list[Term]:
    """Terms of `query` with their candidates (caller holds the index lock)."""
    seen: set[str] = set()
    terms: list[Term] = []
    for tok in spans(query)[:MAX_TERMS]:
        if tok.text in seen:
            continue
        seen.add(tok.text)
        terms.append(Term(raw=tok.raw, text=tok.text, expanded=expansion(tok.raw)))
    for i, term in enumerate(terms):
        term.candidates = candidates(index, term,
                                     prefix_only=prefix_last and i == len(terms) - 1)
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
    return sorted(out.values(), key=lambda c: -c.weight)
