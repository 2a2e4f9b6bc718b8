"""The `data-product` source: product manifests (YAML) and the data contracts they name.

Each manifest gives a Domain, a DataProduct (`product:<domain>/<name>`) with its SLA,
output ports and lineage source systems, its Owner, and CONTAINS edges to datasets the
catalog already has (harvest the databases or dbt first). A product's contract (own
format or ODCS v3) is checked against the harvested columns; the result is kept on the
product (`contract_status`, `contract_violations`) and reported in the run summary.

A domain's own governance policies live beside its manifests, in `policies.yaml` or
`<anything>.policies.yaml` (`domain: <name>` and `policies: [...]`, see
catalog/governance/policies.py): each harvest stores them in the graph for that domain,
replacing what the file gave before. A refused policy is a warning naming its file and
line; the others load.
"""

from __future__ import annotations

import glob
import logging
from functools import cached_property
from pathlib import Path
from typing import Any

import yaml
from pydantic import Field, ValidationError

from catalog.audit import Actor
from catalog.governance.service import GovernanceService
from graph import Label, Rel
from graph.props import json_prop, now_iso
from identity import ids
from ingestors.base import Harvest, Source, SourceConfig
from ingestors.data_products.check import check
from ingestors.data_products.contracts import ContractError, load_contract
from ingestors.data_products.manifest import OwnerSpec, ProductManifest
from ingestors.recipe import RecipeError, validation_errors

log = logging.getLogger(__name__)


class DataProductConfig(SourceConfig):
    paths: list[str] = Field(min_length=1, description="manifest files or glob patterns, "
                                                      "relative to the recipe")
    check_contracts: bool = True


def load_manifest(path: Path) -> ProductManifest:
    try:
        doc = yaml.safe_load(path.read_text())
    except OSError as exc:
        raise RecipeError([("", f"cannot read: {exc.strerror}")], str(path)) from None
    except yaml.YAMLError as exc:
        raise RecipeError([("", f"not valid YAML: {exc}")], str(path)) from None
    try:
        return ProductManifest.model_validate(doc)
    except ValidationError as exc:
        raise RecipeError(validation_errors(exc, ProductManifest, ""), str(path)) from None


class DataProductSource(Source):
    type = "data-product"
    source = "manifest"
    config_class = DataProductConfig
    config: DataProductConfig

    @cached_property
    def files(self) -> list[Path]:
        out: list[Path] = []
        for i, pattern in enumerate(self.config.paths):
            full = str(self.ctx.path(pattern))
            matched = sorted(Path(p) for p in glob.glob(full, recursive=True))
            if not matched:
                raise RecipeError([(f"source.config.paths[{i}]",
                                    f"no manifest matches {full}")])
            out.extend(m for m in matched if m not in out and not _policy_file(m))
        return out

    def policy_files(self) -> list[Path]:
        """The domain policy files in the manifests' folders."""
        out: list[Path] = []
        for folder in dict.fromkeys(f.parent for f in self.files):
            out += sorted(p for p in folder.glob("*.yaml") if _policy_file(p))
        return out

    @property
    def scope(self) -> str:
        return "manifest:" + ",".join(str(self.ctx.path(p)) for p in self.config.paths)

    def harvest(self) -> Harvest:
        harvest = Harvest(self.source)
        manifests = [(f, load_manifest(f)) for f in self.files]
        seen: dict[str, Path] = {}
        contracts: list[dict[str, Any]] = []
        for file, m in manifests:
            pid = ids.product_id(m.domain, m.name)
            if pid in seen:
                raise RecipeError([("name", f"product {m.domain}/{m.name} is also declared "
                                            f"in {seen[pid]}")], str(file))
            seen[pid] = file
            report = self._product(file, m, harvest)
            if report:
                contracts.append(report)
        harvest.report["products"] = len(manifests)
        domains = {m.domain for _, m in manifests}
        problems = self._policies(domains)
        if problems:
            harvest.report["policy_problems"] = problems
        if contracts:
            harvest.report["contracts"] = contracts
        return harvest

    def _policies(self, domains: set[str]) -> list[str]:
        """Store each domain policy file's policies; the refused ones, as warnings."""
        if self.ctx.store is None:
            return []
        svc = GovernanceService(self.ctx.store)
        actor = Actor("ingest:data-product", "ingest")
        files = self.policy_files()
        svc.forget_files([str(f.parent) for f in self.files], [str(f) for f in files], actor)
        out = []
        for path in files:
            text = path.read_text()
            try:
                doc = yaml.safe_load(text)
            except yaml.YAMLError:
                doc = None
            domain = doc.get("domain") if isinstance(doc, dict) else None
            if domain is None and len(domains) == 1:
                domain = next(iter(domains))
            if not domain:
                out.append(f"{path}:1: says no `domain:` (its folder's manifests name "
                           f"{len(domains)} domains)")
                continue
            for problem in svc.replace_file_policies(str(domain), str(path), text, actor):
                out.append(str(problem))
        for line in out:
            self.ctx.warn(f"policy refused: {line}")
        return out

    def _product(self, file: Path, m: ProductManifest, harvest: Harvest) -> dict | None:
        pid, did = ids.product_id(m.domain, m.name), ids.domain_id(m.domain)
        harvest.node(Label.DOMAIN, did, name=m.domain,
                     **({"description": m.domain_description} if m.domain_description else {}))
        oid = self._owner(m.owner_spec, harvest)
        for steward in m.steward_specs:  # the domain's: they decide its products' requests
            harvest.edge(Rel.OWNED_BY, did, self._owner(steward, harvest), role="steward")
        props: dict[str, Any] = {
            "name": m.name, "domain": m.domain, "version": m.version,
            "description": m.description, "status": m.status,
            "sla": json_prop(m.sla.model_dump(exclude_none=True)) if m.sla else None,
            "output_ports": json_prop([p.model_dump(exclude_none=True)
                                       for p in m.output_ports]) if m.output_ports else None,
            "source_systems": m.lineage.source_systems if m.lineage else None,
            "manifest_path": str(file),
        }
        harvest.node(Label.DATA_PRODUCT, pid, **props)
        harvest.edge(Rel.HAS_PRODUCT, did, pid)
        harvest.edge(Rel.OWNED_BY, pid, oid, role="owner")
        for tag in m.tags:
            harvest.node(Label.TAG, ids.tag_id(tag), name=tag)
            harvest.edge(Rel.TAGGED, pid, ids.tag_id(tag))
        datasets = m.dataset_ids()
        present = self._present(datasets)
        for ds in datasets:
            if ds in present:
                harvest.edge(Rel.CONTAINS, pid, ds)
            else:
                self.ctx.warn(f"product {m.domain}/{m.name}: dataset {ds} is not in the catalog "
                              "(harvest its source first); not linked")
        if not m.contract:
            return None
        return self._contract(file, m, pid, datasets, harvest)

    @staticmethod
    def _owner(owner: OwnerSpec, harvest: Harvest) -> str:
        oid = ids.owner_id(owner.name, owner.type)
        harvest.node(Label.OWNER, oid, name=owner.name, type=owner.type,
                     **({"email": owner.email} if owner.email else {}))
        return oid

    def _present(self, datasets: list[str]) -> set[str]:
        if not datasets or self.ctx.store is None:
            return set()
        nodes = self.ctx.store.get_nodes(datasets)
        return {i for i, n in nodes.items() if n.get("valid_to") is None}

    def _contract(self, file: Path, m: ProductManifest, pid: str, datasets: list[str],
                  harvest: Harvest) -> dict[str, Any]:
        path = Path(m.contract).expanduser()
        path = path if path.is_absolute() else file.parent / path
        try:
            contract = load_contract(path)
        except ContractError as exc:
            raise RecipeError(exc.errors, exc.file) from None
        props: dict[str, Any] = {"contract_ref": str(path), "contract_format": contract.format,
                                 "contract_id": contract.id,
                                 "contract_version": contract.version,
                                 "contract_sla": json_prop(contract.sla) if contract.sla
                                 else None,
                                 "contract_versioning": json_prop(contract.versioning)
                                 if contract.versioning else None}
        report: dict[str, Any] = {"product": f"{m.domain}/{m.name}", "contract": str(path),
                                  "format": contract.format}
        if self.config.check_contracts and self.ctx.store is not None:
            result = check(contract, datasets, self._columns(contract, datasets))
            violations = [v.as_dict() for v in result.violations]
            props.update(contract_status=result.status,
                         contract_violations=json_prop(violations),
                         contract_checked_at=now_iso())
            report.update(status=result.status, violations=violations)
        harvest.node(Label.DATA_PRODUCT, pid, **props)
        return report

    def _columns(self, contract: Any, datasets: list[str]) -> dict[str, list[dict]]:
        """Open columns of every dataset the contract may mean, from the graph."""
        store = self.ctx.store
        wanted = set(datasets) | set(contract.candidates) | {
            cd.dataset for cd in contract.datasets if cd.dataset}
        present = self._present(sorted(wanted))
        pairs = store.neighbours(sorted(present), Rel.HAS_COLUMN) if present else {}
        return {ds: [node for _, node in cols if node.get("valid_to") is None]
                for ds, cols in pairs.items()}


def _policy_file(path: Path) -> bool:
    return path.name == "policies.yaml" or path.name.endswith(".policies.yaml")
