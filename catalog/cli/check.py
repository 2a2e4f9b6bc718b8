"""`catalog check`: evaluate the governance policies; exits 1 when an error policy fails.

It evaluates the catalog and keeps the findings in the graph (what `complianceReport` and
the governance page read), unless `--policies` names other global policies (a dry run:
nothing kept) or `--stored` asks for the findings the server last kept. A policy that does
not load is printed with its file and line, the others still run, and the exit is 2.
"""

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
    p.add_argument("--policies", type=Path, help="a YAML file of global policies (default: "
                                                 "CATALOG_GOVERNANCE_POLICIES or built-in); "
                                                 "a dry run, nothing is kept")
    p.add_argument("--stored", action="store_true",
                   help="report the findings kept by the last evaluation, without evaluating")
    p.add_argument("--json", action="store_true", help="print the report as JSON")
    p.add_argument("--strict", action="store_true", help="warnings fail the check too")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from catalog.audit import Actor
    from catalog.governance.policies import load_policies
    from catalog.governance.service import GovernanceService
    from catalog.store import open_store
    from graph.errors import GraphError

    settings = Settings()
    policies = load_policies(args.policies or settings.governance_policies)
    store = open_store(settings)
    try:
        svc = GovernanceService(store, settings, policies)
        if args.stored:
            report = svc.report(args.domain)
        elif args.policies:
            report = svc.report(args.domain, evaluation=svc.evaluate(
                "check", save=False, actor=Actor.local()))
        else:
            svc.evaluate("check", actor=Actor.local())
            report = svc.report(args.domain)
    except GraphError as exc:
        print(f"catalog check: {exc}", file=sys.stderr)
        return 2
    finally:
        store.close()
    for problem in report.problems:
        print(f"catalog check: refused {problem}", file=sys.stderr)
    failed = not report.compliant or (args.strict and bool(report.violations))
    if args.json:
        print(json.dumps(as_json(report), indent=2))
    else:
        print(format_report(report))
    if report.problems:
        return 2
    return 1 if failed else 0


def as_json(report) -> dict:
    return {"domain": report.domain, "generated_at": report.generated_at,
            "compliant": report.compliant,
            "policies": [{"id": r.policy.id, "layer": r.policy.layer,
                          "severity": r.policy.severity, "checked": r.checked,
                          "violations": len(r.violations), "errors": r.errors}
                         for r in report.results],
            "violations": [asdict(v) for v in report.violations],
            "fixed": [asdict(v) for v in report.fixed],
            "problems": [asdict(p) for p in report.problems]}


def format_report(report) -> str:
    lines = [f"governance check of {report.domain or 'the whole catalog'}"]
    for r in report.results:
        mark = "ok  " if not r.violations else ("FAIL" if r.policy.severity == "error"
                                                else "warn")
        layer = r.policy.layer if r.policy.domain is None else r.policy.domain
        lines.append(f"[{mark}] {r.policy.id} ({layer}): {r.policy.description} "
                     f"({r.checked} checked, {len(r.violations)} violations)")
        for v in r.violations[:50]:
            fix = f"  -> {v.remedy['hint']}" if v.remedy else ""
            lines.append(f"       {v.subject_id}: {v.message} (since {v.first_seen}){fix}")
        if len(r.violations) > 50:
            lines.append(f"       ... and {len(r.violations) - 50} more")
        for e in r.errors:
            lines.append(f"       expression failed on {e}")
    if report.fixed:
        lines.append(f"fixed lately: {len(report.fixed)}")
        for v in report.fixed[:20]:
            lines.append(f"       {v.policy} {v.subject_id} resolved {v.resolved_at}")
    n_err = sum(v.severity == "error" for v in report.violations)
    n_warn = len(report.violations) - n_err
    lines.append(f"{'compliant' if report.compliant else 'NOT compliant'}: {n_err} errors, "
                 f"{n_warn} warnings")
    return "\n".join(lines)
