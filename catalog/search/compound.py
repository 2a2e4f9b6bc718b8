"""Run-together words: `unitprice`, `INVOICEDATE`, `acctbal` split into known words, and
words typed apart ("invoice date") joined into a token the index holds.

Both sides are split. An indexed name token that is no common word (`extendedprice`,
`lineitem`, `rowguid`) is segmented once per distinct token against a word-frequency
dictionary (the unigram counts the `wordsegment` package ships inside its wheel; nothing is
downloaded) and the common abbreviations, and its parts are posted beside it. A query word is
segmented against the catalog's own token vocabulary first (a split whose parts the index
holds), then the same dictionary; adjacent query words whose concatenation is an index token
are joined. Segmentation is a shortest path over the word's positions (cost: -log10 of a
word's frequency), so it is linear in the number of candidate parts, never in the catalog.
"""

from __future__ import annotations

import importlib.resources
import math
from functools import lru_cache

from catalog.search.tokenize import ABBREVIATIONS, STOPWORDS, canonical, spans, tokens

MIN_WORD = 5        # shorter words are never split
MAX_WORD = 40       # nor longer ones (hashes, base64)
MAX_PARTS = 4
DICTIONARY_RANK = 60_000   # words beyond this rank are too rare to be parts (or whole words)
SHORT_PART_RANK = 2_000    # a part of two letters must be this common (id, us, to)
ABBREVIATION_COST = 5.0    # an abbreviation (`acct`, `qty`) costs as a fairly common word
# A name token is split when its parts are at most this much less likely than the whole
# (log10): identifiers run words together far more often than prose does, so `firstname`
# splits while `homepage`, `website` and `password` stay whole (joins find those).
SPLIT_BIAS = 1.5
CATALOG_COST = 3.0         # a part the catalog holds costs as a very common word


@lru_cache(maxsize=1)
def dictionary() -> dict[str, float]:
    """word -> cost (-log10 frequency) for the DICTIONARY_RANK most frequent words."""
    out: dict[str, float] = {}
    rows = []
    with importlib.resources.files("wordsegment").joinpath("unigrams.txt").open() as f:
        for rank, line in enumerate(f):
            if rank >= DICTIONARY_RANK:
                break
            word, count = line.split("\t")
            rows.append((rank, word, int(count)))
    total = 1024908267229.0  # the corpus size wordsegment documents for these counts
    for rank, word, count in rows:
        if len(word) < 2 or not word.isalpha() or (len(word) == 2 and rank >= SHORT_PART_RANK):
            continue
        out[word] = -math.log10(count / total)
    for abbr in ABBREVIATIONS:
        if len(abbr) >= 2:
            out[abbr] = min(out.get(abbr, ABBREVIATION_COST), ABBREVIATION_COST)
    return out


def segment(word: str, cost) -> tuple[tuple[str, ...], float] | None:
    """The cheapest split of `word` into 2..MAX_PARTS parts of 2+ letters, each with a cost
    (`cost(part)` -> float, or None for no such word), and its total cost."""
    n = len(word)
    best: list[tuple[float, int, int] | None] = [None] * (n + 1)  # (cost, parts, start)
    best[0] = (0.0, 0, 0)
    for end in range(2, n + 1):
        for start in range(max(0, end - 24), end - 1):
            prev = best[start]
            if prev is None or prev[1] >= MAX_PARTS:
                continue
            c = cost(word[start:end])
            if c is None:
                continue
            total = prev[0] + c
            cur = best[end]
            if cur is None or total < cur[0] or (total == cur[0] and prev[1] + 1 < cur[1]):
                best[end] = (total, prev[1] + 1, start)
    if best[n] is None or best[n][1] < 2:
        return None
    parts, end = [], n
    while end > 0:
        start = best[end][2]
        parts.append(word[start:end])
        end = start
    return tuple(reversed(parts)), best[n][0]


MAX_SHORT_PARTS = 1  # parts of 2-3 letters that are no stopword or abbreviation
MAX_PART_COST = 6.5  # rarer words (rank beyond ~30k) make junk splits of random letters


def plausible(parts: tuple[str, ...]) -> bool:
    """A split of letters into words, not into syllables: `fi cei do amp` is no split."""
    short = sum(1 for p in parts if len(p) <= 3 and p not in STOPWORDS
                and p not in ABBREVIATIONS)
    words = dictionary()
    return short <= MAX_SHORT_PARTS and all(
        words.get(p, 0.0) <= MAX_PART_COST or p in ABBREVIATIONS for p in parts)


def _canonical_parts(parts: tuple[str, ...]) -> tuple[str, ...]:
    """Canonical tokens of the parts, stopwords dropped, each once."""
    out: list[str] = []
    for p in parts:
        if p in STOPWORDS:
            continue
        tok = canonical(p)
        if tok not in out:
            out.append(tok)
    return tuple(out)


@lru_cache(maxsize=1 << 18)
def dictionary_split(raw: str) -> tuple[str, ...]:
    """Canonical parts of a run-together word by the dictionary alone (index side: the same
    answer whatever else the catalog holds); () when it is no compound."""
    if not (MIN_WORD <= len(raw) <= MAX_WORD) or not raw.isalpha():
        return ()
    words = dictionary()
    found = segment(raw, words.get)
    if found is None:
        return ()
    parts, cost = found
    whole = words.get(raw)
    if whole is not None and cost > whole + SPLIT_BIAS:
        return ()
    if not plausible(parts):
        return ()
    out = _canonical_parts(parts)
    return out if out and out != (canonical(raw),) else ()


@lru_cache(maxsize=1 << 16)
def name_parts(text: str) -> tuple[tuple[int, tuple[str, ...]], ...]:
    """(position among the tokens of `text`, parts) for each run-together token of a name."""
    out = []
    for i, tok in enumerate(spans(text)):
        parts = dictionary_split(tok.raw)
        if parts:
            out.append((i, parts))
    return tuple(out)


JOIN_SEPARATORS = ("", "_", "-", " ")


@lru_cache(maxsize=1 << 16)
def name_joins(text: str) -> tuple[tuple[int, str], ...]:
    """(position of the first, joined token) for each two adjacent parts of a name that
    together spell one common word: `ThumbNail`, `WareHouse`, `PassWord` split single words
    at their parts, and a user types the word. By the dictionary alone, like
    `dictionary_split`, so the index posts the same whatever else the catalog holds."""
    toks = spans(text)
    words = dictionary()
    out = []
    for i in range(len(toks) - 1):
        a, b = toks[i], toks[i + 1]
        if text[a.end:b.start] not in JOIN_SEPARATORS or not (a.raw + b.raw).isalpha():
            continue
        if len(a.raw) < 2 or len(b.raw) < 2 or len(a.raw) + len(b.raw) < MIN_WORD:
            continue
        cost = words.get(a.raw + b.raw)
        if cost is not None and cost <= MAX_PART_COST:
            out.append((i, canonical(a.raw + b.raw)))
    return tuple(out)


@lru_cache(maxsize=1 << 16)
def split_form(text: str) -> tuple[str, ...]:
    """The tokens of a name with each run-together token replaced by its parts."""
    toks = list(tokens(text))
    for i, parts in reversed(name_parts(text)):
        toks[i:i + 1] = parts
    return tuple(toks)


def query_split(raw: str, has) -> tuple[str, ...]:
    """Canonical parts of a query word: every part a token of the catalog (`has(token)`)
    when there is such a split, else the dictionary's split; () when none."""
    if not (MIN_WORD <= len(raw) <= MAX_WORD) or not raw.isalpha():
        return ()
    words = dictionary()

    def catalog_cost(part: str) -> float | None:
        if part in STOPWORDS:  # never indexed, yet run into names: reports_to, salesbystore
            return words.get(part)
        if len(part) < 2 or not has(canonical(part)):
            return None
        if len(part) == 2 and part not in words:
            return None
        return min(words.get(part, CATALOG_COST), CATALOG_COST)

    found = segment(raw, catalog_cost)
    if found is not None:
        # a part that is itself run together (`shipto` of c_first_shipto_date_sk) is taken
        # as the index takes it: as its own parts
        finer = tuple(q for p in found[0] for q in (dictionary_split(p) or (p,)))
        out = _canonical_parts(finer)
        if out and out != (canonical(raw),):
            return out
    return dictionary_split(raw)


MAX_PREFIX = 2


@lru_cache(maxsize=1 << 16)
def core_count(text: str) -> int:
    """Distinct words of a name in its split form, without a table-alias prefix of 1-2
    letters before an underscore (`l_` of L_SHIPDATE, `ss_` of ss_net_paid): the count a
    query must have to name it exactly."""
    toks = spans(text)
    form = split_form(text)
    if len(form) > 1 and toks and len(toks[0].raw) <= MAX_PREFIX and toks[0].raw.isalpha() \
            and text[toks[0].end:toks[0].end + 1] == "_":
        form = form[1:]
    return len(set(form))
