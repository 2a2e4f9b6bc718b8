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

from catalog.search.index import FIRST, NAME, NAMED
from catalog.search.query import FUZZY_WEIGHT, Term, candidates
from catalog.search.rank import _postings
from catalog.search.tokenize import canonical, expansion, spans

MAX_TOKENS = 200  # completions looked at, shortest first
BUDGET = 50       # candidate documents per suggestion asked for


@dataclass
class Suggestion:
    doc: int
    text: str
    highlight: str
    score: float


def _name_mask(index, term: Term, n: int) -> tuple[np.ndarray, np.ndarray]:
    """Documents with `term` in their own name, and in their own or their parent's name."""
    mask = np.zeros(n + 1, dtype=bool)
    for cand in term.candidates:
        if cand.weight < min(FUZZY_WEIGHT.values()):
            continue
        d, bits = _postings(index, cand.token)
        mask[d[(bits & NAMED) != 0]] = True
    parent = index.docs.view("parent")
    return mask[:n], mask[:n] | mask[np.where(parent >= 0, parent, n)]


def autocomplete(index, derived, text: str, eligible: np.ndarray, limit: int
                 ) -> list[Suggestion]:
    toks = spans(text)
    if not toks:
        return []
    typing = text[-1].isalnum()
    head, last = (toks[:-1], toks[-1]) if typing else (toks, None)
    n = index.docs.n
    allowed = eligible.copy()
    own = np.ones(n, dtype=bool)  # every earlier word in the document's own name
    head_terms = []
    for tok in head:
        term = Term(raw=tok.raw, text=tok.text, expanded=expansion(tok.raw))
        term.candidates = [c for c in candidates(index, term) if c.tier != "prefix"]
        in_own, in_either = _name_mask(index, term, n)
        allowed &= in_either
        own &= in_own
        head_terms.append(term)
    if last is None:  # the last word is complete: rank names holding every word
        picked = np.flatnonzero(allowed)
        if picked.size > BUDGET * limit:
            picked = picked[np.argpartition(-derived.boost[picked], BUDGET * limit)
                            [: BUDGET * limit]]
        return _finish(index, derived, picked, np.zeros(picked.size, np.float32), head_terms,
                       None, limit)
    words = {last.raw, canonical(last.raw)}
    completions = sorted({t for w in words for t in index.vocab.prefixed(w, limit=None)}
                         | {w for w in words if w in index.postings},
                         key=lambda t: (len(t), t))[:MAX_TOKENS]
    picked_docs, picked_scores = [], []
    gathered = 0
    for tok in completions:
        d, bits = _postings(index, tok)
        ok = ((bits & NAME) != 0) & allowed[d]
        d, bits = d[ok], bits[ok]
        if not d.size:
            continue
        whole = 0.5 if tok in words else 0.0
        s = (1.0 * ((bits & FIRST) != 0) + whole - 0.02 * (len(tok) - len(last.raw))
             + 1.5 * own[d] + derived.boost[d]).astype(np.float32)
        if d.size > BUDGET * limit:
            part = np.argpartition(-s, BUDGET * limit)[: BUDGET * limit]
            d, s = d[part], s[part]
        picked_docs.append(d)
        picked_scores.append(s)
        gathered += d.size
        if gathered >= BUDGET * limit:
            break
    if not picked_docs:
        return []
    return _finish(index, derived, np.concatenate(picked_docs), np.concatenate(picked_scores),
                   head_terms, last.raw, limit)


def _finish(index, derived, docs_: np.ndarray, scores: np.ndarray, head: list[Term],
            typed: str | None, limit: int) -> list[Suggestion]:
    """Best first, one per (kind, name), names shorter first among equals."""
    docs = index.docs
    if not docs_.size:
        return []
    scores = scores + derived.boost[docs_] * (typed is None)
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
