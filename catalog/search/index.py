"""The in-memory search index: postings per canonical token, kept in step with the graph.

A posting is `doc << SHIFT | fields`, the bit set of fields of that document holding the
token, so a document appears once per token and a query reads one array per token. Tokens of
tags and classifications have postings of their own (`tag_postings`): tagging a column then
appends to a short list instead of rewriting its entry in the long list of its name token. Writes
arrive as the store's committed changes (`apply`), or as rows paged from the store at start-up
(`catalog.search.build`); both go through `upsert_node` / `upsert_edge`.
"""

from __future__ import annotations

import threading
from array import array
from collections.abc import Mapping
from functools import lru_cache
from typing import Any

from catalog.search.compound import core_count, name_joins, name_parts, split_form
from catalog.search.derived_log import DerivedLog
from catalog.search.docs import KIND_OF_LABEL, Attr, Docs
from catalog.search.fuzzy import Vocabulary
from catalog.search.keyset import KeySet
from catalog.search.tokenize import short_name, tokens
from graph.errors import InvalidInput
from graph.labels import Label, Rel, label_of
from graph.tx import Changes

# Field bits of a posting: NAME holds the last dotted part of a name (the table in
# db.schema.table), QUALIFIER the parts before it, FIRST marks the first token of NAME;
# JOINED marks a word two parts of NAME spell together (`thumbnail` of ThumbNailPhoto), so
# a term matching it stands for two of the name's words when ranking counts them.
NAME, FIRST, DESCRIPTION, TAGS, NAMESPACE, QUALIFIER, JOINED = 1, 2, 4, 8, 16, 32, 64
NAMED = NAME | QUALIFIER
SHIFT = 7
# lineage degree (a boost) of datasets and jobs; a column counts its dataset's
LINEAGE = {Rel.FEEDS: 0, Rel.READS: 1, Rel.WRITES: 2}
PARENT_RELS = (Rel.HAS_COLUMN, Rel.CONTAINS, Rel.HAS_PRODUCT)
LABELLED = {Label.TAG, Label.CLASSIFICATION, Label.OWNER}
MAX_SHARED_TERMS = 1 << 16  # distinct (name, description, namespace) whose terms are kept


def _platform_of(namespace: str | None) -> str | None:
    """`postgres://host:5432` -> postgres (OpenLineage namespaces start with the scheme)."""
    if namespace and "://" in namespace:
        return namespace.split("://", 1)[0]
    return None


@lru_cache(maxsize=1 << 16)
def _name_counts(name: str) -> tuple[int, int, int]:
    """Distinct tokens of a name and of its last dotted part (for the exact-name tier),
    run-together tokens counted as their parts (`INVOICEDATE` is two words), and of the
    last part without a table-alias prefix (`compound.core_count`)."""
    short = short_name(name)
    return (min(len(set(split_form(name))), 255), min(len(set(split_form(short))), 255),
            min(core_count(short), 255))


class SearchIndex:
    def __init__(self) -> None:
        self.lock = threading.RLock()
        self.docs = Docs()
        self.vocab = Vocabulary()
        self.postings: dict[str, array] = {}      # name, description, namespace
        self.tag_postings: dict[str, array] = {}  # tags and classifications
        self.tags, self.classes, self.owners = Attr(), Attr(), Attr()
        self.labels: dict[str, str] = {}  # tag / classification / owner id -> its name
        self.synonyms: dict[str, set[str]] = {}  # canonical token -> tag-name tokens
        self._tag_synonyms: dict[str, tuple[str, ...]] = {}
        self._rejected: set[tuple[int, str]] = set()
        self._lineage = KeySet()  # (rel, source, target) of each lineage edge counted
        self.children: dict[int, array] = {}  # the inverse of docs.parent
        # query word -> its split (catalog.search.query), valid while the vocabulary's
        # size stays query_splits_size
        self.query_splits: dict[str, tuple[str, ...]] = {}
        self.query_splits_size = 0
        # moves when what the derived arrays read changes (documents, parents, platforms,
        # liveness, descriptions present, tags, owners, lineage): not on a re-harvest that
        # writes the same facts again, so queries keep their cached arrays
        self.version = 0
        self.derived_log = DerivedLog()  # which documents each version touched
        self._terms: dict[tuple, dict[str, int]] = {}  # (name, desc, namespace) -> terms

    # -- the write path -------------------------------------------------------------------
    def apply(self, changes: Changes) -> None:
        """Fold one committed transaction into the index (a store listener)."""
        with self.lock:
            for label, rows in changes.nodes.items():
                for row in rows:
                    self.upsert_node(label, row)
            for rel, rows in changes.edges.items():
                for row in rows:
                    self.upsert_edge(rel, row)
            for label, ids in changes.closed.items():
                for node_id in ids:
                    self.close_node(label, node_id)
            for rel, pairs in changes.closed_edges.items():
                for row in pairs:
                    self.close_edge(rel, row["src"], row["dst"])

    def upsert_node(self, label: Label, row: Mapping[str, Any]) -> int | None:
        """Merge the properties present in `row` (an upsert writes only what it names);
        the node's document, if it has one."""
        with self.lock:
            kind = KIND_OF_LABEL.get(label)
            if kind is None:
                if label in LABELLED:
                    self._upsert_labelled(label, row)
                return None
            docs = self.docs
            d = docs.get(row["id"])
            if d is None:
                d, old = docs.add(row["id"], kind), None
                self._changed(d)
            else:
                old = self._text_terms(d)
            if "name" in row or ("path" in row and docs.names[d] is None):
                name = row.get("name") or row.get("path")
                docs.set_name(d, name)
                docs.n_full[d], docs.n_short[d], docs.n_core[d] = _name_counts(name or "")
            if "description" in row:
                docs.descs[d] = row["description"] or None
                if docs.has_desc[d] != bool(row["description"]):
                    docs.has_desc[d] = bool(row["description"])
                    self._changed(d)
            if "namespace" in row:
                docs.namespaces[d] = docs.intern(row["namespace"])
            if "platform" in row or "namespace" in row:
                platform = row.get("platform")
                if not platform and docs.platform[d] >= 0:
                    platform = docs.platforms[docs.platform[d]]
                code = docs.platform_code(platform or _platform_of(docs.namespaces[d]))
                if docs.platform[d] != code:
                    docs.platform[d] = code
                    self._changed(d)
            if not docs.alive[d]:
                docs.alive[d] = True
                self._changed()  # liveness is read by queries, not derived
            self._repost(self.postings, d, old or {}, self._text_terms(d))
            return d

    def built(self) -> None:
        """The bulk build is over: drop what only it reuses (the shared terms)."""
        with self.lock:
            self._terms.clear()

    def adopt(self, child: int, parent: int) -> None:
        """A parent edge (HAS_COLUMN, ...) between two documents at hand: upsert_edge
        without looking either up by id (the build adds a dataset's columns so)."""
        with self.lock:
            self._set_parent(child, parent)

    def close_node(self, label: Label, node_id: str) -> None:
        with self.lock:
            d = self.docs.get(node_id)
            if d is not None and self.docs.alive[d]:
                self.docs.alive[d] = False
                self._changed()

    def upsert_edge(self, rel: Rel, row: Mapping[str, Any]) -> None:
        with self.lock:
            src, dst = row["src"], row["dst"]
            if rel in PARENT_RELS:
                child, parent = self._doc(dst), self._doc(src)
                if child is not None and parent is not None:
                    self._set_parent(child, parent)
            elif rel is Rel.TAGGED:
                self._attr(self.tags, src, dst, add=True)
            elif rel is Rel.CLASSIFIED_AS:
                d = self._doc(src)
                if d is None:
                    return
                status = row.get("status")
                if status == "rejected":
                    self._rejected.add((d, dst))
                    self._attr(self.classes, src, dst, add=False)
                elif status is not None or (d, dst) not in self._rejected:
                    self._rejected.discard((d, dst))
                    self._attr(self.classes, src, dst, add=True)
            elif rel is Rel.OWNED_BY:
                self._attr(self.owners, src, dst, add=True)
            elif rel in LINEAGE:
                self._lineage_edge(rel, src, dst, add=True)

    def close_edge(self, rel: Rel, src: str, dst: str) -> None:
        with self.lock:
            if rel in PARENT_RELS:
                child, parent = self.docs.get(dst), self.docs.get(src)
                if child is not None and parent is not None \
                        and self.docs.parent[child] == parent:
                    self._set_parent(child, -1)
            elif rel is Rel.TAGGED:
                self._attr(self.tags, src, dst, add=False)
            elif rel is Rel.CLASSIFIED_AS:
                self._attr(self.classes, src, dst, add=False)
            elif rel is Rel.OWNED_BY:
                self._attr(self.owners, src, dst, add=False)
            elif rel in LINEAGE:
                self._lineage_edge(rel, src, dst, add=False)

    # -- internals ------------------------------------------------------------------------
    def _changed(self, *touched: int) -> None:
        """A new version; `touched`: documents whose derived arrays it changes."""
        self.version += 1
        for d in touched:
            self.derived_log.doc(d, self.version)

    def _doc(self, node_id: str) -> int | None:
        """The document of `node_id`, created (not alive) when an edge names it first."""
        d = self.docs.get(node_id)
        if d is not None:
            return d
        try:
            kind = KIND_OF_LABEL.get(label_of(node_id))
        except InvalidInput:
            return None
        if kind is None:
            return None
        d = self.docs.add(node_id, kind)
        self._changed(d)
        return d

    def _set_parent(self, child: int, parent: int) -> None:
        """Move `child` under `parent` (-1: none), keeping the children lists in step."""
        old = int(self.docs.parent[child])
        if old == parent:
            return
        if old >= 0:
            self.children[old].remove(child)
        if parent >= 0:
            kids = self.children.get(parent)
            if kids is None:
                kids = self.children[parent] = array("i")
            kids.append(child)
        self.docs.parent[child] = parent
        self._changed(child)

    def _attr(self, attr: Attr, src: str, value: str, *, add: bool) -> None:
        d = self._doc(src)
        if d is None:
            return
        old = self._tag_terms(d) if attr is not self.owners else None
        changed = attr.add(d, value) if add else attr.discard(d, value)
        if not changed:
            return
        if attr is self.owners:  # what a document inherits reads whether it has owners
            self._changed(d)
            self.docs.n_owners[d] += 1 if add else -1
        else:
            self._changed()
            self._repost(self.tag_postings, d, old, self._tag_terms(d))
        name = "owners" if attr is self.owners else "tags" if attr is self.tags else "classes"
        self.derived_log.value(name, value, self.version)

    def _lineage_edge(self, rel: Rel, src: str, dst: str, *, add: bool) -> None:
        s, t = self._doc(src), self._doc(dst)
        if s is None or t is None:
            return
        key = (LINEAGE[rel] << 60) | (s << 30) | t
        if not (self._lineage.add(key) if add else self._lineage.discard(key)):
            return
        self._changed(s, t)
        step = 1 if add else -1
        self.docs.degree[s] += step
        self.docs.degree[t] += step

    def _upsert_labelled(self, label: Label, row: Mapping[str, Any]) -> None:
        node_id = row["id"]
        old = self.labels.get(node_id)
        name = row.get("name") or old or node_id.split(":", 1)[-1]
        self.labels[node_id] = name
        if label is Label.TAG and "synonyms" in row:
            self._tag_synonyms[node_id] = tuple(row["synonyms"] or ())
            self._rebuild_synonyms()
        elif label is Label.TAG and old != name and node_id in self._tag_synonyms:
            self._rebuild_synonyms()
        if old is not None and old != name and label is not Label.OWNER:
            attr = self.tags if label is Label.TAG else self.classes
            for d in list(attr.members.get(node_id, ())):
                self.labels[node_id] = old
                before = self._tag_terms(d)
                self.labels[node_id] = name
                self._repost(self.tag_postings, d, before, self._tag_terms(d))

    def _rebuild_synonyms(self) -> None:
        """Each synonym of a tag leads a query to the tag's name (and back)."""
        out: dict[str, set[str]] = {}
        for tag_id, words in self._tag_synonyms.items():
            name = tokens(self.labels.get(tag_id, tag_id.split(":", 1)[-1]))
            group = [tuple(tokens(w)) for w in words] + [tuple(name)]
            group = [g for g in group if len(g) == 1]  # one-word synonyms only
            for (word,) in group:
                out.setdefault(word, set()).update(w for (w,) in group if w != word)
        self.synonyms = out

    def has(self, token: str) -> bool:
        return token in self.postings or token in self.tag_postings

    def lists(self, token: str) -> list[array]:
        """The posting lists of `token` (text fields, then tags)."""
        return [p for p in (self.postings.get(token), self.tag_postings.get(token)) if p]

    def _text_terms(self, d: int) -> dict[str, int]:
        """token -> field bits of document `d` from its name, description and namespace
        (shared by documents with the same three: columns repeat names; read only)."""
        docs = self.docs
        key = (docs.names[d], docs.descs[d], docs.namespaces[d])
        out = self._terms.get(key)
        if out is None:
            if len(self._terms) >= MAX_SHARED_TERMS:
                self._terms.clear()
            out = self._terms[key] = _terms_of(*key)
        return out

    def _tag_terms(self, d: int) -> dict[str, int]:
        """token -> TAGS for the names of the tags and classifications of document `d`."""
        out: dict[str, int] = {}
        for value in self.tags.values(d) | self.classes.values(d):
            for t in tokens(self.labels.get(value, value.split(":", 1)[-1])):
                out[t] = TAGS
        return out

    def _repost(self, postings: dict[str, array], d: int, old: dict[str, int],
                new: dict[str, int]) -> None:
        base = d << SHIFT
        for tok, bits in old.items():
            if new.get(tok) != bits:
                postings[tok].remove(base | bits)
        for tok, bits in new.items():
            if old.get(tok) != bits:
                plist = postings.get(tok)
                if plist is None:
                    plist = postings[tok] = array("I")
                    self.vocab.add(tok)
                plist.append(base | bits)


def _terms_of(name: str | None, desc: str | None, namespace: str | None) -> dict[str, int]:
    """token -> field bits from a name, a description and a namespace."""
    out: dict[str, int] = {}
    if name:
        last = short_name(name)
        short = tokens(last)
        for t in tokens(name):
            out[t] = out.get(t, 0) | QUALIFIER
        for _, parts in name_parts(name):  # run-together tokens: their parts too
            for t in parts:
                out[t] = out.get(t, 0) | QUALIFIER
        for t in short:
            out[t] = (out.get(t, 0) & ~QUALIFIER) | NAME
        for i, parts in name_parts(last):
            for t in parts:
                out[t] = (out.get(t, 0) & ~QUALIFIER) | NAME
            if i == 0:
                out[parts[0]] |= FIRST
        for _, word in name_joins(name):  # parts of one word: the word too
            out[word] = out.get(word, 0) | QUALIFIER
        for i, word in name_joins(last):
            if word not in short:
                out[word] = (out.get(word, 0) & ~QUALIFIER) | NAME | JOINED | \
                    (FIRST if i == 0 else 0)
        if short:
            out[short[0]] |= FIRST
    for text, bit in ((desc, DESCRIPTION), (namespace, NAMESPACE)):
        if text:
            for t in tokens(text):
                out[t] = out.get(t, 0) | bit
    return out
