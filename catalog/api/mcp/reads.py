"""The read tools: each one service call in a worker thread, its answer paged and summed up.

Ids are the catalog's own (`dataset:<namespace>:<name>`, `<dataset id>#<column>`,
`product:<domain>/<name>`, `domain:<name>`, `job:<namespace>:<name>`): every answer names
things by them, and every tool takes them."""

from __future__ import annotations

import asyncio
from collections import Counter
from collections.abc import Callable
from typing import Annotated, Any, Literal, TypeVar

from mcp.server.mcpserver import MCPServer
from mcp.server.mcpserver.exceptions import ToolError
from pydantic import Field

from catalog.api.mcp.access import CatalogAccess
from catalog.api.mcp.answer import Mapped, fit, offset_of, page_size, paged
from catalog.browse import BrowseService
from catalog.governance.service import GovernanceService
from catalog.lineage import LineageDirection, LineageService
from catalog.search import Kind, SearchRequest
from graph.errors import GraphError
from graph.props import from_json_prop

T = TypeVar("T")
Limit = Annotated[int | None, Field(description="items per answer (default and most: the "
                                                "server's page size)")]
Cursor = Annotated[str | None, Field(description="next_cursor of the previous answer")]
Id = Annotated[str, Field(description="a catalog id, as search and other answers give them")]
KINDS = {k.name.lower(): k for k in Kind}
HIDDEN = {"fingerprint", "scope", "first_seen", "manifest_path"}  # bookkeeping, not answers
JSON_PROPS = {"sla", "output_ports", "quality"}


async def call(fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    """A service call off the event loop; the catalog's refusals become tool errors."""
    try:
        return await asyncio.to_thread(fn, *args, **kwargs)
    except GraphError as exc:
        raise ToolError(f"{getattr(exc, 'code', 'ERROR')}: {exc}") from None


def _names(refs: list[Any]) -> str:
    return ", ".join(r.get("name") or r["id"] for r in refs) if refs else "none"


def register_reads(server: MCPServer, access: CatalogAccess) -> None:
    settings = access.settings

    @server.tool(description="Keyword search over datasets, columns, jobs, data products and "
                 "domains (identifiers split, typos forgiven), with filters and facets. Use "
                 "query '*' to list everything that matches the filters.")
    async def search(query: str,
                     kinds: list[Literal["dataset", "column", "job", "data_product",
                                         "domain"]] | None = None,
                     domain: list[str] | None = None, data_product: list[str] | None = None,
                     platform: list[str] | None = None, tag: list[str] | None = None,
                     classification: list[str] | None = None, owner: list[str] | None = None,
                     limit: Limit = None, cursor: Cursor = None) -> str:
        service = access.search()
        if service is None:
            raise ToolError("UNAVAILABLE: the search index is still being built; retry soon")
        filters = {k: v for k, v in (("domain", domain), ("dataProduct", data_product),
                                     ("platform", platform), ("tag", tag),
                                     ("classification", classification), ("owner", owner))
                   if v}
        request = SearchRequest(query=query, kinds=[KINDS[k] for k in kinds] if kinds else None,
                                filters=filters, first=page_size(settings, limit),
                                offset=offset_of(cursor))
        found = await call(service.search, request)
        hits = [{"id": h.id, "kind": h.kind.name.lower(), "score": h.score,
                 "matched": h.highlight or (h.matched_fields[0].value
                                            if h.matched_fields else None)}
                for h in found.hits]
        facets = {f.field: {v.value: v.count for v in f.values[:8]} for f in found.facets
                  if f.values}
        end = request.offset + len(hits)
        summary = (f"{found.total} matches for {query!r}" +
                   (f", showing {request.offset + 1}-{end}" if hits else "") +
                   ("; pass next_cursor for more" if found.has_next else ""))
        return fit(settings, summary, {"hits": hits, "facets": facets, "total": found.total,
                                       "next_cursor": str(end) if found.has_next else None})

    @server.tool(description="One entity (dataset, column, data product, domain or job) with "
                 "its owners, tags, classifications (status, score, reasons), what contains "
                 "it and what it contains, and a data product's contract status. Long lists "
                 "(columns, datasets) are paged.")
    async def get_entity(id: Id, limit: Limit = None,
                         cursor: Cursor = None) -> str:
        found = await call(BrowseService(access.store()).describe, id)
        entity = found.pop("entity")
        listed = next((k for k in ("columns", "datasets", "data_products") if k in found),
                      None)
        label = entity["label"]
        bits = [f"{label} {entity['id']}",
                f"owners: {_names(found.get('owners', []))}",
                f"classifications: {_names(found.get('classifications', []))}"]
        if found.get("contract"):
            bits.append(f"contract: {found['contract'].get('status', 'not checked')}")
        core = {k: from_json_prop(v) if k in JSON_PROPS else v for k, v in entity.items()
                if v not in (None, "", []) and k not in HIDDEN and not k.startswith("contract_")}
        summary = "; ".join(bits)
        if listed is None:
            return fit(settings, summary, {"entity": core, **found})
        items = found.pop(listed)
        return paged(settings, summary + f"; {len(items)} {listed}", listed, items,
                     limit=limit, cursor=cursor, extra={"entity": core, **found})

    @server.tool(description="Lineage of a dataset (table level) or a column (column level): "
                 "upstream, downstream or both, bounded by depth, optionally as it was at a "
                 "time (ISO-8601). Nodes in breadth-first order, each edge with its jobs and "
                 "transformations (masking, aggregation).")
    async def lineage(id: Id,
                      direction: Literal["upstream", "downstream", "both"] = "downstream",
                      depth: int | None = None, as_of: str | None = None,
                      include_jobs: bool = False, limit: Limit = None,
                      cursor: Cursor = None) -> str:
        g = await call(LineageService(access.store(), settings).lineage, id,
                       direction=LineageDirection(direction.upper()), depth=depth,
                       include_jobs=include_jobs, as_of=as_of,
                       first=page_size(settings, limit), after=cursor or None)
        nodes = [{"id": n.id, "label": n.label, "hops": n.degree, "side": n.side.value}
                 for n in g.nodes]
        edges = [{"from": e.upstream, "to": e.downstream, "type": e.type.value,
                  "jobs": e.jobs, "transformations": e.transformations} for e in g.edges]
        sides = Counter(n["side"] for n in nodes)
        summary = (f"{direction} lineage of {id}: {g.total_nodes} nodes"
                   f" ({sides.get('UPSTREAM', 0)} upstream, {sides.get('DOWNSTREAM', 0)} "
                   f"downstream on this page)" +
                   ("; pass next_cursor for more" if g.has_next_page else
                    "; cut by the fan-out cap" if g.truncated else ""))
        return fit(settings, summary, {
            "nodes": nodes, "edges": edges, "total_nodes": g.total_nodes,
            "next_cursor": g.nodes[-1].id if g.has_next_page and g.nodes else None})

    @server.tool(description="The shortest lineage path between two datasets or two columns, "
                 "in the direction data flows, with the jobs on the way.")
    async def lineage_path(from_id: Id, to_id: Id) -> str:
        p = await call(LineageService(access.store(), settings).path, from_id, to_id)
        if not p.found:
            return fit(settings, f"no lineage path between {from_id} and {to_id}",
                       {"found": False})
        summary = (f"{len(p.nodes) - 1} hops from {p.nodes[0]} to {p.nodes[-1]}" +
                   (" (the second id is upstream of the first)" if p.reversed else ""))
        return fit(settings, summary, {
            "found": True, "reversed": p.reversed, "nodes": p.nodes, "jobs": p.jobs,
            "edges": [{"from": e.upstream, "to": e.downstream, "type": e.type.value,
                       "transformations": e.transformations} for e in p.edges]})

    @server.tool(description="What breaks downstream of a dataset or column: impacted "
                 "datasets grouped by domain, data product and owner, and which "
                 "classifications (PII) the impacted columns carry. Datasets are paged.")
    async def impact_analysis(id: Id, depth: int | None = None,
                              limit: Limit = None, cursor: Cursor = None) -> str:
        found = await call(LineageService(access.store(), settings).impact, id, depth=depth)

        def groups(gs) -> list[dict[str, Any]]:
            return [{"id": g.id, "name": g.name, "datasets": len(g.datasets),
                     "classified_columns": g.classified_columns} for g in gs]
        reached = [{"classification": c.classification.name, "columns": len(c.columns),
                    "datasets": c.datasets[:10]} for c in found.classifications]
        datasets = Mapped(found.datasets(), lambda d: {
            "id": d.id, "hops": d.degree, "kind": d.kind,
            "domain": d.domain.name if d.domain else None,
            "product": d.product.id if d.product else None,
            "owners": [o.name for o in d.owners],
            "classifications": [c.name for c in d.classifications]})
        summary = (f"{found.dataset_count} datasets and {found.column_count} columns "
                   f"downstream of {id}, in {len(found.by_domain)} domains and "
                   f"{len(found.by_product)} products; classifications reached: "
                   f"{', '.join(r['classification'] for r in reached) or 'none'}" +
                   ("; cut by a cap" if found.truncated else ""))
        return paged(settings, summary, "datasets", datasets, limit=limit, cursor=cursor,
                     extra={"by_domain": groups(found.by_domain),
                            "by_product": groups(found.by_product),
                            "by_owner": groups(found.by_owner),
                            "classifications_reached": reached})

    @server.tool(description="The governance compliance report of the whole catalog or one "
                 "domain: each policy, how many it checked, and the violations (paged).")
    async def compliance_report(domain: str | None = None,
                                limit: Limit = None, cursor: Cursor = None) -> str:
        report = await call(GovernanceService(access.store(), settings).report, domain)
        violations = [{"policy": v.policy, "severity": v.severity, "subject": v.subject_id,
                       "message": v.message} for v in report.violations]
        policies = [{"policy": r.policy.id, "severity": r.policy.severity,
                     "checked": r.checked, "violations": len(r.violations)}
                    for r in report.results]
        summary = (f"{'compliant' if report.compliant else 'NOT compliant'}"
                   f" ({report.domain or 'whole catalog'}): {len(violations)} violations of "
                   f"{sum(1 for p in policies if p['violations'])} of {len(policies)} "
                   "policies")
        return paged(settings, summary, "violations", violations, limit=limit, cursor=cursor,
                     extra={"policies": policies, "generated_at": report.generated_at})

    @server.tool(description="The newest runs of a job, or of the jobs that write a dataset: "
                 "state, start and end, error.")
    async def recent_runs(id: Id, limit: Limit = None) -> str:
        rows = await call(BrowseService(access.store()).runs, id, page_size(settings, limit))
        runs = [{k: r.get(k) for k in ("id", "job", "state", "started", "ended", "error")
                 if r.get(k) is not None} for r in rows]
        states = Counter(r.get("state") or "UNKNOWN" for r in runs)
        summary = (f"{len(runs)} recent runs for {id}: " +
                   (", ".join(f"{n} {s}" for s, n in states.most_common()) or "none"))
        return paged(settings, summary, "runs", runs, limit=limit, cursor=None)
