"""complianceReport and governancePolicies: the findings the last evaluation kept, and the
policies that apply to a domain."""

from __future__ import annotations

import asyncio

import strawberry

from catalog.api.graphql.arguments import argument_paths
from catalog.api.graphql.context import Context
from catalog.api.graphql.types.governance import ComplianceReport, GovernancePolicy
from catalog.governance.service import GovernanceService


@strawberry.type
class GovernanceQueries:
    @strawberry.field(description="The governance findings of one domain (id or name), or "
                                  "the whole catalog when none is given: open ones with "
                                  "their layer and remedy, those fixed within sinceDays, "
                                  "policies refused at load, and the trend.")
    async def compliance_report(self, info: strawberry.Info[Context, None],
                                domain: strawberry.ID | None = None,
                                since_days: float = 7.0,
                                findings_per_policy: int = 1000) -> ComplianceReport:
        svc = GovernanceService(info.context.store, info.context.settings)
        with argument_paths(per_policy="findingsPerPolicy"):
            report = await asyncio.to_thread(svc.report, str(domain) if domain else None,
                                             since_days=since_days,
                                             per_policy=findings_per_policy)
        return ComplianceReport.of(report)

    @strawberry.field(description="The policies that apply in a domain (global ones it "
                                  "does not replace, and its own), or all of them.")
    async def governance_policies(self, info: strawberry.Info[Context, None],
                                  domain: strawberry.ID | None = None
                                  ) -> list[GovernancePolicy]:
        svc = GovernanceService(info.context.store, info.context.settings)
        policies = await asyncio.to_thread(svc.policies, str(domain) if domain else None)
        return [GovernancePolicy.of(p) for p in policies]
