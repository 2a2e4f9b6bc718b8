"""complianceReport: governance policies checked over a domain or the whole catalog."""

from __future__ import annotations

import asyncio

import strawberry

from catalog.api.graphql.context import Context
from catalog.api.graphql.types.governance import ComplianceReport
from catalog.governance.service import GovernanceService


@strawberry.type
class GovernanceQueries:
    @strawberry.field(description="Check the governance policies over one domain (id or "
                                  "name), or the whole catalog when none is given.")
    async def compliance_report(self, info: strawberry.Info[Context, None],
                                domain: strawberry.ID | None = None) -> ComplianceReport:
        svc = GovernanceService(info.context.store, info.context.settings)
        report = await asyncio.to_thread(svc.report, str(domain) if domain else None)
        return ComplianceReport.of(report)
