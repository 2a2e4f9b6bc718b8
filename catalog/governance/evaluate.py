"""Evaluate a policy book over the whole catalog: findings as rows, nothing written.

Per subject kind, the views are built once; then each policy runs over all of them in one
pass per expression (`Expr.many`). An expression that fails on a subject (a type error, a
null it did not guard) is counted against the policy and reported, never stops the others.
"""

from __future__ import annotations

import json
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

from catalog.governance.facts import Facts
from catalog.governance.inputs import COLUMN
from catalog.governance.layers import PolicyBook, key
from catalog.governance.policies import GLOBAL, TEMPLATE, CompiledCheck, Policy, render
from catalog.governance.tally import Tally, of_dataset
from catalog.governance.view import LABELS, SUBJECT_KINDS
from graph import GraphStore

MAX_ERRORS = 5  # examples kept per policy


@dataclass
class Evaluation:
    findings: list[dict[str, Any]] = field(default_factory=list)
    # policy key -> subject domain ("" for none) -> subjects the policy applied to
    checked: dict[str, dict[str, int]] = field(
        default_factory=lambda: defaultdict(lambda: defaultdict(int)))
    errors: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    subjects: int = 0
    seconds: float = 0.0
    read_seconds: float = 0.0  # of which reading the graph
    # per subject kind: its share of the above and the policies that made it, so that a
    # later evaluation can take a kind whose inputs did not change as it is
    parts: dict[str, Evaluation] = field(default_factory=dict)
    signature: str = ""
    reused: tuple[str, ...] = ()  # the kinds taken from a previous evaluation
    views: int = 0  # the subjects' views built (fewer than `subjects` when reused)
    tally: Tally | None = None  # the column part's per-dataset counts

    def add(self, part: Evaluation) -> None:
        self.findings.extend(part.findings)
        for policy, counts in part.checked.items():
            self.checked[policy].update(counts)
        self.errors.update(part.errors)
        self.subjects += part.subjects
        self.views += part.views

    def error(self, policy: Policy, view: dict[str, Any], what: str, got: Any) -> None:
        kept = self.errors[key(policy)]
        if len(kept) < MAX_ERRORS:
            detail = got if isinstance(got, Exception) else f"gave {got!r}, not a bool"
            kept.append(f"{view['id']}: {what}: {detail}")


def _needs(policies: list[Policy]) -> set[str]:
    out: set[str] = set()
    for p in policies:
        out.update(p.when.reads)
        for c in p.checks:
            out.update(c.test.reads)
            out.update(n.split(".", 1)[0] for n in TEMPLATE.findall(c.message))
            for a in c.arguments.values():
                out.update(a.reads)
    return out


def finding_id(policy: Policy, check: int, subject: str) -> str:
    return f"{key(policy)}|{check}|{subject}"


def _remedy(c: CompiledCheck, view: dict[str, Any]) -> str | None:
    if c.remedy is None:
        return None
    args = {}
    for name, expr in c.arguments.items():
        got = expr.many([view])[0]
        args[name] = f"<{got}>" if isinstance(got, Exception) else got
    return json.dumps({"hint": render(c.remedy.hint, view), "mutation": c.remedy.mutation,
                       "arguments": args}, sort_keys=True, default=str)


def _signature(book: PolicyBook, policies: list[Policy]) -> str:
    """What a kind's results depend on besides the graph: its policies and their layers."""
    return json.dumps([[key(p), p.layer, p.domain, repr(p.spec),
                        sorted(book.replaced.get(p.id, ()))] for p in policies], default=str)


def evaluate(store: GraphStore, book: PolicyBook, *, previous: Evaluation | None = None,
             changed: set[str] | None = None, column_datasets: set[str] | None = None
             ) -> Evaluation:
    """Every policy over its subjects. With `previous` and `changed` (the subject kinds
    whose inputs changed since `previous`), a kind not in `changed` whose policies are the
    same is taken from `previous` without reading the graph; with `column_datasets` too
    (the only datasets whose columns' inputs changed), only their columns are evaluated."""
    started = time.perf_counter()
    out = Evaluation()
    facts = Facts(store)
    policies = book.all()
    by_kind = {kind: [p for p in policies if p.subject == kind] for kind in SUBJECT_KINDS}
    todo: dict[str, list[Policy]] = {}
    reused = []
    for kind, mine in by_kind.items():
        if not mine:
            continue
        signature = _signature(book, mine)
        kept = previous.parts.get(kind) if previous is not None and changed is not None \
            and kind not in changed else None
        if kept is not None and kept.signature == signature:
            out.parts[kind] = kept
            reused.append(kind)
        elif kind == COLUMN and column_datasets is not None and previous is not None \
                and (old := previous.parts.get(kind)) is not None \
                and old.signature == signature and old.tally is not None:
            out.parts[kind] = _columns_again(facts, book, mine, old, column_datasets)
        else:
            todo[kind] = mine
            out.parts[kind] = Evaluation(signature=signature)
    needs = {kind: _needs(mine) | {"id"} for kind, mine in todo.items()}
    facts.prefetch(needs)
    out.read_seconds = time.perf_counter() - started
    for kind, mine in todo.items():
        part = out.parts[kind]
        views = list(facts.views(kind, needs[kind]))
        part.subjects = part.views = len(views)
        applied = [run(policy, _applicable(book, policy, views), part) for policy in mine]
        if kind == COLUMN:
            part.tally = Tally.of(views, applied)
    for kind in SUBJECT_KINDS:
        if kind in out.parts:
            out.add(out.parts[kind])
    out.reused = tuple(reused)
    out.seconds = time.perf_counter() - started
    return out


def _columns_again(facts: Facts, book: PolicyBook, policies: list[Policy], old: Evaluation,
                   datasets: set[str]) -> Evaluation:
    """The column part of `old` with the columns of `datasets` evaluated again."""
    fresh = Evaluation(signature=old.signature)
    views = facts.column_views(_needs(policies) | {"id"}, datasets)
    applied = [run(policy, _applicable(book, policy, views), fresh) for policy in policies]
    checked = {k: dict(per) for k, per in old.checked.items()}
    tally, delta = old.tally.replaced(datasets, Tally.of(views, applied),
                                      [key(p) for p in policies], checked)
    out = Evaluation(signature=old.signature, tally=tally, subjects=old.subjects + delta,
                     views=len(views))
    for k, per in checked.items():
        out.checked[k].update(per)
    out.findings = [f for f in old.findings if of_dataset(f["subject_id"]) not in datasets]
    out.findings += fresh.findings
    for k in {*old.errors, *fresh.errors}:
        kept = [e for e in old.errors.get(k, []) if of_dataset(e) not in datasets]
        if errors := (kept + fresh.errors.get(k, []))[:MAX_ERRORS]:
            out.errors[k] = errors
    return out


def _applicable(book: PolicyBook, policy: Policy, views: list[dict[str, Any]]
                ) -> list[dict[str, Any]]:
    if policy.layer == GLOBAL and not book.replaced.get(policy.id):
        return views
    return [v for v in views if book.applies(policy, v["domain"])]


def run(policy: Policy, views: list[dict[str, Any]], out: Evaluation
        ) -> list[dict[str, Any]]:
    """One policy over `views` (those of its layer), into `out`; the views it applied to."""
    applied = []
    for view, got in zip(views, policy.when.many(views), strict=True):
        if got is True:
            applied.append(view)
        elif got is not False:
            out.error(policy, view, "when", got)
    counts = Counter(v["domain"] or "" for v in applied)
    checked = out.checked[key(policy)]
    for domain, n in counts.items():
        checked[domain] += n
    for i, c in enumerate(policy.checks):
        for view, ok in zip(applied, c.test.many(applied), strict=True):
            if ok is True:
                continue
            if ok is not False:
                out.error(policy, view, f"check {i}", ok)
                continue
            out.findings.append({
                "id": finding_id(policy, i, view["id"]), "policy": policy.id,
                "layer": policy.layer, "policy_domain": policy.domain,
                "domain": view["domain"], "severity": policy.severity,
                "subject_id": view["id"], "subject_kind": LABELS[policy.subject],
                "message": render(c.message, view), "check": i,
                "remedy": _remedy(c, view)})
    return applied
