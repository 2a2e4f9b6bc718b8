"""Governance service: the policy book (global file + domain policies in the graph), the
evaluation that keeps findings in the graph, the report that reads them, and domain
policy changes (audited).

Findings are kept with `first_seen` and `resolved_at`: an evaluation writes the new and
changed ones and resolves those no longer failing, so a report says what is open, since
when, and what was fixed. `catalog check`, `complianceReport` and the governance page read
the same findings; the runtime's GovernanceWatcher re-evaluates after writes.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import yaml

from catalog import audit
from catalog.audit import Actor
from catalog.governance.errors import NotDomainOwner, PolicyRefused
from catalog.governance.evaluate import Evaluation, evaluate
from catalog.governance.layers import DISABLE, PolicyBook, key
from catalog.governance.policies import (
    DOMAIN,
    Policy,
    PolicyFile,
    Problem,
    load_one,
    load_policies,
    parse_policies,
)
from catalog.settings import Settings
from graph import GraphStore
from graph import governance as gg
from graph.errors import InvalidInput
from graph.props import now_iso
from identity.ids import as_domain_id

TREND_KEEP = 500  # evaluations kept for the trend (one every few seconds under writes)


@dataclass
class Violation:
    policy: str
    severity: str
    subject_id: str
    subject_kind: str
    message: str
    layer: str = "global"
    policy_domain: str | None = None
    domain: str | None = None
    first_seen: str | None = None
    resolved_at: str | None = None
    remedy: dict[str, Any] | None = None

    @classmethod
    def of(cls, row: dict[str, Any]) -> Violation:
        remedy = row.get("remedy")
        return cls(policy=row["policy"], severity=row["severity"],
                   subject_id=row["subject_id"], subject_kind=row["subject_kind"],
                   message=row["message"], layer=row.get("layer") or "global",
                   policy_domain=row.get("policy_domain"), domain=row.get("domain"),
                   first_seen=row.get("first_seen"), resolved_at=row.get("resolved_at"),
                   remedy=json.loads(remedy) if isinstance(remedy, str) else remedy)


@dataclass
class PolicyResult:
    policy: Policy
    checked: int
    violations: list[Violation]  # at most the report's `per_policy`, oldest first
    errors: list[str] = field(default_factory=list)
    open: int = 0  # all of its open findings


@dataclass
class ComplianceReport:
    domain: str | None
    generated_at: str | None  # when the findings were evaluated
    results: list[PolicyResult] = field(default_factory=list)
    fixed: list[Violation] = field(default_factory=list)  # resolved within `since`
    problems: list[Problem] = field(default_factory=list)
    trend: list[dict[str, Any]] = field(default_factory=list)

    @property
    def violations(self) -> list[Violation]:
        return [v for r in self.results for v in r.violations]

    @property
    def compliant(self) -> bool:
        """No open finding of an error-severity policy (warnings do not fail compliance)."""
        return not any(r.open and r.policy.severity == "error" for r in self.results)


class GovernanceService:
    def __init__(self, store: GraphStore, settings: Settings | None = None,
                 policies: PolicyFile | Path | None = None):
        self.store = store
        self.settings = settings or Settings()
        if isinstance(policies, PolicyFile):
            self.global_file = policies
        else:
            self.global_file = load_policies(policies or self.settings.governance_policies)

    # -- the book -------------------------------------------------------------------------
    def book(self) -> PolicyBook:
        """Global policies, then each domain's from the graph; refused ones are problems."""
        book = PolicyBook(globals=list(self.global_file.policies),
                          problems=list(self.global_file.problems))
        for row in gg.policies(self.store):
            origin, line = row.get("origin") or "graph", int(row.get("line") or 0)
            if row.get("text") == DISABLE:
                problem = book.disable(row["domain"], row["policy"], origin, line)
            else:
                got = load_one(yaml.safe_load(row["text"]), origin, line, layer=DOMAIN,
                               domain=row["domain"])
                problem = got if isinstance(got, Problem) else book.add_domain(row["domain"],
                                                                               got)
            if problem is not None:
                book.problems.append(problem)
        return book

    # -- evaluation -----------------------------------------------------------------------
    def evaluate(self, trigger: str = "manual", *, save: bool = True,
                 actor: Actor | str | None = None, previous: Evaluation | None = None,
                 changed: set[str] | None = None, column_datasets: set[str] | None = None
                 ) -> tuple[PolicyBook, Evaluation]:
        """Run every policy over the catalog; with `save`, keep the findings in the graph.
        Someone asking for it (`actor`) is audited; the server's own runs are not.
        `previous`, `changed` and `column_datasets`: what did not change since `previous`
        is taken from it (catalog/governance/evaluate.py)."""
        book = self.book()
        result = evaluate(self.store, book, previous=previous, changed=changed,
                          column_datasets=column_datasets)
        if save:
            self._save(book, result, trigger)
        if actor is not None:
            audit.record_now(self.store, actor, "evaluatePolicies", None,
                             after={"findings": len(result.findings),
                                    "subjects": result.subjects, "saved": save})
        return book, result

    def _save(self, book: PolicyBook, result: Evaluation, trigger: str) -> None:
        now = now_iso()
        open_ = gg.open_findings(self.store)
        current = {f["id"]: f for f in result.findings}
        changed = [f for fid, f in current.items()
                   if open_.get(fid) != (f["message"], f["severity"])]
        gone = [fid for fid in open_ if fid not in current]
        gg.save_findings(self.store, changed, gone, now)
        counts: dict[str, dict[str, int]] = defaultdict(lambda: {"error": 0, "warning": 0})
        for f in result.findings:
            counts[f["domain"] or ""][f["severity"]] += 1
            counts["*"][f["severity"]] += 1
        gg.add_evaluation(self.store, {
            "at": now, "duration_ms": int(result.seconds * 1000),
            "policies": len(book.all()), "subjects": result.subjects,
            "counts": json.dumps(counts), "trigger": trigger,
            "checked": json.dumps(result.checked),
            "errors": json.dumps(result.errors)}, TREND_KEEP)

    # -- reports --------------------------------------------------------------------------
    def report(self, domain: str | None = None, *, since_days: float = 7.0,
               per_policy: int = 1000,
               evaluation: tuple[PolicyBook, Evaluation] | None = None) -> ComplianceReport:
        """The findings of one domain (id or name) or the whole catalog: open ones per
        policy (the `per_policy` oldest; `open` counts them all), those fixed within
        `since_days`, load problems and the trend. From the graph (evaluated first if it
        never was), or from an unsaved `evaluation` (a dry run with other policies)."""
        if domain is not None:
            domain = as_domain_id(domain)
            self.store.get_node(domain)  # NotFound for an unknown domain
        if since_days < 0:
            raise InvalidInput("since_days", "must be 0 or more")
        if per_policy < 0:
            raise InvalidInput("per_policy", "must be 0 or more")
        since = (datetime.now(UTC) - timedelta(days=since_days)).isoformat()
        if evaluation is not None:
            book, result = evaluation
            rows = [dict(f, first_seen=None) for f in result.findings
                    if domain is None or f["domain"] == domain]
            checked, errors, at, trend = result.checked, result.errors, now_iso(), []
        else:
            trend = gg.evaluations(self.store, 30)
            if not trend:  # never evaluated: an empty report would read as compliant
                self.evaluate("first report")
                trend = gg.evaluations(self.store, 30)
            book = self.book()
            rows = gg.findings(self.store, domain, since)
            last = trend[0] if trend else {}
            checked = json.loads(last.get("checked") or "{}")
            errors = json.loads(last.get("errors") or "{}")
            at = last.get("at")
        report = ComplianceReport(domain=domain, generated_at=at, problems=book.problems,
                                  trend=[_trend(e, domain) for e in trend])
        by_policy: dict[str, list[Violation]] = defaultdict(list)
        for row in rows:
            v = Violation.of(row)
            if v.resolved_at:
                report.fixed.append(v)
            else:
                by_policy[f"{v.policy_domain or 'global'}/{v.policy}"].append(v)
        for p in book.for_domain(domain):
            pk = key(p)
            per_domain = checked.get(pk, {})
            n = sum(per_domain.values()) if domain is None else per_domain.get(domain, 0)
            found = sorted(by_policy.get(pk, []), key=lambda v: v.first_seen or "")
            report.results.append(PolicyResult(p, n, found[:per_policy], errors.get(pk, []),
                                               open=len(found)))
        return report

    # -- domain policies ------------------------------------------------------------------
    def policies(self, domain: str | None = None) -> list[Policy]:
        return self.book().for_domain(as_domain_id(domain) if domain else None)

    def _may_govern(self, actor: Actor, domain: str) -> None:
        if actor.role in ("admin", "local"):
            return
        if actor.name not in gg.domain_owners(self.store, domain):
            raise NotDomainOwner(actor.name, domain)

    def set_domain_policy(self, domain: str, text: str, actor: Actor | str | None) -> Policy:
        """Add or replace one of a domain's policies (a YAML mapping, as in a policy file);
        refused when it does not load or would weaken a global error policy."""
        who = Actor.of(actor)
        domain = as_domain_id(domain)
        self.store.get_node(domain)
        self._may_govern(who, domain)
        try:
            item = yaml.safe_load(text)
        except yaml.YAMLError as exc:
            raise PolicyRefused([Problem("policy", 1, None, f"not YAML: {exc}")]) from None
        got = load_one(item, "policy", 1, layer=DOMAIN, domain=domain)
        if isinstance(got, Problem):
            raise PolicyRefused([got])
        why = self.book().refusal(domain, got.id)
        if why:
            raise PolicyRefused([Problem("policy", 1, got.id, why)])
        pid = f"{domain}|{got.id}"

        def work(tx):
            before = gg.get_policy(tx, pid)
            after = gg.put_policy(tx, {"id": pid, "domain": domain, "policy": got.id,
                                       "text": got.text, "origin": "api", "line": 1,
                                       "now": tx.now, "actor": who.name})
            audit.record(tx, who, "setDomainPolicy", pid, before=before and before["text"],
                         after=after["text"])
        self.store.write(work)
        return got

    def remove_domain_policy(self, domain: str, policy_id: str, actor: Actor | str | None
                             ) -> bool:
        who = Actor.of(actor)
        domain = as_domain_id(domain)
        self._may_govern(who, domain)
        pid = f"{domain}|{policy_id}"

        def work(tx) -> bool:
            before = gg.get_policy(tx, pid)
            if before is None:
                return False
            gg.delete_policy(tx, pid)
            audit.record(tx, who, "removeDomainPolicy", pid, before=before["text"])
            return True
        return self.store.write(work)

    def replace_file_policies(self, domain: str, origin: str, text: str,
                              actor: Actor | str | None) -> list[Problem]:
        """A domain's policy file (read beside the product manifests): its policies
        replace those the file gave before; refused ones are returned, the rest load."""
        who = Actor.of(actor)
        domain = as_domain_id(domain)
        parsed = parse_policies(text, origin, layer=DOMAIN, domain=domain)
        book = self.book()
        problems = list(parsed.problems)
        keep = []
        for p in parsed.policies:
            why = book.refusal(domain, p.id)
            if why:
                problems.append(Problem(origin, p.line, p.id, why))
            else:
                keep.append({"id": f"{domain}|{p.id}", "policy": p.id, "text": p.text,
                             "line": p.line})
        lines = _disable_lines(text)
        for pid in parsed.disable:
            why = book.refusal(domain, pid, disable=True)
            if why:
                problems.append(Problem(origin, lines.get(pid, 1), pid, why))
            else:
                keep.append({"id": f"{domain}|disable:{pid}", "policy": pid, "text": DISABLE,
                             "line": lines.get(pid, 1)})

        def work(tx) -> None:
            old = {r["id"]: r for r in gg.policies(self.store, domain)
                   if r.get("origin") == origin}
            new_ids = {r["id"] for r in keep}
            for pid, row in old.items():
                if pid not in new_ids:
                    gg.delete_policy(tx, pid)
                    audit.record(tx, who, "removeDomainPolicy", pid, before=row["text"],
                                 detail={"origin": origin})
            for row in keep:
                before = old.get(row["id"])
                if before is not None and before["text"] == row["text"]:
                    continue
                gg.put_policy(tx, {**row, "domain": domain, "origin": origin,
                                   "now": tx.now, "actor": who.name})
                audit.record(tx, who, "setDomainPolicy", row["id"],
                             before=before and before["text"], after=row["text"],
                             detail={"origin": origin, "line": row["line"]})
        self.store.write(work)
        return problems


    def forget_files(self, folders: list[str], present: list[str],
                     actor: Actor | str | None) -> int:
        """Domain policies that came from a policy file in one of `folders` which is no
        longer there (`present` lists those that are) are removed; returns how many."""
        who = Actor.of(actor)
        gone = [r for r in gg.policies(self.store)
                if (r.get("origin") or "") not in present
                and any(str(Path(r.get("origin") or "").parent) == f for f in folders)]

        def work(tx) -> None:
            for row in gone:
                gg.delete_policy(tx, row["id"])
                audit.record(tx, who, "removeDomainPolicy", row["id"], before=row["text"],
                             detail={"origin": row["origin"], "reason": "file removed"})
        if gone:
            self.store.write(work)
        return len(gone)


def _disable_lines(text: str) -> dict[str, int]:
    out = {}
    for n, line in enumerate(text.splitlines(), 1):
        s = line.strip().lstrip("-").strip()
        if s and s not in out:
            out.setdefault(s, n)
    return out


def _trend(evaluation: dict[str, Any], domain: str | None) -> dict[str, Any]:
    counts = json.loads(evaluation.get("counts") or "{}").get(domain or "*", {})
    return {"at": evaluation["at"], "errors": counts.get("error", 0),
            "warnings": counts.get("warning", 0), "trigger": evaluation.get("trigger")}
