"""Contract-breaking schema changes: when a harvest closes or retypes a column of a dataset
that a product's contract names, the product's contract is checked again against the
harvested schema; each break (a named column removed, or of another type) opens a
`contract_break` incident, closed when the schema meets the contract again, and the
product's subscribers and downstream owners are notified.

A break can return (a column removed, restored, removed again): each return is a new
incident, the closed one kept. Its id is the break's (its cause) for the first occurrence
and `<cause>|<n>` for the n-th, n counted from the incidents of that cause in the graph, so
two monitors seeing the same return open the same incident once. (Harvest times would
serve for a removed column, whose `valid_to` is the harvest's, but a retyped column keeps
no time of the change.)"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from catalog.sla import notify as sla_notify
from graph import GraphStore, Rel
from graph import marketplace as gm
from graph import sla as gs
from graph.props import now_iso
from ingestors.data_products.check import check
from ingestors.data_products.contracts import ContractError, load_contract

log = logging.getLogger(__name__)
CONTRACT_BREAK = "contract_break"
BREAKING = ("missing_column", "type", "missing_dataset")
EVENT = "contract.breaking_change"


def breaks_of(store: GraphStore, product: dict[str, Any], datasets: list[str]
              ) -> list[dict[str, Any]] | None:
    """The breaking violations of a product's contract now (None: no readable contract)."""
    ref = product.get("contract_ref")
    if not ref:
        return None
    try:
        contract = load_contract(Path(ref))
    except (ContractError, OSError) as exc:
        log.warning("contract of %s unreadable: %s", product["id"], exc)
        return None
    wanted = sorted(set(datasets) | set(contract.candidates)
                    | {cd.dataset for cd in contract.datasets if cd.dataset})
    present = {i for i, n in store.get_nodes(wanted).items() if n.get("valid_to") is None}
    pairs = store.neighbours(sorted(present), Rel.HAS_COLUMN) if present else {}
    columns = {ds: [n for _, n in cols if n.get("valid_to") is None]
               for ds, cols in pairs.items()}
    result = check(contract, datasets, columns)
    return [v.as_dict() for v in result.violations
            if v.severity == "error" and v.kind in BREAKING]


def cause_id(product: str, b: dict[str, Any]) -> str:
    """A break of a product's contract (the id of its first incident)."""
    return f"incident:{product}|{CONTRACT_BREAK}|{b['dataset']}#{b.get('column') or ''}|" \
           f"{b['kind']}"


def incident_id(cause: str, occurrence: int) -> str:
    return cause if occurrence == 1 else f"{cause}|{occurrence}"


def _reason(b: dict[str, Any]) -> str:
    what = f"{b['dataset']}: column {b.get('column')}" if b.get("column") else b["dataset"]
    return {"missing_column": f"{what} the contract names was removed",
            "type": f"{what} is {b.get('actual')}, the contract says {b.get('expected')}",
            "missing_dataset": f"{what} the contract names is gone"}[b["kind"]]


def check_products(store: GraphStore, product_ids: list[str]) -> dict[str, list[str]]:
    """Open and close contract-break incidents of these products; notify the new ones."""
    opened: list[tuple[dict, dict, dict]] = []
    closing: list[str] = []
    rows = gm.listing(store, product_ids)
    seen: dict[str, int] = {}  # cause: its incidents so far
    current: dict[str, str] = {}  # cause: its open incident
    for i in gs.incidents_of_kind(store, product_ids, CONTRACT_BREAK):
        cause = i.get("cause") or i["id"]  # an incident from before causes were kept
        seen[cause] = seen.get(cause, 0) + 1
        if i.get("status") == "open":
            current[cause] = i["id"]
    to_open: list[dict[str, Any]] = []
    for row in rows:
        p = row["product"]
        breaks = breaks_of(store, p, row["datasets"])
        if breaks is None:
            continue
        wanted = {cause_id(p["id"], b): b for b in breaks}
        for cause, b in wanted.items():
            if cause not in current:
                to_open.append({"id": incident_id(cause, seen.get(cause, 0) + 1),
                                "cause": cause, "product": p["id"], "kind": CONTRACT_BREAK,
                                "reason": _reason(b), "started_at": now_iso()})
                opened.append((p, b, to_open[-1]))
        closing += [iid for cause, iid in current.items()
                    if cause.startswith(f"incident:{p['id']}|") and cause not in wanted]
    if not to_open and not closing:
        return {"opened": [], "closed": []}

    audience = sla_notify.Audience(store)
    notes = [n for p, b, row in opened for n in sla_notify.rows(
        store, EVENT, row["id"], p, {"incident": {**row, "status": "open"}, "breaks": [b]},
        audience)]

    def work(tx):  # the incidents and their notifications: all or nothing
        done = (gs.open_incident_rows(tx, to_open) if to_open else [],
                gs.close_incidents(tx, closing) if closing else [])
        if notes:
            gm.notify(tx, notes)
        return done
    done_open, done_closed = store.write(work)
    return {"opened": [i["id"] for i in done_open], "closed": [i["id"] for i in done_closed]}
