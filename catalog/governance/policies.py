"""Policies as code: CEL expressions over a subject's typed view (catalog/governance/view.py).

```yaml
policies:
  - id: pii-products-owned-and-retained
    description: A data product holding personal data has an owner and a retention period
    severity: error               # error (fails `catalog check`) or warning
    subject: product              # product, dataset, column, owner, contract or run
    when: size(personal_data) > 0 # which subjects it applies to (default: all)
    require:                      # one expression, or a list of checks each a finding
      - check: size(owners) > 0
        message: holds personal data ({personal_data}) but has no owner
        remedy: {hint: set an owner, mutation: setOwner, arguments: {subjectId: id}}
```
A message's `{field}` is the view's value (lists joined with ", "); a remedy's arguments
are CEL expressions over the view. A domain's file adds `domain: <name>` and may `disable`
global warnings; it cannot redefine or disable a global policy of severity error.

Loading never stops at a bad policy: each is validated on its own, and a bad one becomes a
`Problem` naming its file, line and what is wrong, while the others load.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from catalog.governance.expr import Expr, ExprError
from catalog.governance.view import SUBJECT_KINDS, SUBJECTS

GLOBAL, DOMAIN = "global", "domain"
TEMPLATE = re.compile(r"\{([A-Za-z_][\w.]*)\}")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Remedy(_Strict):
    """What would fix a finding; `mutation` names a catalog mutation that does, with its
    arguments as CEL expressions over the view (the ones a person must choose are left
    out)."""

    hint: str
    mutation: str | None = Field(None, pattern=r"^[a-z][A-Za-z]*$")
    arguments: dict[str, str] = {}


class Check(_Strict):
    check: str
    message: str
    remedy: Remedy | None = None


class PolicySpec(_Strict):
    id: str = Field(pattern=r"^[a-z0-9][a-z0-9_.-]*$")
    description: str
    severity: Literal["error", "warning"] = "error"
    subject: Literal["product", "dataset", "column", "owner", "contract", "run"]
    when: str = "true"
    require: str | list[Check]
    message: str | None = None  # with a single `require` expression
    remedy: Remedy | None = None

    @field_validator("require")
    @classmethod
    def _some(cls, v: str | list[Check]) -> str | list[Check]:
        if isinstance(v, list) and not v:
            raise ValueError("needs at least one check")
        return v

    def checks(self) -> list[Check]:
        if isinstance(self.require, str):
            return [Check(check=self.require, message=self.message or self.description,
                          remedy=self.remedy)]
        return list(self.require)


@dataclass
class CompiledCheck:
    test: Expr
    message: str
    remedy: Remedy | None
    arguments: dict[str, Expr]


@dataclass
class Policy:
    """A loaded policy: its spec, compiled expressions, layer and where it came from."""

    spec: PolicySpec
    when: Expr
    checks: list[CompiledCheck]
    layer: str = GLOBAL
    domain: str | None = None  # the domain id of a domain policy
    origin: str = "<policies>"
    line: int = 0
    text: str = ""  # its YAML, as written

    @property
    def id(self) -> str:
        return self.spec.id

    @property
    def severity(self) -> str:
        return self.spec.severity

    @property
    def description(self) -> str:
        return self.spec.description

    @property
    def subject(self) -> str:
        return self.spec.subject


@dataclass(frozen=True)
class Problem:
    """A policy refused at load: where, which, and why."""

    origin: str
    line: int
    policy: str | None
    message: str

    def __str__(self) -> str:
        which = f" policy {self.policy!r}" if self.policy else ""
        return f"{self.origin}:{self.line}:{which} {self.message}"


@dataclass
class PolicyFile:
    policies: list[Policy] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    domain: str | None = None
    disable: list[str] = field(default_factory=list)


def _check_template(text: str, kind: str) -> None:
    for name in TEMPLATE.findall(text):
        head = name.split(".", 1)[0]
        if head not in SUBJECTS[kind]:
            raise ExprError(f"message names {{{name}}}, which a {kind} does not have")


def compile_policy(spec: PolicySpec) -> tuple[Expr, list[CompiledCheck]]:
    """Compile every expression; ExprError names which one is wrong."""
    kind = spec.subject
    try:
        when = Expr.compile(spec.when, kind)
    except ExprError as exc:
        raise ExprError(f"when: {exc}") from None
    out = []
    for i, c in enumerate(spec.checks()):
        where = "require" if isinstance(spec.require, str) else f"require[{i}]"
        try:
            test = Expr.compile(c.check, kind)
            _check_template(c.message, kind)
            args = {k: Expr.compile(v, kind) for k, v in (c.remedy.arguments.items()
                                                           if c.remedy else [])}
        except ExprError as exc:
            raise ExprError(f"{where}: {exc}") from None
        out.append(CompiledCheck(test, c.message, c.remedy, args))
    return when, out


def _lines(text: str) -> tuple[int, list[int]]:
    """Line of the `policies` key and of each of its items (1-based), best effort."""
    try:
        root = yaml.compose(text)
    except yaml.YAMLError:
        return 1, []
    if not isinstance(root, yaml.MappingNode):
        return 1, []
    for key, value in root.value:
        if key.value == "policies" and isinstance(value, yaml.SequenceNode):
            return key.start_mark.line + 1, [n.start_mark.line + 1 for n in value.value]
    return 1, []


def _yaml_line(exc: yaml.YAMLError) -> int:
    mark = getattr(exc, "problem_mark", None)
    return mark.line + 1 if mark is not None else 1


def parse_policies(text: str, origin: str = "<policies>", *, layer: str = GLOBAL,
                   domain: str | None = None) -> PolicyFile:
    """Every policy of a file that loads, and a Problem for each that does not."""
    out = PolicyFile()
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        out.problems.append(Problem(origin, _yaml_line(exc), None,
                                    f"not YAML: {str(exc).splitlines()[0]}"))
        return out
    key_line, lines = _lines(text)
    allowed = {"policies", "domain", "disable"}
    if not isinstance(data, dict) or not isinstance(data.get("policies", []), list):
        out.problems.append(Problem(origin, 1, None, "expected a mapping with a list "
                                                     "`policies`"))
        return out
    for key in sorted(set(data) - allowed):
        out.problems.append(Problem(origin, 1, None, f"unknown key {key!r} (allowed: "
                                                     f"{', '.join(sorted(allowed))})"))
    out.domain = data.get("domain") if layer == DOMAIN else None
    if layer == GLOBAL and ("domain" in data or "disable" in data):
        out.problems.append(Problem(origin, 1, None, "`domain` and `disable` belong in a "
                                                     "domain's policy file"))
    out.disable = [str(x) for x in data.get("disable") or []]
    seen: set[str] = set()
    for i, item in enumerate(data.get("policies") or []):
        line = lines[i] if i < len(lines) else key_line
        got = load_one(item, origin, line, layer=layer, domain=domain, taken=seen)
        if isinstance(got, Problem):
            out.problems.append(got)
        else:
            seen.add(got.id)
            out.policies.append(got)
    return out


def load_one(item: Any, origin: str, line: int, *, layer: str = GLOBAL,
             domain: str | None = None, taken: set[str] | None = None) -> Policy | Problem:
    """One policy (a YAML mapping) compiled, or the Problem that refuses it."""
    pid = item.get("id") if isinstance(item, dict) else None
    try:
        spec = PolicySpec.model_validate(item)
        if taken and spec.id in taken:
            raise ExprError(f"policy id {spec.id!r} is used twice in this file")
        when, checks = compile_policy(spec)
    except ValidationError as exc:
        first = max(exc.errors(), key=lambda e: len(e["loc"]))  # the deepest union branch
        where = ".".join(str(p) for p in first["loc"] if p not in ("str", "list[Check]"))
        where = where or "policy"
        return Problem(origin, line, pid, f"{where}: {first['msg']}")
    except ExprError as exc:
        return Problem(origin, line, pid, str(exc))
    return Policy(spec, when, checks, layer=layer, domain=domain, origin=origin, line=line,
                  text=yaml.safe_dump(item, sort_keys=False))


def load_policies(path: Path | None = None) -> PolicyFile:
    """The global policies of `path`, or the built-in ones."""
    if path is None:
        text = resources.files(__package__).joinpath("default_policies.yaml").read_text()
        return parse_policies(text, "default_policies.yaml")
    try:
        text = Path(path).read_text()
    except OSError as exc:
        return PolicyFile(problems=[Problem(str(path), 0, None, exc.strerror or str(exc))])
    return parse_policies(text, str(path))


def render(template: str, view: dict[str, Any]) -> str:
    """A message with `{field}` (or `{record.field}`) replaced by the view's values."""
    def value(m: re.Match[str]) -> str:
        v: Any = view
        for part in m.group(1).split("."):
            v = v.get(part) if isinstance(v, dict) else None
        if isinstance(v, list):
            shown = [str(x.get("name", x)) if isinstance(x, dict) else str(x) for x in v[:5]]
            return ", ".join(shown) + (" ..." if len(v) > 5 else "")
        return "" if v is None else str(v)
    return TEMPLATE.sub(value, template)


__all__ = ["DOMAIN", "GLOBAL", "SUBJECT_KINDS", "TEMPLATE", "Check", "CompiledCheck", "Policy",
           "PolicyFile", "PolicySpec", "Problem", "Remedy", "compile_policy",
           "load_one", "load_policies", "parse_policies", "render"]
