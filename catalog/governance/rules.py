"""How each rule type is checked against the facts read from the graph. Pure functions."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from catalog.classification.infotypes import Sensitivity
from catalog.governance.policies import (
    ContractMatchesSchema,
    DatasetHasOwner,
    Naming,
    PiiProductOwnerRetention,
)
from graph.props import from_json_prop


@dataclass
class Facts:
    """What policies look at, for one domain or the whole catalog."""

    products: list[dict[str, Any]] = field(default_factory=list)
    classifications: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    datasets: list[dict[str, Any]] = field(default_factory=list)
    columns: list[dict[str, Any]] = field(default_factory=list)


@dataclass(frozen=True)
class Finding:
    subject_id: str
    subject_kind: str
    message: str


Check = Callable[[Any, Facts], tuple[int, list[Finding]]]


def _sensitivity(value: str | None) -> Sensitivity:
    try:
        return Sensitivity.parse(value or "confidential")
    except ValueError:
        return Sensitivity.CONFIDENTIAL


def _retention(product: dict[str, Any], keys: list[str], inside: list[str]) -> Any:
    for holder in [product, *(from_json_prop(product.get(p)) for p in inside)]:
        if not isinstance(holder, dict):
            continue
        for key in keys:
            if holder.get(key) not in (None, "", []):
                return holder[key]
    return None


def _describe(item: Any) -> str:
    """One contract violation of the data-product ingestor ({dataset, kind, column, ...})."""
    if not isinstance(item, dict):
        return str(item)
    text = " ".join(str(item[k]) for k in ("kind", "column") if item.get(k))
    if "expected" in item or "actual" in item:
        text += f" (contract {item.get('expected')}, harvested {item.get('actual')})"
    return text or json.dumps(item, sort_keys=True)


def pii_product_owner_retention(rule: PiiProductOwnerRetention, facts: Facts
                                ) -> tuple[int, list[Finding]]:
    floor = Sensitivity.parse(rule.min_sensitivity)
    found: list[Finding] = []
    checked = 0
    for row in facts.products:
        pii = sorted({c["classification"] for c in facts.classifications.get(row["id"], [])
                      if _sensitivity(c.get("sensitivity")) >= floor})
        if not pii:
            continue
        checked += 1
        held = ", ".join(pii[:5]) + (" ..." if len(pii) > 5 else "")
        if not row["owners"]:
            found.append(Finding(row["id"], "DataProduct",
                                 f"holds personal data ({held}) but has no owner"))
        if _retention(row["product"], rule.retention_keys, rule.retention_in) is None:
            found.append(Finding(row["id"], "DataProduct",
                                 f"holds personal data ({held}) but has no retention period "
                                 f"(none of {', '.join(rule.retention_keys)} is set)"))
    return checked, found


def contract_matches_schema(rule: ContractMatchesSchema, facts: Facts
                            ) -> tuple[int, list[Finding]]:
    ok = {s.lower() for s in rule.ok_statuses} | (set() if rule.fail_on_warn else {"warn"})
    found: list[Finding] = []
    checked = 0
    for row in facts.products:
        product = row["product"]
        status = product.get("contract_status")
        if status is None:
            if rule.require_contract:
                checked += 1
                found.append(Finding(row["id"], "DataProduct", "has no data contract checked "
                                                               "against the harvested schema"))
            continue
        checked += 1
        if str(status).lower() in ok:
            continue
        details = from_json_prop(product.get("contract_violations"))
        if isinstance(details, list):
            text = "; ".join(_describe(d) for d in details[:10])
        else:
            text = str(details) if details else ""
        found.append(Finding(row["id"], "DataProduct",
                             f"data contract does not match the harvested schema "
                             f"(status {status!r}){': ' + text if text else ''}"))
    return checked, found


def naming(rule: Naming, facts: Facts) -> tuple[int, list[Finding]]:
    pattern = re.compile(rule.pattern)
    found: list[Finding] = []
    if rule.target == "dataset":
        items = [(d["id"], "Dataset", d["name"] or "") for d in facts.datasets]
    else:
        items = [(c["column_id"], "Column", c["name"] or "") for c in facts.columns]
    for subject, kind, name in items:
        checked = name.rsplit(".", 1)[-1] if kind == "Dataset" and rule.part == "table" else name
        if not pattern.search(checked):
            found.append(Finding(subject, kind, f"name {checked!r} does not match "
                                                f"{rule.pattern!r}"))
    return len(items), found


def dataset_has_owner(rule: DatasetHasOwner, facts: Facts) -> tuple[int, list[Finding]]:
    found = []
    for d in facts.datasets:
        owners = list(d["owners"])
        if rule.inherit_from_product:
            owners += d["product_owners"]
        if not owners:
            where = f" (nor has its product {d['product']})" if d["product"] else ""
            found.append(Finding(d["id"], "Dataset", f"has no owner{where}"))
    return len(facts.datasets), found


CHECKS: dict[type, Check] = {
    PiiProductOwnerRetention: pii_product_owner_retention,
    ContractMatchesSchema: contract_matches_schema,
    Naming: naming,
    DatasetHasOwner: dataset_has_owner,
}
