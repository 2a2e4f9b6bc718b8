"""Stewardship mutations: classification decisions, tags, owners, descriptions, and runs.

Thin: each resolver builds items, calls one service method in a thread, maps the result.
Every mutation needs a token with the steward role; who acts (decided_by, closed_by) is
the token's name, through the context.
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence

import strawberry

from catalog.api.graphql.arguments import argument_paths
from catalog.api.graphql.context import Context
from catalog.api.graphql.permissions import IsAdmin, IsSteward
from catalog.api.graphql.types.classification import ClassificationAssignment
from catalog.api.graphql.types.classification_run import ClassificationRun, PropagationRun
from catalog.api.graphql.types.domain import Domain
from catalog.api.graphql.types.node import Node, to_node
from catalog.audit import record_now
from catalog.classification.service import ClassificationService
from catalog.stewardship import (
    ClassificationItem,
    DescriptionItem,
    OwnerItem,
    StewardshipService,
    TagItem,
)
from graph.errors import InvalidInput

Info = strawberry.Info[Context, None]
MAX_BATCH = 1000


@strawberry.input(description="A classification (info type name, e.g. PII.Email) on a "
                              "column or dataset.")
class ClassificationDecisionInput:
    subject_id: strawberry.ID
    classification: str


@strawberry.input
class TagInput:
    subject_id: strawberry.ID
    tag: str


@strawberry.input
class OwnerInput:
    subject_id: strawberry.ID
    owner: str = strawberry.field(description="The owner's name (a team or a user).")
    owner_type: str = strawberry.field(default="team", description="team or user")
    role: str = "owner"


@strawberry.input
class DescriptionInput:
    subject_id: strawberry.ID
    description: str


@strawberry.input(description="Which datasets to classify: ids, a domain, or all.")
class ClassifyInput:
    dataset_ids: list[strawberry.ID] | None = None
    domain: strawberry.ID | None = None
    all: bool = False
    force: bool = strawberry.field(default=False, description="Also re-suggest what "
                                   "stewards rejected (accepted ones stay).")


def _batch(inputs: Sequence[object]) -> None:
    if not 0 < len(inputs) <= MAX_BATCH:
        raise InvalidInput("inputs", f"must hold 1 to {MAX_BATCH} items, got {len(inputs)}")


def _stewardship(info: Info) -> StewardshipService:
    return StewardshipService(info.context.store, info.context.settings)


def _items_at(path: str):
    """The service's `items[k].field` as `input.field` (one item) or `inputs[k].field`."""
    return argument_paths(single=path == "input", items=path)


def steward(description: str | None = None):
    """A mutation that needs a token with the steward role."""
    return strawberry.mutation(permission_classes=[IsSteward], description=description)


async def _decide(info: Info, inputs: Sequence[ClassificationDecisionInput], status: str,
                  path: str, require_existing: bool = False) -> list[ClassificationAssignment]:
    _batch(inputs)
    items = [ClassificationItem(str(i.subject_id), i.classification) for i in inputs]
    with _items_at(path):
        out = await asyncio.to_thread(_stewardship(info).decide, items, status,
                                      info.context.actor, require_existing=require_existing)
    return [ClassificationAssignment.from_edge(r["edge"], r["node"], r["subject"]) for r in out]


async def _subjects(info: Info, subject_ids: list[str]) -> list[Node]:
    rows = await asyncio.to_thread(info.context.browse.nodes, subject_ids)
    return [to_node(rows[s]) for s in subject_ids]


def _tags(inputs: Sequence[TagInput]) -> list[TagItem]:
    return [TagItem(str(i.subject_id), i.tag) for i in inputs]


def _owners(inputs: Sequence[OwnerInput]) -> list[OwnerItem]:
    return [OwnerItem(str(i.subject_id), i.owner, i.owner_type, i.role) for i in inputs]


def _descriptions(inputs: Sequence[DescriptionInput]) -> list[DescriptionItem]:
    return [DescriptionItem(str(i.subject_id), i.description) for i in inputs]


async def _apply(info: Info, method: str, items: list, path: str) -> list[Node]:
    """Run one StewardshipService method on `items` and answer the subjects, re-read."""
    _batch(items)
    with _items_at(path):
        done = await asyncio.to_thread(getattr(_stewardship(info), method), items,
                                       info.context.actor)
    return await _subjects(info, done)


async def _classify(info: Info, input: ClassifyInput) -> ClassificationRun:
    svc = ClassificationService(info.context.store, info.context.settings)

    def run():
        ids = svc.resolve([str(i) for i in input.dataset_ids or []],
                          str(input.domain) if input.domain else None, input.all)
        return svc.classify_datasets(ids, force=input.force)

    summary = await asyncio.to_thread(run)
    await asyncio.to_thread(record_now, info.context.store, info.context.actor,
                            "classifyDatasets", str(input.domain) if input.domain else None,
                            after=summary, detail={"datasetIds": [str(i) for i in
                                                                  input.dataset_ids or []],
                                                   "all": input.all, "force": input.force})
    return ClassificationRun.of(summary, svc.classifier.version)


Assignment = ClassificationAssignment
Decisions = list[ClassificationDecisionInput]


@strawberry.type
class StewardshipMutations:
    # -- classification decisions -------------------------------------------------------
    @steward("Accept a classification a run suggested.")
    async def accept_classification(self, info: Info, input: ClassificationDecisionInput
                                    ) -> Assignment:
        return (await _decide(info, [input], "accepted", "input", True))[0]

    @steward()
    async def accept_classifications(self, info: Info, inputs: Decisions) -> list[Assignment]:
        return await _decide(info, inputs, "accepted", "inputs", True)

    @steward("Reject a classification: no later run suggests it again on this subject "
             "unless forced.")
    async def reject_classification(self, info: Info, input: ClassificationDecisionInput
                                    ) -> Assignment:
        return (await _decide(info, [input], "rejected", "input"))[0]

    @steward()
    async def reject_classifications(self, info: Info, inputs: Decisions) -> list[Assignment]:
        return await _decide(info, inputs, "rejected", "inputs")

    @steward("Classify a column or dataset by hand (accepted).")
    async def set_classification(self, info: Info, input: ClassificationDecisionInput
                                 ) -> Assignment:
        return (await _decide(info, [input], "accepted", "input"))[0]

    @steward()
    async def set_classifications(self, info: Info, inputs: Decisions) -> list[Assignment]:
        return await _decide(info, inputs, "accepted", "inputs")

    # -- tags, owners, descriptions -------------------------------------------------------
    @steward()
    async def add_tag(self, info: Info, input: TagInput) -> Node:
        return (await _apply(info, "add_tags", _tags([input]), "input"))[0]

    @steward()
    async def add_tags(self, info: Info, inputs: list[TagInput]) -> list[Node]:
        return await _apply(info, "add_tags", _tags(inputs), "inputs")

    @steward("Remove a tag (the edge is closed, not deleted).")
    async def remove_tag(self, info: Info, input: TagInput) -> Node:
        return (await _apply(info, "remove_tags", _tags([input]), "input"))[0]

    @steward()
    async def remove_tags(self, info: Info, inputs: list[TagInput]) -> list[Node]:
        return await _apply(info, "remove_tags", _tags(inputs), "inputs")

    @steward("Make someone the owner in a role; whoever held that role is closed.")
    async def set_owner(self, info: Info, input: OwnerInput) -> Node:
        return (await _apply(info, "set_owners", _owners([input]), "input"))[0]

    @steward()
    async def set_owners(self, info: Info, inputs: list[OwnerInput]) -> list[Node]:
        return await _apply(info, "set_owners", _owners(inputs), "inputs")

    @strawberry.mutation(permission_classes=[IsAdmin], description=(
        "Name a domain's stewards (teams or users; a name with @ is a user), replacing the "
        "earlier ones: they decide access requests for the domain's products. Admins only."))
    async def set_domain_stewards(self, info: Info, domain_id: strawberry.ID,
                                  stewards: list[str]) -> Domain:
        if len(stewards) > MAX_BATCH:
            raise InvalidInput("stewards", f"must hold at most {MAX_BATCH} names")
        with argument_paths():
            await asyncio.to_thread(_stewardship(info).set_domain_stewards, str(domain_id),
                                    stewards, info.context.actor)
        rows = await asyncio.to_thread(info.context.browse.nodes, [str(domain_id)])
        return Domain.from_node(rows[str(domain_id)])

    @steward("A steward's description; harvests do not overwrite it.")
    async def set_description(self, info: Info, input: DescriptionInput) -> Node:
        return (await _apply(info, "set_descriptions", _descriptions([input]), "input"))[0]

    @steward()
    async def set_descriptions(self, info: Info, inputs: list[DescriptionInput]) -> list[Node]:
        return await _apply(info, "set_descriptions", _descriptions(inputs), "inputs")

    # -- runs ------------------------------------------------------------------------------
    @steward("Classify one dataset's columns by name now.")
    async def classify_dataset(self, info: Info, id: strawberry.ID,
                               force: bool = False) -> ClassificationRun:
        return await _classify(info, ClassifyInput(dataset_ids=[id], force=force))

    @steward("Classify datasets by id, by domain or all, by name.")
    async def classify_datasets(self, info: Info, input: ClassifyInput) -> ClassificationRun:
        return await _classify(info, input)

    @steward("Recompute propagation along column lineage.")
    async def propagate_classifications(self, info: Info) -> PropagationRun:
        svc = ClassificationService(info.context.store, info.context.settings)
        counts = await asyncio.to_thread(svc.propagate)
        await asyncio.to_thread(record_now, info.context.store, info.context.actor,
                                "propagateClassifications", None, after=counts)
        return PropagationRun.of(counts)
