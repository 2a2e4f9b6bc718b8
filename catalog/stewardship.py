"""Stewardship: a person's decisions on classifications, tags, owners and descriptions.

Every decision records who (`decided_by`) and when (`decided_at`). Nothing is deleted: a
removed tag or a replaced owner is closed (`valid_to`, `closed_by`), a rejected
classification keeps its edge with status `rejected` so no later run suggests it again.
A batch is one transaction: all of it or none of it. Classification decisions re-run
propagation, so downstream columns follow the steward.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from catalog import ids
from catalog.classification.decisions import REJECTED, SOURCE_MANUAL
from catalog.classification.service import classification_rows
from catalog.settings import Settings
from graph import GraphStore, Label, Rel
from graph import classification as gc
from graph.cypher import cypher
from graph.errors import GraphError, InvalidInput, NotFound
from graph.labels import label_of
from graph.tx import StoreTx

ACCEPTED = "accepted"
_NAME = re.compile(r"^[A-Za-z0-9][\w.:/ -]{0,127}$")
OWNER_TYPES = ("team", "user")
ANONYMOUS = "anonymous"


class NotClassified(GraphError, LookupError):
    """Accepting a classification the subject does not carry."""

    code = "NOT_FOUND"

    def __init__(self, subject: str, classification: str, path: str):
        self.path = path
        super().__init__(f"{subject!r} carries no classification {classification!r} to "
                         "accept (setClassification adds one)")


@dataclass(frozen=True)
class ClassificationItem:
    subject: str
    classification: str


@dataclass(frozen=True)
class TagItem:
    subject: str
    tag: str


@dataclass(frozen=True)
class OwnerItem:
    subject: str
    owner: str
    owner_type: str = "team"
    role: str = "owner"


@dataclass(frozen=True)
class DescriptionItem:
    subject: str
    description: str


def at(path: str, k: int) -> str:
    """The input path of item `k`: `inputs[k]` in a batch, `input` for a single item."""
    return path if path == "input" else f"{path}[{k}]"


def _check_name(path: str, value: str, what: str) -> str:
    value = (value or "").strip()
    if not _NAME.match(value):
        raise InvalidInput(path, f"{what} {value!r} must be 1-128 letters, digits, "
                                 "'_', '.', ':', '/', '-' or spaces")
    return value


class StewardshipService:
    def __init__(self, store: GraphStore, settings: Settings | None = None, *,
                 propagate: bool = True):
        self.store = store
        self.settings = settings or Settings()
        self.propagate = propagate

    # -- helpers -------------------------------------------------------------------------
    @staticmethod
    def _require(tx: StoreTx, subjects: Sequence[str], path: str,
                 allowed: Sequence[Label] | None = None) -> None:
        """Refuse malformed ids (BAD_INPUT) and absent subjects (NOT_FOUND), by index."""
        by_label: dict[Label, list[str]] = defaultdict(list)
        for i, subject in enumerate(subjects):
            try:
                label = label_of(subject)
            except InvalidInput as exc:
                raise InvalidInput(f"{at(path, i)}.subjectId", exc.reason) from None
            if allowed is not None and label not in allowed:
                raise InvalidInput(f"{at(path, i)}.subjectId",
                                   f"{subject!r} is a {label}; expected one of "
                                   f"{', '.join(a.value for a in allowed)}")
            by_label[label].append(subject)
        found: set[str] = set()
        for label, group in by_label.items():
            found |= {r["node"]["id"] for r in tx.run(cypher("get_nodes", label=label),
                                                     ids=group)}
        for subject in subjects:
            if subject not in found:
                raise NotFound(subject)

    @staticmethod
    def _actor(actor: str | None) -> str:
        return (actor or "").strip() or ANONYMOUS

    # -- classifications -----------------------------------------------------------------
    def decide(self, items: Sequence[ClassificationItem], status: str, actor: str | None,
               path: str = "input", *, require_existing: bool = False
               ) -> list[dict[str, Any]]:
        """Accept, reject or set classifications; returns [{subject, edge, node}].

        With `require_existing` (accepting a suggestion) the classification must be on the
        subject already; otherwise a missing one is created with source `manual` (setting a
        classification by hand, or rejecting one before any run suggests it)."""
        if status not in (ACCEPTED, REJECTED):
            raise InvalidInput(f"{path}.status", f"must be accepted or rejected, got {status!r}")
        by = self._actor(actor)
        items = [ClassificationItem(i.subject, _check_name(f"{at(path, k)}.classification",
                                                           i.classification, "classification"))
                 for k, i in enumerate(items)]

        def work(tx: StoreTx) -> list[dict[str, Any]]:
            subjects = [i.subject for i in items]
            self._require(tx, subjects, path, (Label.COLUMN, Label.DATASET))
            existing = gc.edges_of(tx.run, subjects)
            to_decide, to_write = [], []
            for k, item in enumerate(items):
                edge = existing.get(item.subject, {}).get(item.classification)
                is_open = edge is not None and edge.get("valid_to") is None
                if require_existing and not is_open:
                    raise NotClassified(item.subject, item.classification,
                                        f"{at(path, k)}.classification")
                if is_open:
                    to_decide.append({"src": item.subject, "status": status, "by": by,
                                      "dst": ids.classification_id(item.classification)})
                else:
                    to_write.append({
                        "src": item.subject, "dst": ids.classification_id(item.classification),
                        "status": status, "score": 1.0, "decided_by": by, "decided_at": tx.now,
                        "reasons": [f"{status} by {by}"], "path": None, "closed_by": None,
                        "closed_reason": None, "classifier_version": None, "sampled": None})
            gc.ensure_nodes(tx, Label.CLASSIFICATION,
                            classification_rows(i.classification for i in items),
                            source=SOURCE_MANUAL)
            gc.decide(tx, to_decide)
            gc.write_edges(tx, to_write, source=SOURCE_MANUAL)
            return self._assignments(tx, items)

        out = self.store.write(work)
        self._after_classification()
        return out

    def _assignments(self, tx: StoreTx, items: Sequence[ClassificationItem]
                     ) -> list[dict[str, Any]]:
        edges = gc.edges_of(tx.run, [i.subject for i in items])
        nodes = {r["node"]["id"]: r["node"] for r in tx.run(
            cypher("get_nodes", label=Label.CLASSIFICATION),
            ids=[ids.classification_id(i.classification) for i in items])}
        return [{"subject": i.subject, "edge": edges[i.subject][i.classification],
                 "node": nodes[ids.classification_id(i.classification)]} for i in items]

    def _after_classification(self) -> None:
        if self.propagate:
            from catalog.classification.propagation import Propagator

            Propagator(self.store, self.settings).run()

    # -- tags ----------------------------------------------------------------------------
    def add_tags(self, items: Sequence[TagItem], actor: str | None, path: str = "input"
                 ) -> list[str]:
        by = self._actor(actor)
        tags = [_check_name(f"{at(path, k)}.tag", i.tag, "tag") for k, i in enumerate(items)]

        def work(tx: StoreTx) -> list[str]:
            self._require(tx, [i.subject for i in items], path)
            gc.ensure_nodes(tx, Label.TAG, [{"id": ids.tag_id(t), "name": t}
                                            for t in dict.fromkeys(tags)], source=SOURCE_MANUAL)
            tx.upsert_edges(Rel.TAGGED, [
                {"src": i.subject, "dst": ids.tag_id(t), "decided_by": by, "decided_at": tx.now,
                 "closed_by": None} for i, t in zip(items, tags, strict=True)],
                source=SOURCE_MANUAL)
            return [i.subject for i in items]

        return self.store.write(work)

    def remove_tags(self, items: Sequence[TagItem], actor: str | None, path: str = "input"
                    ) -> list[str]:
        by = self._actor(actor)
        tags = [_check_name(f"{at(path, k)}.tag", i.tag, "tag") for k, i in enumerate(items)]

        def work(tx: StoreTx) -> list[str]:
            self._require(tx, [i.subject for i in items], path)
            gc.close_edges(tx, Rel.TAGGED, Label.TAG, [
                {"src": i.subject, "dst": ids.tag_id(t), "by": by, "reason": "removed"}
                for i, t in zip(items, tags, strict=True)])
            return [i.subject for i in items]

        return self.store.write(work)

    # -- owners --------------------------------------------------------------------------
    def set_owners(self, items: Sequence[OwnerItem], actor: str | None, path: str = "input"
                   ) -> list[str]:
        """Make `owner` the subject's owner in `role`, closing whoever held that role."""
        by = self._actor(actor)
        for k, i in enumerate(items):
            _check_name(f"{at(path, k)}.owner", i.owner, "owner")
            _check_name(f"{at(path, k)}.role", i.role, "role")
            if i.owner_type not in OWNER_TYPES:
                raise InvalidInput(f"{at(path, k)}.ownerType",
                                   f"must be one of {', '.join(OWNER_TYPES)}")

        def work(tx: StoreTx) -> list[str]:
            self._require(tx, [i.subject for i in items], path)
            owners = {ids.owner_id(i.owner.strip(), i.owner_type):
                      {"name": i.owner.strip(), "type": i.owner_type} for i in items}
            gc.ensure_nodes(tx, Label.OWNER, [{"id": k, **v} for k, v in owners.items()],
                            source=SOURCE_MANUAL)
            closes, rows = [], []
            for i in items:
                oid = ids.owner_id(i.owner.strip(), i.owner_type)
                stmt = cypher("stw_owners_with_role", src=label_of(i.subject),
                              rel=Rel.OWNED_BY, dst=Label.OWNER)
                for rec in tx.run(stmt, id=i.subject, role=i.role.strip()):
                    if rec["owner"] != oid:
                        closes.append({"src": i.subject, "dst": rec["owner"], "by": by,
                                       "reason": f"replaced by {oid}"})
                rows.append({"src": i.subject, "dst": oid, "role": i.role.strip(),
                             "decided_by": by, "decided_at": tx.now, "closed_by": None})
            if closes:
                gc.close_edges(tx, Rel.OWNED_BY, Label.OWNER, closes)
            tx.upsert_edges(Rel.OWNED_BY, rows, source=SOURCE_MANUAL)
            return [i.subject for i in items]

        return self.store.write(work)

    # -- descriptions ----------------------------------------------------------------------
    def set_descriptions(self, items: Sequence[DescriptionItem], actor: str | None,
                         path: str = "input") -> list[str]:
        by = self._actor(actor)
        for k, i in enumerate(items):
            if not isinstance(i.description, str) or len(i.description) > 20_000:
                raise InvalidInput(f"{at(path, k)}.description", "must be text of at most "
                                                               "20000 characters")

        def work(tx: StoreTx) -> list[str]:
            self._require(tx, [i.subject for i in items], path)
            for i in items:
                tx.run(cypher("stw_set_description", label=label_of(i.subject)), id=i.subject,
                       description=i.description.strip() or None, by=by, now=tx.now)
            return [i.subject for i in items]

        return self.store.write(work)
