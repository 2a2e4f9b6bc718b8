"""Governance mutations: a domain's own policies (its owners or an admin), and running
the evaluation now (stewards). Each is audited by the service."""

from __future__ import annotations

import asyncio

import strawberry

from catalog.api.graphql.arguments import argument_paths
from catalog.api.graphql.context import Context
from catalog.api.graphql.errors import CatalogGraphQLError
from catalog.api.graphql.permissions import IsSteward
from catalog.api.graphql.types.governance import (
    GovernanceEvaluation,
    GovernancePolicy,
    PolicyProblem,
)
from catalog.governance.errors import PolicyRefused
from catalog.governance.service import GovernanceService

Info = strawberry.Info[Context, None]


def _service(info: Info) -> GovernanceService:
    return GovernanceService(info.context.store, info.context.settings)


def _refused(exc: PolicyRefused) -> CatalogGraphQLError:
    return CatalogGraphQLError(str(exc), PolicyRefused.code, field="policy",
                               problems=[{"origin": p.origin, "line": p.line,
                                          "policy": p.policy, "message": p.message}
                                         for p in exc.problems])


@strawberry.type
class GovernanceMutations:
    @strawberry.mutation(permission_classes=[IsSteward],
                         description="Add or replace one of a domain's policies (YAML of one "
                                     "policy, as in a policy file). Only the domain's owners "
                                     "or an admin; refused (POLICY_REFUSED) when it does not "
                                     "load or would redefine a global policy of severity "
                                     "error.")
    async def set_domain_policy(self, info: Info, domain: strawberry.ID,
                                policy: str) -> GovernancePolicy:
        try:
            with argument_paths():
                got = await asyncio.to_thread(_service(info).set_domain_policy, str(domain),
                                              policy, info.context.actor)
        except PolicyRefused as exc:
            raise _refused(exc) from None
        return GovernancePolicy.of(got)

    @strawberry.mutation(permission_classes=[IsSteward],
                         description="Remove one of a domain's policies; false when it had "
                                     "none with this id.")
    async def remove_domain_policy(self, info: Info, domain: strawberry.ID,
                                   id: str) -> bool:
        return await asyncio.to_thread(_service(info).remove_domain_policy, str(domain), id,
                                       info.context.actor)

    @strawberry.mutation(permission_classes=[IsSteward],
                         description="Evaluate every policy now and keep the findings (the "
                                     "server also does after writes and on a schedule).")
    async def evaluate_policies(self, info: Info) -> GovernanceEvaluation:
        book, result = await asyncio.to_thread(_service(info).evaluate, "api",
                                               actor=info.context.actor)
        return GovernanceEvaluation(findings=len(result.findings), subjects=result.subjects,
                                    seconds=round(result.seconds, 3),
                                    problems=[PolicyProblem.of(p) for p in book.problems])
