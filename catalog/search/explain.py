"""Why a hit matched: the fields that matched, a highlight, and the parts of its score.

Computed for the hits of one page only, in plain Python, with the weights `rank` uses.
"""

from __future__ import annotations

import html
import math
from dataclasses import dataclass, field
from functools import lru_cache

from catalog.search import rank
from catalog.search.compound import dictionary_split, name_joins, name_parts, split_form
from catalog.search.docs import Kind
from catalog.search.query import Term
from catalog.search.tokenize import short_name, spans, tokens


@dataclass
class MatchedField:
    field: str
    value: str
    highlight: str


@dataclass
class TermMatch:
    term: str
    expanded: str | None = None
    token: str | None = None
    field: str | None = None
    tier: str | None = None
    edits: int = 0
    weight: float = 0.0
    compound: str | None = None  # a split or join made the match: how


@dataclass
class Explanation:
    score: float
    terms: list[TermMatch]
    coverage: float
    name_tier: str | None
    name_bonus: float
    boosts: dict[str, float] = field(default_factory=dict)


@lru_cache(maxsize=1 << 16)
def _name_weights(name: str, scale: float = 1.0) -> dict[str, float]:
    """Token weights of a name: its last dotted part 1, the qualifier before it .6."""
    short = short_name(name)
    out = {t: rank.FIELD_WEIGHT[rank.QUALIFIER] * scale for t in _forms(name)}
    out.update({t: rank.FIELD_WEIGHT[rank.NAME] * scale for t in _forms(short)})
    return out


@lru_cache(maxsize=1 << 16)
def _forms(name: str) -> frozenset[str]:
    """Every token a name is found by: its own, the parts of its run-together words, and
    the words its adjacent parts spell together."""
    return frozenset(tokens(name)) | frozenset(split_form(name)) | \
        frozenset(w for _, w in name_joins(name))


@lru_cache(maxsize=1 << 16)
def _split_sources(name: str) -> dict[str, str]:
    """part -> the run-together word of `name` it was split from (`price` -> EXTENDEDPRICE)."""
    toks = spans(name)
    literal = set(tokens(name))
    out = {p: f"part of {name[toks[i].start:toks[i].end]}" for i, parts in name_parts(name)
           for p in parts if p not in literal}
    for i, word in name_joins(name):
        if word not in literal:
            out[word] = f"joined from {name[toks[i].start:toks[i + 1].end]}"
    return out


@lru_cache(maxsize=1 << 16)
def flat(text: str, weight: float) -> dict[str, float]:
    return dict.fromkeys(tokens(text), weight)


def _fields(index, d: int) -> list[tuple[str, str, dict[str, float]]]:
    """(field, text, token -> weight) of everything a document is found by."""
    docs = index.docs

    out = []
    if docs.names[d]:
        out.append(("name", docs.names[d], _name_weights(docs.names[d])))
    for value in sorted(index.tags.values(d) | index.classes.values(d)):
        label = index.labels.get(value, value)
        out.append(("tags", label, flat(label, rank.FIELD_WEIGHT[rank.TAGS])))
    if docs.descs[d]:
        out.append(("description", docs.descs[d],
                    flat(docs.descs[d], rank.FIELD_WEIGHT[rank.DESCRIPTION])))
    if docs.namespaces[d]:
        out.append(("namespace", docs.namespaces[d],
                    flat(docs.namespaces[d], rank.FIELD_WEIGHT[rank.NAMESPACE])))
    kind = Kind(int(docs.kind[d]))
    p = int(docs.parent[d])
    if p >= 0 and kind in rank.CONTEXT_WEIGHT and docs.names[p]:
        out.append((rank.CONTEXT_FIELD[kind], docs.names[p],
                    _name_weights(docs.names[p], rank.CONTEXT_WEIGHT[kind])))
    if kind is Kind.DATASET:
        for c in index.children.get(d, ()):
            if docs.alive[c] and docs.names[c]:
                out.append(("columns", docs.names[c],
                            _name_weights(docs.names[c], rank.COLUMNS_WEIGHT)))
    return out


def highlight(text: str, matched: set[str] | frozenset[str]) -> str:
    """`text` with the identifier parts whose token matched wrapped in <em>."""
    parts, pos = [], 0
    toks = spans(text)
    joined = {j for i, word in name_joins(text) if word in matched for j in (i, i + 1)}
    for n, tok in enumerate(toks):
        if tok.text in matched or n in joined or matched.intersection(dictionary_split(tok.raw)):
            parts.append(html.escape(text[pos:tok.start]))
            parts.append(f"<em>{html.escape(text[tok.start:tok.end])}</em>")
            pos = tok.end
    parts.append(html.escape(text[pos:]))
    return "".join(parts).replace("</em><em>", "")


def explain(index, d: int, terms: list[Term], score: float
            ) -> tuple[list[MatchedField], str | None, Explanation]:
    """Matched fields, the highlight of the best one, and the explanation of hit `d`."""
    fields = _fields(index, d)
    matches: list[TermMatch] = []
    hit_tokens: set[str] = set()
    for term in terms:
        best = TermMatch(term=term.raw, expanded=term.expanded, compound=term.compound)
        for cand in term.candidates:
            for name, text, weights in fields:
                if cand.token in weights:
                    hit_tokens.add(cand.token)
                    weight = cand.weight * weights[cand.token]
                    if weight > best.weight:
                        how = term.compound
                        source = (_split_sources(text).get(cand.token)
                                  if name not in ("tags", "description", "namespace") else None)
                        if source:
                            how = f"{how}; {source}" if how else source
                        best = TermMatch(term.raw, term.expanded, cand.token, name, cand.tier,
                                         cand.edits, round(weight, 4), how)
        matches.append(best)
    matched_fields = []
    for name, text, weights in fields:
        if hit_tokens.intersection(weights):
            matched_fields.append(MatchedField(name, text, highlight(text, hit_tokens)))
    n = len(terms)
    covered = sum(1 for m in matches if m.token)
    coverage = (covered / n) ** 2 if n else 0.0
    tier, bonus = _name_tier(index, d, terms)
    expl = Explanation(score=round(score, 4), terms=matches, coverage=round(coverage, 4),
                       name_tier=tier, name_bonus=bonus, boosts=_boosts(index, d))
    top = matched_fields[0].highlight if matched_fields else None
    return matched_fields, top, expl


def _name_tier(index, d: int, terms: list[Term]) -> tuple[str | None, float]:
    """The name bonus of `rank.name_tier`, for one document, with its name."""
    docs = index.docs
    name = docs.names[d] or ""
    full = set(_forms(name))
    literal = tokens(short_name(name)) + split_form(short_name(name))
    joined = {w for _, w in name_joins(short_name(name))} - set(literal)
    short = literal + tuple(joined)

    def best_in(t: Term, toks) -> float:
        return max((c.weight for c in t.candidates if c.token in toks), default=0.0)

    def weakest(toks) -> float:  # the weakest term's best tier weight among `toks`
        return min((best_in(t, toks) for t in terms), default=0.0)

    n = len(terms)
    firsts = {short[0], split_form(short_name(name))[0]} if short else set()
    firsts.update(w for i, w in name_joins(short_name(name)) if i == 0)
    first = max((c.weight for c in terms[0].candidates if c.token in firsts),
                default=0.0) if terms else 0.0
    # a term matching a joined word stands for two of the name's words (rank.Scorer)
    joins = sum(1 for t in terms if best_in(t, joined) and best_in(t, joined) >= best_in(
        t, set(literal)))
    same = docs.n_short[d] - joins == n or docs.n_core[d] - joins == n
    tiers = [("exact name", rank.EXACT_NAME * weakest(set(short)) * same),
             ("exact name", rank.EXACT_NAME * weakest(full) * (docs.n_full[d] - joins == n)),
             ("name prefix", rank.NAME_PREFIX * min(weakest(full), first)),
             ("all terms in name", rank.ALL_IN_NAME * weakest(full))]
    p = int(docs.parent[d])
    if Kind(int(docs.kind[d])) is Kind.COLUMN and p >= 0 and docs.names[p]:
        own = set(short)
        parent = set(_forms(docs.names[p]))
        in_own = sum(1 for t in terms if any(c.token in own for c in t.candidates))
        if in_own < n and in_own == docs.n_core[d] - joins:
            tiers.append(("column named with its dataset",
                          rank.QUALIFIED_NAME * weakest(own | parent)))
    label, bonus = max(tiers, key=lambda t: t[1])
    return (label, round(float(bonus), 4)) if bonus > 0 else (None, 0.0)


def _boosts(index, d: int) -> dict[str, float]:
    docs = index.docs
    out = {}
    if docs.has_desc[d]:
        out["documented"] = rank.BOOST_DOCUMENTED
    chain, owned = d, False
    for _ in range(4):
        if chain < 0:
            break
        owned = owned or bool(docs.n_owners[chain] > 0)
        chain = int(docs.parent[chain])
    if owned:
        out["owned"] = rank.BOOST_OWNED
    kind = Kind(int(docs.kind[d]))
    p = int(docs.parent[d])
    # a column counts the lineage of its dataset
    degree = int(docs.degree[p if kind is Kind.COLUMN and p >= 0 else d])
    if degree:
        sat = min(math.log1p(degree) / math.log1p(rank.DEGREE_SATURATION), 1.0)
        out["lineage degree"] = round(rank.BOOST_DEGREE * sat, 4)
    prior = rank.KIND_PRIOR[kind]
    if prior:
        out["kind"] = prior
    return out
