"""`catalog check`: check the governance policies; exits 1 when a policy is violated."""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import asdict
from pathlib import Path

from catalog.settings import Settings


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("check", help="check governance policies (exit 1 on violations)")
    p.add_argument("--domain", help="one domain (id or name); default: the whole catalog")
    p.add_argument("--policies", type=Path, help="a YAML policy file (default: "
                                                 "CATALOG_GOVERNANCE_POLICIES or built-in)")
    p.add_argument("--json", action="store_true", help="print the report as JSON")
    p.add_argument("--strict", action="store_true", help="warnings fail the check too")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from catalog.governance.policies import PolicyError, load_policies
    from catalog.governance.service import GovernanceService
    from catalog.store import open_store
    from graph.errors import GraphError

    settings = Settings()
    try:
        policies = load_policies(args.policies or settings.governance_policies)
    except PolicyError as exc:
        print(f"catalog check: {exc}", file=sys.stderr)
        return 2
    store = open_store(settings)
    try:
        report = GovernanceService(store, settings, policies).report(args.domain)
    except GraphError as exc:
        print(f"catalog check: {exc}", file=sys.stderr)
        return 2
    finally:
        store.close()
    failed = not report.compliant or (args.strict and bool(report.violations))
    if args.json:
        print(json.dumps({"domain": report.domain, "generated_at": report.generated_at,
                          "compliant": report.compliant,
                          "policies": [{"id": r.policy.id, "severity": r.policy.severity,
                                        "checked": r.checked,
                                        "violations": len(r.violations)}
                                       for r in report.results],
                          "violations": [asdict(v) for v in report.violations]}, indent=2))
    else:
        print(format_report(report))
    return 1 if failed else 0


def format_report(report) -> str:
    lines = [f"governance check of {report.domain or 'the whole catalog'}"]
    for r in report.results:
        mark = "ok  " if not r.violations else ("FAIL" if r.policy.severity == "error"
                                                else "warn")
        lines.append(f"[{mark}] {r.policy.id}: {r.policy.description} "
                     f"({r.checked} checked, {len(r.violations)} violations)")
        for v in r.violations[:50]:
            lines.append(f"       {v.subject_id}: {v.message}")
        if len(r.violations) > 50:
            lines.append(f"       ... and {len(r.violations) - 50} more")
    n_err = sum(v.severity == "error" for v in report.violations)
    n_warn = len(report.violations) - n_err
    lines.append(f"{'compliant' if report.compliant else 'NOT compliant'}: {n_err} errors, "
                 f"{n_warn} warnings")
    return "\n".join(lines)
