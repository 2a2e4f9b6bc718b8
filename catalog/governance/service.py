"""Governance service: read the facts of a domain (or everything), check every policy."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from catalog.governance.policies import Policy, PolicySet, load_policies
from catalog.governance.rules import CHECKS, Facts, Finding
from catalog.settings import Settings
from graph import GraphStore
from graph import governance as gg
from graph.props import now_iso
from identity.ids import as_domain_id


@dataclass(frozen=True)
class Violation:
    policy: str
    severity: str
    subject_id: str
    subject_kind: str
    message: str


@dataclass
class PolicyResult:
    policy: Policy
    checked: int
    violations: list[Violation]


@dataclass
class ComplianceReport:
    domain: str | None
    generated_at: str
    results: list[PolicyResult] = field(default_factory=list)

    @property
    def violations(self) -> list[Violation]:
        return [v for r in self.results for v in r.violations]

    @property
    def compliant(self) -> bool:
        """No violation of an error-severity policy (warnings do not fail compliance)."""
        return not any(v.severity == "error" for v in self.violations)


class GovernanceService:
    def __init__(self, store: GraphStore, settings: Settings | None = None,
                 policies: PolicySet | Path | None = None):
        self.store = store
        self.settings = settings or Settings()
        if isinstance(policies, PolicySet):
            self.policies = policies
        else:
            self.policies = load_policies(policies or self.settings.governance_policies)

    def facts(self, domain: str | None) -> Facts:
        products = gg.products(self.store, domain)
        datasets = gg.datasets(self.store, domain)
        need_columns = any(p.rule.type == "naming" and p.rule.target == "column"
                           for p in self.policies.policies)
        return Facts(
            products=products,
            classifications=gg.product_classifications(self.store,
                                                        [p["id"] for p in products]),
            datasets=datasets,
            columns=gg.columns(self.store, [d["id"] for d in datasets]) if need_columns else [])

    def report(self, domain: str | None = None) -> ComplianceReport:
        """Check every policy over one domain (id or name) or the whole catalog."""
        if domain is not None:
            domain = as_domain_id(domain)
            self.store.get_node(domain)  # NotFound for an unknown domain
        facts = self.facts(domain)
        report = ComplianceReport(domain=domain, generated_at=now_iso())
        for policy in self.policies.policies:
            checked, findings = CHECKS[type(policy.rule)](policy.rule, facts)
            report.results.append(PolicyResult(policy, checked, [
                _violation(policy, f) for f in findings]))
        return report


def _violation(policy: Policy, f: Finding) -> Violation:
    return Violation(policy.id, policy.severity, f.subject_id, f.subject_kind, f.message)
