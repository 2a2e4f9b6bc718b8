"""Evaluate a policy book over the whole catalog: findings as rows, nothing written.

One pass per subject kind: each view is built once and every policy of that kind runs on
it. A policy's expression that fails on a subject (a type error, a null it did not guard)
is counted against the policy and reported, never stops the others.
"""

from __future__ import annotations

import json
import time
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from catalog.governance.facts import Facts
from catalog.governance.layers import PolicyBook, key
from catalog.governance.policies import _TEMPLATE, Policy, render
from catalog.governance.view import LABELS, SUBJECT_KINDS
from graph import GraphStore


@dataclass
class Evaluation:
    findings: list[dict[str, Any]] = field(default_factory=list)
    # policy key -> subject domain ("" for none) -> subjects the policy applied to
    checked: dict[str, dict[str, int]] = field(
        default_factory=lambda: defaultdict(lambda: defaultdict(int)))
    errors: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    subjects: int = 0
    seconds: float = 0.0


def _needs(policies: list[Policy]) -> set[str]:
    out: set[str] = set()
    for p in policies:
        out.update(p.when.reads)
        for c in p.checks:
            out.update(c.test.reads)
            out.update(n.split(".", 1)[0] for n in _TEMPLATE.findall(c.message))
            for a in c.arguments.values():
                out.update(a.reads)
    return out


def finding_id(policy: Policy, check: int, subject: str) -> str:
    return f"{key(policy)}|{check}|{subject}"


def _remedy(c, view: dict[str, Any]) -> str | None:
    if c.remedy is None:
        return None
    args = {}
    for name, expr in c.arguments.items():
        try:
            args[name] = expr(view)
        except Exception as exc:  # a remedy argument that fails is left for the person
            args[name] = f"<{exc}>"
    return json.dumps({"hint": render(c.remedy.hint, view), "mutation": c.remedy.mutation,
                       "arguments": args}, sort_keys=True, default=str)


def evaluate(store: GraphStore, book: PolicyBook) -> Evaluation:
    started = time.perf_counter()
    out = Evaluation()
    facts = Facts(store)
    policies = book.all()
    for kind in SUBJECT_KINDS:
        mine = [p for p in policies if p.subject == kind]
        if not mine:
            continue
        for view in facts.views(kind, _needs(mine)):
            out.subjects += 1
            domain = view.get("domain")
            for policy in mine:
                if book.applies(policy, domain):
                    _run(policy, view, domain, out)
    out.seconds = time.perf_counter() - started
    return out


def _run(policy: Policy, view: dict[str, Any], domain: str | None, out: Evaluation) -> None:
    pk = key(policy)
    try:
        applies = policy.when(view)
        if not isinstance(applies, bool):
            raise TypeError(f"`when` gave {applies!r}, not a bool")
        if not applies:
            return
        out.checked[pk][domain or ""] += 1
        for i, c in enumerate(policy.checks):
            ok = c.test(view)
            if not isinstance(ok, bool):
                raise TypeError(f"check {i} gave {ok!r}, not a bool")
            if ok:
                continue
            out.findings.append({
                "id": finding_id(policy, i, view["id"]), "policy": policy.id,
                "layer": policy.layer, "policy_domain": policy.domain, "domain": domain,
                "severity": policy.severity, "subject_id": view["id"],
                "subject_kind": LABELS[policy.subject], "message": render(c.message, view),
                "check": i, "remedy": _remedy(c, view)})
    except Exception as exc:  # noqa: BLE001 - one subject's failure is reported, not fatal
        if len(out.errors[pk]) < 5:
            out.errors[pk].append(f"{view['id']}: {exc}")
