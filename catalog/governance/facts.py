"""Build each subject's view (catalog/governance/view.py) from whole-catalog scans.

Only what some policy reads is fetched: a catalog without column policies never reads its
million columns, and lineage neighbours are read only when a policy looks at them.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from typing import Any

from catalog.classification.infotypes import Sensitivity
from graph import GraphStore, Label
from graph import governance as gg
from graph.labels import split_column_id
from graph.props import from_json_prop

RETENTION_KEYS = ("retention", "retention_period", "retention_days")
RETENTION_IN = ("sla", "contract_sla")
OK_CONTRACT = ("pass", "ok", "passed", "valid")


def _rank(sensitivity: str | None) -> int:
    try:
        return int(Sensitivity.parse(sensitivity or "confidential"))
    except ValueError:
        return int(Sensitivity.CONFIDENTIAL)


def _props(node: dict[str, Any]) -> dict[str, Any]:
    """Node properties with JSON ones decoded and provenance left out."""
    out = {}
    for k, v in node.items():
        if k in ("valid_to", "props_hash", "ol_keys"):
            continue
        if isinstance(v, str) and v[:1] in "[{":
            v = from_json_prop(v)
        out[k] = v
    return out


def _retention(product: dict[str, Any]) -> str | None:
    for holder in [product, *(from_json_prop(product.get(p)) for p in RETENTION_IN)]:
        if isinstance(holder, dict):
            for key in RETENTION_KEYS:
                if holder.get(key) not in (None, "", []):
                    return str(holder[key])
    return None


def _summary(violations: Any) -> str:
    if not isinstance(violations, list):
        return str(violations) if violations else ""
    parts = []
    for item in violations[:10]:
        if not isinstance(item, dict):
            parts.append(str(item))
            continue
        text = " ".join(str(item[k]) for k in ("kind", "column") if item.get(k))
        if "expected" in item or "actual" in item:
            text += f" (contract {item.get('expected')}, harvested {item.get('actual')})"
        parts.append(text)
    return "; ".join(parts)


def _hours_since(ts: str | None) -> int | None:
    if not ts:
        return None
    try:
        at = datetime.fromisoformat(ts.replace("Z", "+00:00"))
    except ValueError:
        return None
    if at.tzinfo is None:
        at = at.replace(tzinfo=UTC)
    return int((datetime.now(UTC) - at).total_seconds() // 3600)


def _run(row: dict[str, Any]) -> dict[str, Any]:
    r = row["run"]
    ended = r.get("ended") or r.get("ended_at")
    return {"id": r["id"], "state": r.get("state") or r.get("status"),
            "started": r.get("started") or r.get("started_at"), "ended": ended,
            "job": row.get("job"), "age_hours": _hours_since(ended or r.get("last_seen"))}


def _by_subject(rows: list[dict[str, Any]]) -> tuple[dict[str, list], dict[str, list]]:
    """(dataset id -> its and its columns' classifications, column id -> its own)."""
    by_ds: dict[str, list] = defaultdict(list)
    by_col: dict[str, list] = defaultdict(list)
    for r in rows:
        c = {"name": r["name"], "sensitivity": r.get("sensitivity") or "confidential",
             "rank": _rank(r.get("sensitivity")), "on": r["on"]}
        by_ds[r["dataset"]].append(c)
        if r["on"] != r["dataset"]:
            by_col[r["on"]].append(c)
    return by_ds, by_col


class Facts:
    """The views of one kind of subject, for the fields `needs` names."""

    def __init__(self, store: GraphStore):
        self.store = store
        self._cache: dict[str, Any] = {}

    def _once(self, key: str, fn):
        if key not in self._cache:
            self._cache[key] = fn()
        return self._cache[key]

    # -- shared parts ---------------------------------------------------------------------
    def product_domain(self) -> dict[str, str]:
        return self._once("pd", lambda: {r["product"]: r["domain"]
                                         for r in gg.domain_products(self.store)})

    def dataset_product(self) -> dict[str, str]:
        return self._once("dp", lambda: {d: p for p, d in gg.contains(self.store)})

    def owners(self, label: Label) -> dict[str, list[dict[str, Any]]]:
        def read():
            out: dict[str, list[dict[str, Any]]] = defaultdict(list)
            for subject, oid, name, type_, role in gg.owned_by(self.store, label):
                out[subject].append({"id": oid, "name": name or "", "type": type_ or "",
                                     "role": role or ""})
            return out
        return self._once(f"owners:{label}", read)

    def tags(self, label: Label) -> dict[str, list[str]]:
        def read():
            out: dict[str, list[str]] = defaultdict(list)
            for subject, tag in gg.tagged(self.store, label):
                out[subject].append(tag)
            return out
        return self._once(f"tags:{label}", read)

    def classifications(self) -> tuple[dict[str, list], dict[str, list]]:
        """(dataset id -> its and its columns' classifications, column id -> its own)."""
        return self._once("cls", lambda: _by_subject(gg.classified(self.store)))

    def columns(self) -> list[list[Any]]:
        """[id, dataset id, name, type] of every open column."""
        return self._once("cols", lambda: _column_rows(gg.columns(self.store)))

    def runs(self) -> list[dict[str, Any]]:
        return self._once("runs", lambda: gg.job_runs(self.store))

    def feeds(self) -> list[list[str]]:
        return self._once("feeds", lambda: gg.feeds(self.store))

    def nodes(self, label: Label) -> list[dict[str, Any]]:
        return self._once(f"nodes:{label}", lambda: gg.nodes(self.store, label))

    # -- views ----------------------------------------------------------------------------
    def views(self, kind: str, needs: set[str]) -> Iterable[dict[str, Any]]:
        return getattr(self, f"_{kind}s")(needs)

    def _products(self, needs: set[str]) -> list[dict[str, Any]]:
        pd = self.product_domain()
        owners = self.owners(Label.DATA_PRODUCT)
        tags = self.tags(Label.DATA_PRODUCT) if "tags" in needs else {}
        want_cls = needs & {"classifications", "personal_data"}
        by_ds = self.classifications()[0] if want_cls else {}
        datasets: dict[str, list[str]] = defaultdict(list)
        for ds, p in self.dataset_product().items():
            datasets[p].append(ds)
        out = []
        for node in self.nodes(Label.DATA_PRODUCT):
            pid = node["id"]
            cls = [c for ds in datasets.get(pid, []) for c in by_ds.get(ds, [])]
            status = node.get("contract_status")
            violations = from_json_prop(node.get("contract_violations")) or []
            sla = from_json_prop(node.get("sla"))
            out.append({
                "id": pid, "kind": "product", "name": node.get("name") or pid,
                "domain": pd.get(pid), "properties": _props(node),
                "owners": owners.get(pid, []), "tags": tags.get(pid, []),
                "classifications": cls,
                "datasets": sorted(datasets.get(pid, [])),
                "personal_data": sorted({c["name"] for c in cls
                                         if c["rank"] >= Sensitivity.CONFIDENTIAL}),
                "retention": _retention(node),
                "sla": sla if isinstance(sla, dict) else {},
                "has_contract": status is not None or node.get("contract_ref") is not None,
                "contract": {"status": None if status is None else str(status).lower(),
                             "violations": violations if isinstance(violations, list) else [],
                             "summary": _summary(violations),
                             "sla": from_json_prop(node.get("contract_sla")) or {},
                             "id": node.get("contract_id"),
                             "version": node.get("contract_version")},
            })
        return out

    def _contracts(self, needs: set[str]) -> list[dict[str, Any]]:
        return [{**{k: p[k] for k in ("kind", "name", "domain", "properties")},
                 "kind": "contract", "id": p["id"], "product": p["id"],
                 **{k: p["contract"][k] for k in ("status", "violations", "summary", "sla")}}
                for p in self._products(set()) if p["has_contract"]]

    def _datasets(self, needs: set[str]) -> list[dict[str, Any]]:
        dp, pd = self.dataset_product(), self.product_domain()
        owners = self.owners(Label.DATASET)
        p_owners = self.owners(Label.DATA_PRODUCT)
        tags = self.tags(Label.DATASET) if "tags" in needs else {}
        by_ds = self.classifications()[0] if "classifications" in needs else {}
        cols: dict[str, list[str]] = defaultdict(list)
        if "columns" in needs:
            for _, dataset, name, _ in self.columns():
                cols[dataset].append(name)
        up: dict[str, list[str]] = defaultdict(list)
        down: dict[str, list[str]] = defaultdict(list)
        if needs & {"upstream", "downstream"}:
            for src, dst in self.feeds():
                down[src].append(dst)
                up[dst].append(src)
        last: dict[str, dict[str, Any]] = {}
        if "last_run" in needs:
            for row in self.runs():
                run = _run(row)
                for ds in row["outputs"]:
                    seen = last.get(ds)
                    if seen is None or (run["started"] or "") > (seen["started"] or ""):
                        last[ds] = run
        out = []
        for node in self.nodes(Label.DATASET):
            did = node["id"]
            product = dp.get(did)
            name = node.get("name") or did
            out.append({
                "id": did, "kind": "dataset", "name": name, "table": name.rsplit(".", 1)[-1],
                "domain": pd.get(product) if product else None, "properties": _props(node),
                "owners": owners.get(did, []), "tags": tags.get(did, []),
                "classifications": by_ds.get(did, []), "product": product,
                "product_owners": p_owners.get(product, []) if product else [],
                "columns": cols.get(did, []), "upstream": up.get(did, []),
                "downstream": down.get(did, []), "last_run": last.get(did),
            })
        return out

    def column_views(self, needs: set[str], datasets: set[str]) -> list[dict[str, Any]]:
        """The views of the columns of `datasets` only (after a write touched those)."""
        ids = sorted(datasets)
        columns = _column_rows(gg.columns_of(self.store, ids))
        by_col = _by_subject(gg.classified_columns_of(self.store, ids))[1] \
            if "classifications" in needs else {}
        dp = {d: p for p, d in gg.contains(self.store, ids)}
        return self._columns(needs, columns, by_col, dp)

    def _columns(self, needs: set[str], columns: list[list[Any]] | None = None,
                 by_col: dict[str, list] | None = None, dp: dict[str, str] | None = None
                 ) -> list[dict[str, Any]]:
        """Column views hold only what the policies read (there may be millions)."""
        pd = self.product_domain()
        dp = self.dataset_product() if dp is None else dp
        if by_col is None:
            by_col = self.classifications()[1] if "classifications" in needs else {}
        domain_of = {ds: pd.get(p) for ds, p in dp.items()}
        out = []
        props = "properties" in needs
        for cid, dataset, name, type_ in self.columns() if columns is None else columns:
            view = {"id": cid, "kind": "column", "name": name or "",
                    "domain": domain_of.get(dataset), "dataset": dataset, "type": type_}
            if props:
                view["properties"] = {"name": name, "type": type_}
            if by_col:
                view["classifications"] = by_col.get(cid, [])
            elif "classifications" in needs:
                view["classifications"] = []
            out.append(view)
        return out

    def prefetch(self, needs: dict[str, set[str]], workers: int = 4) -> None:
        """Read the parts the views of `needs` (kind -> fields) use, concurrently: the
        engine answers several whole-catalog reads at once faster than one after another."""
        if not needs:
            return
        parts = [self.product_domain, self.dataset_product]
        if needs.get("dataset") or needs.get("product") or needs.get("contract"):
            parts += [lambda: self.owners(Label.DATASET), lambda: self.owners(Label.DATA_PRODUCT),
                      lambda: self.nodes(Label.DATASET) if needs.get("dataset") else None,
                      lambda: self.nodes(Label.DATA_PRODUCT)]
        wanted = set().union(*needs.values()) if needs else set()
        if needs.get("column") or "columns" in needs.get("dataset", set()):
            parts.append(self.columns)
        if wanted & {"classifications", "personal_data"}:
            parts.append(self.classifications)
        if "tags" in needs.get("dataset", set()):
            parts.append(lambda: self.tags(Label.DATASET))
        if "tags" in needs.get("product", set()):
            parts.append(lambda: self.tags(Label.DATA_PRODUCT))
        if needs.get("dataset", set()) & {"upstream", "downstream"}:
            parts.append(self.feeds)
        if needs.get("run") or "last_run" in needs.get("dataset", set()):
            parts.append(self.runs)
        with ThreadPoolExecutor(max_workers=workers) as pool:
            for f in [pool.submit(p) for p in parts]:
                f.result()

    def _owners(self, needs: set[str]) -> list[dict[str, Any]]:
        counts = gg.owner_counts(self.store) if "owns" in needs else {}
        return [{"id": n["id"], "kind": "owner", "name": n.get("name") or n["id"],
                 "domain": None, "properties": _props(n), "type": n.get("type") or "",
                 "owns": counts.get(n["id"], 0), "email": n.get("email")}
                for n in gg.nodes(self.store, Label.OWNER)]

    def _runs(self, needs: set[str]) -> list[dict[str, Any]]:
        dp, pd = self.dataset_product(), self.product_domain()
        out = []
        for row in self.runs():
            run = _run(row)
            domains = {pd.get(dp.get(ds)) for ds in row["outputs"]} - {None}
            out.append({**run, "kind": "run", "name": run["id"],
                        "domain": min(domains) if domains else None,
                        "properties": _props(row["run"]), "outputs": row["outputs"]})
        return out


def _column_rows(rows: list[list[Any]]) -> list[list[Any]]:
    """[id, name, type] rows of columns as [id, dataset id, name, type]."""
    return [[c[0], split_column_id(c[0])[0], c[1], c[2]] for c in rows]
