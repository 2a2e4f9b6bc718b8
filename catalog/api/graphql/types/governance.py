"""The compliance report of governance policies, and its parts."""

from __future__ import annotations

import strawberry
from strawberry.scalars import JSON

from catalog.governance.layers import key
from catalog.governance.policies import Policy, Problem
from catalog.governance.service import ComplianceReport as Report
from catalog.governance.service import PolicyResult as Result
from catalog.governance.service import Violation as Found


@strawberry.type(description="What would fix a finding, and the mutation that does when "
                             "the fix is a catalog change (arguments a person must choose "
                             "are left out).")
class Remediation:
    hint: str
    mutation: str | None
    arguments: JSON

    @classmethod
    def of(cls, r: dict | None) -> Remediation | None:
        if not r:
            return None
        return cls(hint=r.get("hint") or "", mutation=r.get("mutation"),
                   arguments=r.get("arguments") or {})


@strawberry.type(description="One subject that breaks one policy.")
class PolicyViolation:
    policy: str
    severity: str = strawberry.field(description="error or warning")
    layer: str = strawberry.field(description="global, or domain (the policy is the "
                                              "domain's own)")
    policy_domain: strawberry.ID | None = strawberry.field(
        description="The domain whose policy it is (null for a global one).")
    domain: strawberry.ID | None = strawberry.field(description="The subject's domain.")
    subject_id: strawberry.ID
    subject_kind: str
    message: str
    first_seen: str | None = strawberry.field(description="Open since (null in a dry run).")
    resolved_at: str | None = strawberry.field(description="When it was fixed.")
    remedy: Remediation | None

    @classmethod
    def of(cls, v: Found) -> PolicyViolation:
        return cls(policy=v.policy, severity=v.severity, layer=v.layer,
                   policy_domain=strawberry.ID(v.policy_domain) if v.policy_domain else None,
                   domain=strawberry.ID(v.domain) if v.domain else None,
                   subject_id=strawberry.ID(v.subject_id), subject_kind=v.subject_kind,
                   message=v.message, first_seen=v.first_seen, resolved_at=v.resolved_at,
                   remedy=Remediation.of(v.remedy))


@strawberry.type(description="A governance policy: a CEL condition over one kind of subject.")
class GovernancePolicy:
    key: str = strawberry.field(description="global/<id> or <domain id>/<id>")
    id: str
    description: str
    severity: str
    layer: str
    domain: strawberry.ID | None
    subject: str = strawberry.field(description="product, dataset, column, owner, contract "
                                                "or run")
    when: str
    checks: list[str] = strawberry.field(description="The CEL expressions it requires.")
    origin: str = strawberry.field(description="The file (or api) it was loaded from.")
    line: int
    text: str = strawberry.field(description="Its YAML.")

    @classmethod
    def of(cls, p: Policy) -> GovernancePolicy:
        return cls(key=key(p), id=p.id, description=p.description, severity=p.severity,
                   layer=p.layer, domain=strawberry.ID(p.domain) if p.domain else None,
                   subject=p.subject, when=p.spec.when,
                   checks=[c.test.source for c in p.checks], origin=p.origin, line=p.line,
                   text=p.text)


@strawberry.type(description="One policy's outcome: how many subjects it applied to, which "
                             "fail.")
class PolicyOutcome:
    id: str
    description: str
    severity: str
    layer: str
    rule: str = strawberry.field(description="The subject kind it checks.")
    policy: GovernancePolicy
    checked: int
    open: int = strawberry.field(description="All its open findings (violations lists the "
                                             "oldest findingsPerPolicy of them).")
    violations: list[PolicyViolation]
    errors: list[str] = strawberry.field(description="Subjects its expressions failed on.")

    @classmethod
    def of(cls, r: Result) -> PolicyOutcome:
        return cls(id=r.policy.id, description=r.policy.description,
                   severity=r.policy.severity, layer=r.policy.layer, rule=r.policy.subject,
                   policy=GovernancePolicy.of(r.policy), checked=r.checked, open=r.open,
                   violations=[PolicyViolation.of(v) for v in r.violations], errors=r.errors)


@strawberry.type(description="A policy refused when loaded: its file, line and why.")
class PolicyProblem:
    origin: str
    line: int
    policy: str | None
    message: str

    @classmethod
    def of(cls, p: Problem) -> PolicyProblem:
        return cls(origin=p.origin, line=p.line, policy=p.policy, message=p.message)


@strawberry.type(description="Open findings after one evaluation.")
class ComplianceTrendPoint:
    at: str
    errors: int
    warnings: int
    trigger: str | None


@strawberry.type(description="Governance findings of a domain or the whole catalog, as the "
                             "last evaluation left them.")
class ComplianceReport:
    domain: strawberry.ID | None
    generated_at: str | None = strawberry.field(description="When it was evaluated.")
    compliant: bool = strawberry.field(description="No open finding of an error policy.")
    policies: list[PolicyOutcome]
    violations: list[PolicyViolation]
    fixed: list[PolicyViolation] = strawberry.field(description="Resolved lately.")
    problems: list[PolicyProblem]
    trend: list[ComplianceTrendPoint] = strawberry.field(description="Newest first.")

    @classmethod
    def of(cls, r: Report) -> ComplianceReport:
        return cls(domain=strawberry.ID(r.domain) if r.domain else None,
                   generated_at=r.generated_at, compliant=r.compliant,
                   policies=[PolicyOutcome.of(x) for x in r.results],
                   violations=[PolicyViolation.of(v) for v in r.violations],
                   fixed=[PolicyViolation.of(v) for v in r.fixed],
                   problems=[PolicyProblem.of(p) for p in r.problems],
                   trend=[ComplianceTrendPoint(**t) for t in r.trend])


@strawberry.type(description="One evaluation of every policy over the catalog.")
class GovernanceEvaluation:
    findings: int
    subjects: int
    seconds: float
    problems: list[PolicyProblem]


__all__ = ["ComplianceReport", "GovernanceEvaluation", "GovernancePolicy",
           "PolicyOutcome", "PolicyProblem", "PolicyViolation", "Remediation"]
