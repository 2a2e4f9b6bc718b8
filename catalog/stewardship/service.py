"""StewardshipService: a steward's decisions, each batch one transaction.

Every decision records who (`decided_by`) and when (`decided_at`). Nothing is deleted: a
removed tag or a replaced owner is closed (`valid_to`, `closed_by`), a rejected
classification keeps its edge with status `rejected` so no later run suggests it again.
A batch is one transaction: all of it or none of it. Classification decisions re-run
propagation, so downstream columns follow the steward.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from catalog import audit
from catalog.audit import Actor
from catalog.classification.decisions import REJECTED, SOURCE_MANUAL
from catalog.classification.nodes import classification_rows
from catalog.classification.propagation import Propagator
from catalog.settings import Settings
from catalog.stewardship.items import (
    ClassificationItem,
    DescriptionItem,
    NotClassified,
    OwnerItem,
    TagItem,
    at,
    check_description,
    check_name,
    check_owner,
    check_owner_name,
    owner_ref,
)
from graph import GraphStore, Label, Rel
from graph import classification as gc
from graph import stewardship as gs
from graph.errors import InvalidInput, NotFound
from graph.labels import label_of, require_id
from graph.tx import StoreTx
from identity import ids

ACCEPTED = "accepted"
STEWARD = "steward"  # the role of a domain's stewards on its OWNED_BY edges
ANONYMOUS = "anonymous"


class StewardshipService:
    def __init__(self, store: GraphStore, settings: Settings | None = None, *,
                 propagate: bool = True):
        self.store = store
        self.settings = settings or Settings()
        self.propagate = propagate

    # -- helpers -------------------------------------------------------------------------
    @staticmethod
    def _require(tx: StoreTx, subjects: Sequence[str],
                 allowed: Sequence[Label] | None = None) -> None:
        """Refuse malformed ids (BAD_INPUT) and absent subjects (NOT_FOUND), by index."""
        for i, subject in enumerate(subjects):
            try:
                label = label_of(subject)
            except InvalidInput as exc:
                raise InvalidInput(at(i, "subject"), exc.reason) from None
            if allowed is not None and label not in allowed:
                raise InvalidInput(at(i, "subject"),
                                   f"{subject!r} is a {label}; expected one of "
                                   f"{', '.join(a.value for a in allowed)}")
        found = gs.nodes(tx, subjects)
        for subject in subjects:
            if subject not in found:
                raise NotFound(subject)

    @staticmethod
    def _actor(actor: Actor | str | None) -> str:
        return Actor.of(actor).name or ANONYMOUS

    # -- classifications -----------------------------------------------------------------
    def decide(self, items: Sequence[ClassificationItem], status: str, actor: Actor | str | None, *,
               require_existing: bool = False) -> list[dict[str, Any]]:
        """Accept, reject or set classifications; returns [{subject, edge, node}].

        With `require_existing` (accepting a suggestion) the classification must be on the
        subject already; otherwise a missing one is created with source `manual` (setting a
        classification by hand, or rejecting one before any run suggests it)."""
        if status not in (ACCEPTED, REJECTED):
            raise InvalidInput("status", f"must be accepted or rejected, got {status!r}")
        by = self._actor(actor)
        items = [ClassificationItem(i.subject, check_name(at(k, "classification"),
                                                          i.classification, "classification"))
                 for k, i in enumerate(items)]

        def work(tx: StoreTx) -> list[dict[str, Any]]:
            subjects = [i.subject for i in items]
            self._require(tx, subjects, (Label.COLUMN, Label.DATASET))
            with audit.subjects(tx, actor, f"{status}Classifications", subjects,
                                detail=[i.classification for i in items]):
                self._decide(tx, items, status, by, require_existing)
            return self._assignments(tx, items)

        out = self.store.write(work)
        if self.propagate:
            Propagator(self.store, self.settings).run()
        return out

    def _decide(self, tx: StoreTx, items: Sequence[ClassificationItem], status: str, by: str,
                require_existing: bool) -> None:
        subjects = [i.subject for i in items]
        existing = gc.edges_of(tx.run, subjects)
        to_decide, to_write = [], []
        for k, item in enumerate(items):
            edge = existing.get(item.subject, {}).get(item.classification)
            is_open = edge is not None and edge.get("valid_to") is None
            if require_existing and not is_open:
                raise NotClassified(item.subject, item.classification,
                                    at(k, "classification"))
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

    def _assignments(self, tx: StoreTx, items: Sequence[ClassificationItem]
                     ) -> list[dict[str, Any]]:
        edges = gc.edges_of(tx.run, [i.subject for i in items])
        nodes = gs.nodes(tx, [ids.classification_id(i.classification) for i in items])
        return [{"subject": i.subject, "edge": edges[i.subject][i.classification],
                 "node": nodes[ids.classification_id(i.classification)]} for i in items]

    # -- tags ----------------------------------------------------------------------------
    def add_tags(self, items: Sequence[TagItem], actor: Actor | str | None) -> list[str]:
        by = self._actor(actor)
        tags = [check_name(at(k, "tag"), i.tag, "tag") for k, i in enumerate(items)]

        def work(tx: StoreTx) -> list[str]:
            subjects = [i.subject for i in items]
            self._require(tx, subjects)
            with audit.subjects(tx, actor, "addTags", subjects, detail=tags):
                gc.ensure_nodes(tx, Label.TAG, [{"id": ids.tag_id(t), "name": t}
                                                for t in dict.fromkeys(tags)],
                                source=SOURCE_MANUAL)
                tx.upsert_edges(Rel.TAGGED, [
                    {"src": i.subject, "dst": ids.tag_id(t), "decided_by": by,
                     "decided_at": tx.now, "closed_by": None}
                    for i, t in zip(items, tags, strict=True)], source=SOURCE_MANUAL)
            return [i.subject for i in items]

        return self.store.write(work)

    def remove_tags(self, items: Sequence[TagItem], actor: Actor | str | None) -> list[str]:
        by = self._actor(actor)
        tags = [check_name(at(k, "tag"), i.tag, "tag") for k, i in enumerate(items)]

        def work(tx: StoreTx) -> list[str]:
            subjects = [i.subject for i in items]
            self._require(tx, subjects)
            with audit.subjects(tx, actor, "removeTags", subjects, detail=tags):
                gc.close_edges(tx, Rel.TAGGED, Label.TAG, [
                    {"src": i.subject, "dst": ids.tag_id(t), "by": by, "reason": "removed"}
                    for i, t in zip(items, tags, strict=True)])
            return [i.subject for i in items]

        return self.store.write(work)

    # -- owners --------------------------------------------------------------------------
    def set_owners(self, items: Sequence[OwnerItem], actor: Actor | str | None) -> list[str]:
        """Make `owner` the subject's owner in `role`, closing whoever held that role."""
        by = self._actor(actor)
        for k, i in enumerate(items):
            check_owner(k, i)

        def work(tx: StoreTx) -> list[str]:
            subjects = [i.subject for i in items]
            self._require(tx, subjects)
            with audit.subjects(tx, actor, "setOwners", subjects,
                                detail=[f"{i.owner} ({i.role})" for i in items]):
                owners = {ids.owner_id(i.owner.strip(), i.owner_type):
                          {"name": i.owner.strip(), "type": i.owner_type} for i in items}
                gc.ensure_nodes(tx, Label.OWNER, [{"id": k, **v} for k, v in owners.items()],
                                source=SOURCE_MANUAL)
                closes, rows = [], []
                for i in items:
                    oid = ids.owner_id(i.owner.strip(), i.owner_type)
                    for owner in gs.owners_with_role(tx, i.subject, i.role.strip()):
                        if owner != oid:
                            closes.append({"src": i.subject, "dst": owner, "by": by,
                                           "reason": f"replaced by {oid}"})
                    rows.append({"src": i.subject, "dst": oid, "role": i.role.strip(),
                                 "decided_by": by, "decided_at": tx.now, "closed_by": None})
                if closes:
                    gc.close_edges(tx, Rel.OWNED_BY, Label.OWNER, closes)
                tx.upsert_edges(Rel.OWNED_BY, rows, source=SOURCE_MANUAL)
            return [i.subject for i in items]

        return self.store.write(work)

    def set_domain_stewards(self, domain_id: str, stewards: Sequence[str],
                            actor: Actor | str | None) -> list[str]:
        """Name the domain's stewards (teams or users), replacing the earlier set: they
        decide access requests for the domain's products (catalog/marketplace)."""
        by = self._actor(actor)
        names = list(dict.fromkeys(check_owner_name(f"stewards[{k}]", n)
                                   for k, n in enumerate(stewards)))
        wanted = {owner_ref(n): n for n in names}

        def work(tx: StoreTx) -> list[str]:
            require_id(domain_id, Label.DOMAIN, "domain_id")
            if domain_id not in gs.nodes(tx, [domain_id]):
                raise NotFound(domain_id)
            with audit.subjects(tx, actor, "setDomainStewards", [domain_id], detail=names):
                gc.ensure_nodes(tx, Label.OWNER, [
                    {"id": ids.owner_id(n, t), "name": n, "type": t}
                    for (n, t) in wanted], source=SOURCE_MANUAL)
                keep = {ids.owner_id(n, t) for (n, t) in wanted}
                closes = [{"src": domain_id, "dst": o, "by": by, "reason": "not a steward"}
                          for o in gs.owners_with_role(tx, domain_id, STEWARD)
                          if o not in keep]
                if closes:
                    gc.close_edges(tx, Rel.OWNED_BY, Label.OWNER, closes)
                tx.upsert_edges(Rel.OWNED_BY, [
                    {"src": domain_id, "dst": o, "role": STEWARD, "decided_by": by,
                     "decided_at": tx.now, "closed_by": None} for o in sorted(keep)],
                    source=SOURCE_MANUAL)
            return names

        return self.store.write(work)

    # -- descriptions ----------------------------------------------------------------------
    def set_descriptions(self, items: Sequence[DescriptionItem], actor: Actor | str | None
                         ) -> list[str]:
        by = self._actor(actor)
        for k, i in enumerate(items):
            check_description(k, i)

        def work(tx: StoreTx) -> list[str]:
            subjects = [i.subject for i in items]
            self._require(tx, subjects)
            with audit.subjects(tx, actor, "setDescriptions", subjects):
                for i in items:
                    gs.set_description(tx, i.subject, i.description.strip() or None, by)
            return [i.subject for i in items]

        return self.store.write(work)
