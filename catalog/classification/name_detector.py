"""Info types from a column's name: normalised tokens, abbreviations, compounds, typos.

A name is split into lower-case, accent-free tokens (camelCase, snake_case, digits), each
token is expanded (abbreviations, plurals, compounds such as `creditcardnumber`, typos via
rapidfuzz), and the longest phrases of `names.yaml` are matched left to right. Leftover
tokens qualify the match: `email_verified` is a flag, not an email.
Results are cached per name: real schemas repeat their column names a lot.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml
from rapidfuzz import process
from rapidfuzz.distance import OSA

from catalog.classification.infotypes import INFO_TYPES
from catalog.classification.name_tokens import split_tokens
from catalog.search.compound import dictionary, segment

_SHORT_SEGMENTS = frozenset({"id", "no", "cc", "ip", "po", "nr", "dl", "e"})
# words too short or too common to be split out anywhere but at the start of a run-together
# name: `ageyears` is age years, `usage`, `message` and `passage` are no ages
_HEAD_ONLY = frozenset({"age", "sex", "pin", "pan", "nom", "ort", "eta", "cep", "rib", "tin",
                        "mac", "vin", "nie", "nif", "nir", "bic", "is", "at", "has", "len",
                        "ts", "enc", "key", "ref"})
_NONE: frozenset[int] = frozenset()
COMMON_PART = 6.0  # a word typed apart is two common words (`pass port`), not `cour riel`
VOCAB_COST = 3.0  # a vocabulary word costs as a very common English word when splitting
SPLIT_BIAS = 1.5  # a dictionary word is split only when its parts are about as likely


@dataclass(frozen=True)
class NameHit:
    info_type: str
    score: float
    reason: str


@dataclass(frozen=True)
class _Entry:
    info_type: str | None  # None: a blocked phrase
    score: float
    phrase: str


@dataclass(frozen=True)
class _Qualified:
    info_type: str
    bare: float
    confirmed: float
    unknown_kills: bool
    confirm: frozenset[str]
    kill: frozenset[str]


class NameDetector:
    """Matches column names against the multi-language vocabulary of `names.yaml`."""

    def __init__(self, vocab: dict[str, Any] | None = None):
        vocab = vocab or load_vocab()
        self.abbrev: dict[str, str] = vocab["abbreviations"]
        self.kill = frozenset(vocab["kill_modifiers"])
        self.weak = frozenset(vocab["weak_modifiers"])
        self.key_tokens = frozenset(vocab["key_tokens"])
        self.phrases: dict[tuple[str, ...], _Entry] = {}
        for phrase in vocab["blocked"]:
            self.phrases[self._phrase_tokens(phrase)] = _Entry(None, 0.0, phrase)
        for itype, by_score in vocab["types"].items():
            if itype not in INFO_TYPES:
                raise ValueError(f"names.yaml: unknown info type {itype!r}")
            for score, phrases in by_score.items():
                for phrase in phrases:
                    key = self._phrase_tokens(phrase)
                    self.phrases.setdefault(key, _Entry(itype, float(score), phrase))
        self.qualified: dict[str, _Qualified] = {}
        for rule in vocab["qualified"].values():
            q = _Qualified(rule["type"], rule["bare"], rule["confirmed"],
                           rule["unknown"] == "kill", frozenset(rule.get("confirm", ())),
                           frozenset(rule.get("kill", ())))
            for word in rule["words"]:
                self.qualified[word] = q
        self._qualified_words = frozenset(self.qualified)
        self.families: dict[str, frozenset[str]] = {
            k: frozenset(v) for k, v in vocab["type_families"].items()}
        self.vocab = {t for key in self.phrases for t in key} | set(self.qualified)
        self.vocab |= self.kill | self.weak
        self.count_words = frozenset(vocab["count_words"])
        self.connectives = frozenset(vocab["connectives"])
        self._segment_vocab = {t for t in self.vocab
                               if len(t) >= 3 or t in _SHORT_SEGMENTS} - _HEAD_ONLY
        confirm = {w for q in self.qualified.values() for w in q.confirm}
        self._split_vocab = {t for t in self.vocab | set(self.abbrev) | confirm if len(t) >= 2}
        dictionary()  # load the word counts now, not inside the first classification
        # typo targets: single words and the joined forms of multi-word phrases
        self._fuzzy: dict[str, tuple[str, ...]] = {}
        for word in vocab["fuzzy_targets"]:
            self._fuzzy[word] = self._expand_plain(word)
        self._fuzzy_keys = list(self._fuzzy)
        self._add_typed_apart()
        sizes: dict[str, set[int]] = {}
        for key in self.phrases:
            sizes.setdefault(key[0], set()).add(len(key))
        self._sizes = {t: tuple(sorted(v, reverse=True)) for t, v in sizes.items()}
        self.detect = lru_cache(maxsize=200_000)(self._detect)
        self._expand = lru_cache(maxsize=50_000)(self._expand_marked)

    def _add_typed_apart(self) -> None:
        """One-word phrases typed as two words (`pass port`, `birth date`) become phrases
        too: split once here with the dictionary, so matching a name costs nothing more."""
        words = dictionary()

        def cost(part: str, whole: str) -> float | None:
            c = words.get(part)
            return c if part != whole and len(part) >= 4 and c is not None \
                and c <= COMMON_PART else None

        for key, entry in list(self.phrases.items()):
            if len(key) != 1 or len(key[0]) < 8 or not key[0].isalpha():
                continue
            found = segment(key[0], lambda p, w=key[0]: cost(p, w))
            if found and len(found[0]) == 2:
                self.phrases.setdefault(found[0], entry)
                self.vocab.update(found[0])

    # -- token expansion ---------------------------------------------------------------
    def _phrase_tokens(self, phrase: str) -> tuple[str, ...]:
        out: list[str] = []
        for tok in phrase.split():
            out.extend(self._expand_plain(tok))
        return tuple(out)

    def _expand_plain(self, tok: str) -> tuple[str, ...]:
        tok = self.abbrev.get(tok, tok)
        return tuple(tok.split())

    def _segment(self, tok: str) -> tuple[str, ...] | None:
        """Split a compound (`creditcardnumber`) into vocabulary words, fewest pieces first."""
        n = len(tok)
        best: list[tuple[str, ...] | None] = [None] * (n + 1)
        best[0] = ()
        for i in range(1, n + 1):
            for j in range(max(0, i - 16), i):
                prev = best[j]
                piece = tok[j:i]
                if prev is not None and piece in self._segment_vocab and (
                        best[i] is None or len(prev) + 1 < len(best[i])):
                    best[i] = prev + (piece,)
        found = best[n]
        return found if found and len(found) > 1 else None

    def _dictionary_segment(self, tok: str) -> tuple[str, ...] | None:
        """Split a run-together name with the English word counts of `wordsegment` beside
        our own vocabulary (`ageyears`, `socsecno`, `dateofbirth`): the cheapest split that
        holds a vocabulary word and is about as likely as the whole word."""
        vocab = self._split_vocab
        if not (any(tok[:i] in vocab or tok[-i:] in vocab for i in range(3, len(tok) - 1))
                or (tok[:2] in vocab and tok[2:] in vocab)):  # `dlno`
            return None  # no vocabulary word at either end: not worth a split (most are)
        words = dictionary()

        def cost(part: str) -> float | None:
            if part in vocab:
                return min(words.get(part, VOCAB_COST), VOCAB_COST)
            if len(part) <= 3:
                return None
            return words.get(part)

        found = segment(tok, cost)
        if found is None:
            return None
        parts, total = found
        whole = words.get(tok)
        if whole is not None and total > whole + SPLIT_BIAS:
            return None
        if not any(p in vocab for p in parts):
            return None
        if whole is not None and any(p in _HEAD_ONLY for p in parts[1:]):
            return None  # `usage`, `passage`: a word, not `us age`
        return parts

    def _expand_marked(self, tok: str) -> tuple[tuple[str, ...], str | None, bool]:
        """`_expand_token`, and whether `tok` was a plural (`cards` -> card)."""
        expanded, note = self._expand_token(tok)
        return expanded, note, note is None and tok[-1:] == "s" and expanded[0] != tok

    def _expand_token(self, tok: str) -> tuple[tuple[str, ...], str | None]:
        """The tokens `tok` stands for, and a note when it was rewritten."""
        if tok in self.abbrev:
            return self._expand_plain(tok), f"{tok!r} read as {self.abbrev[tok]!r}"
        if tok in self.vocab or tok.isdigit() or len(tok) < 3:
            return (tok,), None
        for suffix, repl in (("ies", "y"), ("es", ""), ("s", "")):
            if tok.endswith(suffix) and tok[: -len(suffix)] + repl in self.vocab:
                return (tok[: -len(suffix)] + repl,), None
        if len(tok) >= 4:
            seg = (self._segment(tok) if len(tok) >= 5 else None) or \
                self._dictionary_segment(tok)
            if seg:
                parts: list[str] = []
                for piece in seg:
                    parts.extend(self._expand_plain(piece))
                return tuple(parts), f"{tok!r} read as {' '.join(seg)!r}"
        if len(tok) >= 6:
            cutoff = 2 if len(tok) >= 10 else 1
            hit = process.extractOne(tok, self._fuzzy_keys, scorer=OSA.distance,
                                     score_cutoff=cutoff)
            if hit and hit[0][0] == tok[0]:
                return self._fuzzy[hit[0]], f"{tok!r} looks like a typo of {hit[0]!r}"
        return (tok,), None

    def tokens(self, name: str) -> tuple[list[str], list[str]]:
        """Expanded tokens of `name` and the notes on how they were read."""
        toks, notes, _ = self._tokens(name)
        return toks, notes

    def _tokens(self, name: str) -> tuple[list[str], list[str], frozenset[int]]:
        """Expanded tokens, notes, and the positions of tokens written in the plural."""
        out: list[str] = []
        notes: list[str] = []
        plural: list[int] | None = None
        expand = self._expand
        for tok in split_tokens(name):
            expanded, note, plur = expand(tok)
            if plur:
                plural = plural or []
                plural.append(len(out))
            out.extend(expanded)
            if note:
                notes.append(note)
        return out, notes, frozenset(plural) if plural else _NONE

    # -- matching ----------------------------------------------------------------------
    def _counted(self, toks: list[str], consumed: list[bool], plural: frozenset[int]
                 ) -> bool:
        """Whether a count word heads the name: `number of credit cards`, `nbr_emails`
        (a count of personal data, not personal data)."""
        for i, tok in enumerate(toks):
            if consumed[i] or tok not in self.count_words:
                continue
            nxt = i + 1
            if nxt < len(toks) and toks[nxt] == "of":
                return True
            if nxt < len(toks) and consumed[nxt] and any(
                    k in plural for k in range(nxt, len(toks)) if consumed[k]):
                return True
        return False

    def _detect(self, name: str) -> tuple[NameHit, ...]:
        toks, notes, plural = self._tokens(name)
        if not toks:
            return ()
        matches: list[_Entry] = []
        consumed = [False] * len(toks)
        i, n = 0, len(toks)
        sizes, phrases = self._sizes, self.phrases
        while i < n:
            for size in sizes.get(toks[i], ()):  # longest phrase first
                if i + size > n:
                    continue
                entry = phrases.get(tuple(toks[i:i + size]))
                if entry is not None:
                    matches.append(entry)
                    for k in range(i, i + size):
                        consumed[k] = True
                    i += size
                    break
            else:
                i += 1
        if not matches and self._qualified_words.isdisjoint(toks):
            return ()
        free = [t for t, used in zip(toks, consumed, strict=True) if not used]
        leftovers = {t for t in free if not t.isdigit()}
        if "at" in leftovers and toks[-1] != "at":
            leftovers.discard("at")  # `age_at_visit`: a preposition, not `created_at`
        if leftovers & self.kill or (leftovers & self.count_words
                                     and self._counted(toks, consumed, plural)):
            return ()
        weak = bool(leftovers & self.weak)
        hits: dict[str, NameHit] = {}
        shown = name if not notes else f"{name} ({'; '.join(notes)})"
        for entry in matches:
            if entry.info_type is None:
                continue
            hits[entry.info_type] = self._better(hits.get(entry.info_type), NameHit(
                entry.info_type, entry.score,
                f"name {shown!r} matches {entry.phrase!r} ({entry.score:.2f})"))
        for idx, tok in enumerate(toks):
            q = self.qualified.get(tok)
            if q is None or consumed[idx]:
                continue
            hit = self._qualify(q, toks, consumed, idx, shown)
            if hit:
                hits[hit.info_type] = self._better(hits.get(hit.info_type), hit)
        if weak:
            hits = {k: NameHit(k, h.score * 0.6 if k != "PII.Password" else h.score,
                               h.reason + "; a hashed or masked form")
                    for k, h in hits.items()}
        return tuple(sorted(hits.values(), key=lambda h: -h.score))

    @staticmethod
    def _better(old: NameHit | None, new: NameHit) -> NameHit:
        return new if old is None or new.score > old.score else old

    def _qualify(self, q: _Qualified, toks: list[str], consumed: list[bool], idx: int,
                 shown: str) -> NameHit | None:
        join = self.connectives
        neighbours = []
        for step in (-1, 1):
            k = idx + step
            while 0 <= k < len(toks) and toks[k] in join:  # `name of customer`
                k += step
            if 0 <= k < len(toks) and not consumed[k] and not toks[k].isdigit() \
                    and toks[k] not in self.weak:
                neighbours.append(toks[k])
        others = [t for k, t in enumerate(toks) if k != idx and not consumed[k]
                  and not t.isdigit() and t not in self.weak and t not in join]
        word = toks[idx]
        if any(t in q.kill for t in others):
            return None
        if any(t in q.confirm for t in neighbours):
            return NameHit(q.info_type, q.confirmed,
                           f"name {shown!r}: {word!r} qualified by "
                           f"{next(t for t in neighbours if t in q.confirm)!r} "
                           f"({q.confirmed:.2f})")
        if others and q.unknown_kills:
            return None
        return NameHit(q.info_type, q.bare,
                       f"name {shown!r}: {word!r} alone is ambiguous ({q.bare:.2f})")

    @lru_cache(maxsize=50_000)  # noqa: B019 - one detector per process, names repeat
    def key_like(self, name: str) -> bool:
        """Whether the name reads as a key or a counter (`order_id`, `invoice_no`)."""
        return bool(set(self.tokens(name)[0]) & self.key_tokens)

    def compatible(self, info_type: str, family: str | None) -> bool:
        """Whether a column of type family `family` can hold `info_type` (unknown: yes)."""
        if family is None or family == "other":
            return True
        allowed = self.families.get(info_type)
        return allowed is None or family in allowed


@lru_cache(maxsize=1)
def load_vocab() -> dict[str, Any]:
    text = resources.files(__package__).joinpath("names.yaml").read_text()
    return yaml.safe_load(text)
