"""Store operations of governance: the facts policies read (whole-catalog scans, joined in
Python), the findings an evaluation keeps, the trend of evaluations, and domain policies
stored in the graph. Governance nodes (GovFinding, GovEvaluation, GovPolicy) are outside
the catalog's labels, like ApiToken."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from graph.cypher import cypher
from graph.labels import Label

if TYPE_CHECKING:
    from graph.store import GraphStore
    from graph.tx import StoreTx

DDL = ("gov_schema_finding_id", "gov_schema_policy_id")
CHUNK = 2000


# -- facts ----------------------------------------------------------------------------------
def _rows(store: GraphStore, statement: str) -> list[Any]:
    """The list a collect(...) statement answers in its one record."""
    return store.query_value(statement) or []


def nodes(store: GraphStore, label: Label) -> list[dict[str, Any]]:
    return _rows(store, cypher("gov_nodes", label=label))


def owned_by(store: GraphStore, label: Label) -> list[list[Any]]:
    """[subject, owner id, name, type, role] of every open OWNED_BY edge from `label`."""
    return _rows(store, cypher("gov_owned_by", label=label))


def tagged(store: GraphStore, label: Label) -> list[list[str]]:
    """[subject, tag name]."""
    return _rows(store, cypher("gov_tagged", label=label))


def domain_products(store: GraphStore) -> list[dict[str, Any]]:
    return store.query(cypher("gov_domain_products"))


def contains(store: GraphStore, datasets: list[str] | None = None) -> list[list[str]]:
    """[product, dataset] of every open dataset in an open product, or of `datasets`."""
    if datasets is None:
        return _rows(store, cypher("gov_contains"))
    return store.query_value(cypher("gov_contains_of"), ids=datasets) or [] if datasets else []


def classified(store: GraphStore) -> list[dict[str, Any]]:
    """{dataset, on, name, sensitivity} of accepted classifications on datasets and their
    columns."""
    return store.query(cypher("gov_classified_datasets")) + \
        store.query(cypher("gov_classified_columns"))


def feeds(store: GraphStore) -> list[list[str]]:
    """[src, dst] of open FEEDS edges."""
    return _rows(store, cypher("gov_feeds"))


def columns(store: GraphStore) -> list[list[Any]]:
    """[id, name, type] of open columns."""
    return _rows(store, cypher("gov_columns"))


def columns_of(store: GraphStore, datasets: list[str]) -> list[list[Any]]:
    """[id, name, type] of the open columns of these datasets."""
    return store.query_value(cypher("gov_columns_of"), ids=datasets) or [] if datasets else []


def classified_columns_of(store: GraphStore, datasets: list[str]) -> list[dict[str, Any]]:
    """{dataset, on, name, sensitivity} of accepted classifications on these datasets'
    columns."""
    return store.query(cypher("gov_classified_columns_of"), ids=datasets) if datasets else []


def job_runs(store: GraphStore) -> list[dict[str, Any]]:
    return store.query(cypher("gov_job_runs"))


def owner_counts(store: GraphStore) -> dict[str, int]:
    return {r["owner"]: r["owns"] for r in store.query(cypher("gov_owner_counts"))}


# -- findings -------------------------------------------------------------------------------
def open_findings(store: GraphStore) -> dict[str, tuple[str, str]]:
    """finding id -> (message, severity) of every open finding."""
    return {fid: (message, severity)
            for fid, message, severity in _rows(store, cypher("gov_findings_open"))}


def save_findings(store: GraphStore, rows: list[dict[str, Any]], resolved: list[str],
                  now: str) -> None:
    """New or changed findings written, vanished ones resolved; in chunks (a first
    evaluation of a big catalog writes many)."""
    for k in range(0, len(rows), CHUNK):
        part = rows[k:k + CHUNK]
        store.write(lambda tx, part=part: tx.run(cypher("gov_findings_upsert"), rows=part,
                                                  now=now))
    for k in range(0, len(resolved), CHUNK):
        part = resolved[k:k + CHUNK]
        store.write(lambda tx, part=part: tx.run(cypher("gov_findings_resolve"), ids=part,
                                                  now=now))


def findings(store: GraphStore, domain: str | None, since: str) -> list[dict[str, Any]]:
    rows = store.query_value(cypher("gov_findings_list"), domain=domain, since=since) or []
    return sorted(rows, key=lambda f: (f["policy"], f["subject_id"], f.get("check") or 0))


def add_evaluation(store: GraphStore, row: dict[str, Any], keep: int) -> None:
    """One evaluation's summary; only the newest `keep` are kept."""
    def work(tx: StoreTx) -> None:
        tx.run(cypher("gov_evaluation_add"), **row)
        tx.run(cypher("gov_evaluations_prune"), keep=keep)
    store.write(work)


def evaluations(store: GraphStore, first: int) -> list[dict[str, Any]]:
    return [r["evaluation"] for r in store.query(cypher("gov_evaluations"), first=first)]


# -- domain policies in the graph -----------------------------------------------------------
def put_policy(tx: StoreTx, row: dict[str, Any]) -> dict[str, Any]:
    return tx.run(cypher("gov_policy_put"), **row)[0]["policy"]


def get_policy(tx: StoreTx, policy_key: str) -> dict[str, Any] | None:
    rows = tx.run(cypher("gov_policy_get"), id=policy_key)
    return rows[0]["policy"] if rows else None


def delete_policy(tx: StoreTx, policy_key: str) -> None:
    tx.run(cypher("gov_policy_delete"), id=policy_key)


def policies(store: GraphStore, domain: str | None = None) -> list[dict[str, Any]]:
    return [r["policy"] for r in store.query(cypher("gov_policies_list"), domain=domain)]


def domain_owners(store: GraphStore, domain: str) -> set[str]:
    rows = store.query(cypher("gov_domain_owners"), id=domain)
    return {o for o in rows[0]["owners"] if o} if rows else set()


def policies_stamp(store: GraphStore) -> tuple[int, str | None]:
    """(how many, newest update) of the domain policies: a change means re-evaluate."""
    rows = store.query(cypher("gov_policies_stamp"))
    return (rows[0]["n"], rows[0]["latest"]) if rows else (0, None)
