"""The compliance report of governance policies, and its parts."""

from __future__ import annotations

import strawberry

from catalog.governance.service import ComplianceReport as Report
from catalog.governance.service import PolicyResult as Result
from catalog.governance.service import Violation as Found


@strawberry.type(description="One subject that breaks one policy.")
class PolicyViolation:
    policy: str
    severity: str = strawberry.field(description="error or warning")
    subject_id: strawberry.ID
    subject_kind: str
    message: str

    @classmethod
    def of(cls, v: Found) -> PolicyViolation:
        return cls(policy=v.policy, severity=v.severity, subject_id=strawberry.ID(v.subject_id),
                   subject_kind=v.subject_kind, message=v.message)


@strawberry.type(description="One policy's outcome: how many subjects it checked, which failed.")
class PolicyOutcome:
    id: str
    description: str
    severity: str
    rule: str
    checked: int
    violations: list[PolicyViolation]

    @classmethod
    def of(cls, r: Result) -> PolicyOutcome:
        return cls(id=r.policy.id, description=r.policy.description,
                   severity=r.policy.severity, rule=r.policy.rule.type, checked=r.checked,
                   violations=[PolicyViolation.of(v) for v in r.violations])


@strawberry.type(description="Governance policies checked over a domain or the whole catalog.")
class ComplianceReport:
    domain: strawberry.ID | None
    generated_at: str
    compliant: bool = strawberry.field(description="No violation of an error-severity policy.")
    policies: list[PolicyOutcome]
    violations: list[PolicyViolation]

    @classmethod
    def of(cls, r: Report) -> ComplianceReport:
        return cls(domain=strawberry.ID(r.domain) if r.domain else None,
                   generated_at=r.generated_at, compliant=r.compliant,
                   policies=[PolicyOutcome.of(x) for x in r.results],
                   violations=[PolicyViolation.of(v) for v in r.violations])
