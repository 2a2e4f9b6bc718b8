"""Names that complete what is being typed: the last word is a prefix of a name's token.

`cust` completes `customers` and `dim_customers`; `customer em` completes `customer_email`
and, after it, the `email` column of a customers table. Names holding the earlier words
themselves come first, then names that start with the word, shorter completions, then the
kind prior and boosts; one suggestion per distinct name.
"""

from __future__ import annotations

import html
from dataclasses import dataclass

import numpy as np

from catalog.search import kernels
from catalog.search.index import NAMED, SHIFT
from catalog.search.query import FUZZY_WEIGHT, Term, candidates
from catalog.search.rank import (
    BOOST_DEGREE,
    BOOST_DOCUMENTED,
    BOOST_OWNED,
    KIND_PRIOR,
)
from catalog.search.scratch import Scratch
from catalog.search.tokenize import canonical, expansion, spans

MAX_TOKENS = 200  # completions looked at, shortest first
BUDGET = 50       # candidate documents per suggestion asked for (all words complete)
NAMES = 10        # distinct names per suggestion asked for, gathered over completions
# no document's boost is higher (rank.boosts): lets a completion stop reading early
TOP_BOOST = BOOST_DOCUMENTED + BOOST_OWNED + BOOST_DEGREE + max(KIND_PRIOR.values())
MAX_HEAD = 15     # earlier words considered (the last ones): bits of Scratch.terms


@dataclass
class Suggestion:
    doc: int
    text: str
    highlight: str
    score: float


def _named(index, term: Term) -> list:
    """The posting lists of the candidates of `term` that count for an earlier word."""
    return [plist for cand in term.candidates if cand.weight >= min(FUZZY_WEIGHT.values())
            for plist in index.lists(cand.token)]


def _docs(plist) -> np.ndarray:
    """Documents with the token of `plist` in their name."""
    raw = np.frombuffer(plist, dtype=np.uint32)
    return (raw[(raw & NAMED) != 0] >> SHIFT).astype(np.intp)


def autocomplete(index, derived, s: Scratch, text: str, kind_ok: np.ndarray, limit: int
                 ) -> list[Suggestion]:
    toks = spans(text)
    if not toks:
        return []
    typing = text[-1].isalnum()
    head, last = (toks[:-1], toks[-1]) if typing else (toks, None)
    head = head[-MAX_HEAD:]
    head_terms, head_docs = [], []
    for tok in head:
        term = Term(raw=tok.raw, text=tok.text, expanded=expansion(tok.raw))
        term.candidates = [c for c in candidates(index, term) if c.tier != "prefix"]
        head_terms.append(term)
        head_docs.append(_named(index, term))
    # bit i of heads[d]: document d has earlier word i in its name; set once here, not
    # once per completion (a common earlier word names a million documents at 10M)
    heads, every = s.terms, (1 << len(head_docs)) - 1
    for i, lists in enumerate(head_docs):
        for plist in lists:
            kernels.mark_named(np.frombuffer(plist, dtype=np.uint32), heads, 1 << i)
    try:
        return _suggest(index, derived, s, head_terms, head_docs, last, kind_ok, limit, every)
    finally:
        for lists in head_docs:
            for plist in lists:
                kernels.mark_named(np.frombuffer(plist, dtype=np.uint32), heads, 0)


def _suggest(index, derived, s: Scratch, head_terms: list[Term],
             head_docs: list[list], last, kind_ok: np.ndarray, limit: int,
             every: int) -> list[Suggestion]:
    docs = index.docs
    alive, kinds, heads = docs.view("alive"), docs.view("kind"), s.terms

    if last is None:  # every word complete: names holding all of them
        parts = s.unique([_docs(p) for p in head_docs[0]] if head_docs else [], docs.n)
        ok = alive[parts] & kind_ok[kinds[parts]]
        if every:
            ok &= (heads[parts] | heads[derived.up[parts]]) == every
        picked = parts[ok]
        if picked.size > BUDGET * limit:
            picked = picked[np.argpartition(-derived.boost[picked], BUDGET * limit)
                            [: BUDGET * limit]]
        return _finish(index, picked, derived.boost[picked], head_terms, None, limit)
    words = {last.raw, canonical(last.raw)}
    completions = sorted({t for w in words for t in index.vocab.prefixed(w, limit=MAX_TOKENS)}
                         | {w for w in words if index.has(w)},
                         key=lambda t: (len(t), t))[:MAX_TOKENS]
    picked_docs, picked_scores = [], []
    gathered = 0
    for tok in completions:
        plist = index.postings.get(tok)
        if not plist:
            continue
        whole = 0.5 if tok in words else 0.0
        d, score = kernels.complete(np.frombuffer(plist, dtype=np.uint32), alive, kinds,
                                    kind_ok, heads, derived.up, derived.boost, TOP_BOOST,
                                    docs.view("name_code"), s.pos, every, whole,
                                    0.02 * (len(tok) - len(last.raw)), NAMES * limit)
        if not d.size:
            continue
        picked_docs.append(d)
        picked_scores.append(score)
        gathered += d.size
        if gathered >= NAMES * limit:
            break
    if not picked_docs:
        return []
    return _finish(index, np.concatenate(picked_docs), np.concatenate(picked_scores),
                   head_terms, last.raw, limit)


def _finish(index, docs_: np.ndarray, scores: np.ndarray, head: list[Term],
            typed: str | None, limit: int) -> list[Suggestion]:
    """Best first, one per (kind, name), names shorter first among equals."""
    docs = index.docs
    if not docs_.size:
        return []
    order = np.lexsort((docs_, -scores))
    docs_, scores = docs_[order], scores[order]
    key = docs.view("kind")[docs_].astype(np.int64) << 32 | docs.view("name_code")[docs_]
    _, first = np.unique(key, return_index=True)
    first.sort()
    out = []
    for i in first[: limit * 4]:
        d = int(docs_[i])
        name = docs.names[d] or ""
        out.append(Suggestion(d, name, _highlight(name, head, typed),
                              float(scores[i]) - 0.001 * len(name)))
    out.sort(key=lambda s: (-s.score, s.text))
    return out[:limit]


def _highlight(name: str, head: list[Term], typed: str | None) -> str:
    head_tokens = {c.token for t in head for c in t.candidates}
    parts, pos = [], 0
    for tok in spans(name):
        if tok.text in head_tokens:
            end = tok.end
        elif typed and (tok.raw.startswith(typed) or tok.text.startswith(canonical(typed))):
            end = tok.start + min(len(typed), tok.end - tok.start)
        else:
            continue
        parts += [html.escape(name[pos:tok.start]), f"<em>{html.escape(name[tok.start:end])}</em>"]
        pos = end
    parts.append(html.escape(name[pos:]))
    return "".join(parts)
