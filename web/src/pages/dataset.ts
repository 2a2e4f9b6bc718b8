// Dataset page: what it is, who owns it, where it sits in the mesh, its schema with
// classifications (stewards accept or reject them), runs, quality and contract status.
import { gql } from "../api";
import { breadcrumb, classificationChips, isPii, kv, ownersView, pageHeader, statusBadge, table,
  tagsView } from "../components";
import { badge, empty, fmtTime, h, section } from "../dom";
import { entityLink, impactUrl, link, lineageUrl } from "../links";
import { DATASET, type Column, type Contract, type DatasetDetail, type Quality, type RunRow,
  type Viewer } from "../queries";
import { jsonView } from "./product";
import { refresh } from "../router";
import { stewardActions } from "../stewardship";
import { recordView } from "../marketplace-api";
import { sampleSection } from "../preview";

export async function datasetPage(id: string): Promise<Node> {
  const data = await gql<{ dataset: DatasetDetail; viewer: Viewer }>(DATASET, { id });
  const ds = data.dataset;
  recordView(ds.id);
  const product = ds.dataProduct;
  const piiCount = ds.columns.filter((c) => c.classifications.some(isPii)).length;
  document.title = `${ds.name} · mesh catalog`;
  return h("article", { class: "page dataset", "data-id": ds.id },
    breadcrumb([product?.domain ? [product.domain.id, product.domain.name] : null,
      product ? [product.id, product.name] : null]),
    pageHeader(ds.name ?? ds.id, [ds.kind ? badge(ds.kind, "b-kind") : null,
      ds.platform ? badge(ds.platform, "platform") : null,
      piiCount ? badge(`PII in ${piiCount} column${piiCount > 1 ? "s" : ""}`, "pii") : null,
      ds.validTo ? badge("closed", "closed") : null],
      h("code", null, ds.namespace)),
    ds.description ? h("p", { class: "description" }, ds.description)
      : h("p", { class: "description muted" }, "No description."),
    h("div", { class: "actions" },
      link(lineageUrl(ds.id), h("span", { class: "button" }, "Lineage graph")),
      link(lineageUrl(ds.id, { level: "COLUMN" }), h("span", { class: "button" }, "Column lineage")),
      link(impactUrl(ds.id), h("span", { class: "button" }, "Impact analysis"))),
    h("div", { class: "columns-2" },
      section("About", kv([
        ["Domain", product?.domain ? entityLink(product.domain.id, product.domain.name)
          : h("span", { class: "muted" }, "none")],
        ["Data product", product ? entityLink(product.id, product.name)
          : h("span", { class: "muted" }, "none")],
        ["Owners", ownersView(ds.owners.length ? ds.owners : product?.owners ?? [])],
        ["Tags", tagsView(ds.tags)],
        ["Platform", ds.platform ?? ""],
        ["Dataset classifications", classificationChips(ds.classifications,
          data.viewer.canSteward ? stewardActions(ds.id, refresh) : null) ?? "none"],
      ])),
      section("Provenance", kv([
        ["Id", h("code", null, ds.id)],
        ["Source", ds.source ?? ""],
        ["First seen", fmtTime(ds.firstSeen)],
        ["Last seen", fmtTime(ds.lastSeen)],
        ["Closed", ds.validTo ? fmtTime(ds.validTo) : "no (current)"],
      ]))),
    schemaSection(ds.columns, data.viewer),
    sampleSection(ds.id),
    h("div", { class: "columns-2" },
      qualitySection(ds.quality),
      contractSection(product?.contract ?? null, product)),
    runsSection(ds.runs),
  );
}

const GOOD = new Set(["pass", "passed", "success", "ok", "valid", "compliant", "COMPLETE"]);
const BAD = new Set(["fail", "failed", "error", "invalid", "violated", "FAIL", "ABORT"]);
const judge = (s: string | null) => (s === null ? null : GOOD.has(s) ? true : BAD.has(s) ? false : null);

function qualitySection(q: Quality | null): HTMLElement {
  if (!q) return section("Quality", empty("No quality checks or statistics reported yet."));
  return section("Quality",
    kv([
      ["Status", statusBadge(q.passed === null ? "no results" : q.passed ? "passing" : "failing",
        q.passed)],
      ["Rows", q.rowCount === null ? h("span", { class: "muted" }, "unknown") : q.rowCount.toLocaleString()],
      ["Metrics", jsonView(q.metrics)],
    ]),
    q.assertions.length ? table(["Check", "Column", "Result"], q.assertions.map((a) => [
      a.assertion ?? a.test ?? "", a.column ?? "",
      statusBadge(a.status ?? (a.success === null ? "not run" : a.success ? "pass" : "fail"),
        a.success)]), "quality") : null);
}

function contractSection(c: Contract | null, product: DatasetDetail["dataProduct"]): HTMLElement {
  if (!c) {
    return section("Contract", empty(product ? `The data product ${product.name} has no contract.`
      : "Not in a data product, so no contract."));
  }
  const violations = Array.isArray(c.violations) ? c.violations as Record<string, unknown>[] : [];
  return section("Contract",
    kv([
      ["Status", c.status ? statusBadge(c.status, judge(c.status)) : h("span", { class: "muted" }, "not checked")],
      ["Contract", [c.contractId ?? c.ref ?? "", c.version ? ` v${c.version}` : "",
        c.format ? h("span", { class: "muted small" }, ` (${c.format})`) : null]],
      ["Checked", fmtTime(c.checkedAt) || h("span", { class: "muted" }, "never")],
      ["Violations", violations.length ? h("ul", { class: "plain" }, violations.map((v) =>
        h("li", null, String(v.message ?? JSON.stringify(v))))) : "none"],
    ]));
}

function runsSection(runs: RunRow[]): HTMLElement {
  if (!runs.length) return section("Recent runs", empty("No runs reported for the jobs of this dataset."));
  const duration = (r: RunRow) => {
    if (!r.started || !r.ended) return "";
    const ms = new Date(r.ended).getTime() - new Date(r.started).getTime();
    return isNaN(ms) || ms < 0 ? "" : ms < 60000 ? `${Math.round(ms / 1000)} s` : `${Math.round(ms / 60000)} min`;
  };
  return section(`Recent runs · ${runs.length}`, table(["Job", "State", "Started", "Ended", "Took", "Error"],
    runs.map((r) => [r.job ? entityLink(r.job.id, r.job.name) : "", statusBadge(r.state, judge(r.state)),
      fmtTime(r.started), fmtTime(r.ended), duration(r), r.error ?? ""]), "runs"));
}

function schemaSection(columns: Column[], viewer: Viewer): HTMLElement {
  if (!columns.length) return section("Schema", empty("No columns known."));
  const rows = columns.map((c) => [
    c.ordinal ?? "",
    h("span", { class: "col-name" }, entityLink(c.id, c.path ?? c.name),
      c.classifications.some(isPii) ? badge("PII", "pii small") : null),
    h("code", null, c.type ?? ""),
    c.nullable === null ? "" : c.nullable ? "yes" : "no",
    classificationChips(c.classifications,
      viewer.canSteward ? stewardActions(c.id, refresh) : null) ?? h("span", { class: "muted" }, "–"),
    c.description ?? "",
    link(lineageUrl(c.id, { level: "COLUMN" }), "lineage"),
  ]);
  const t = table(["#", "Column", "Type", "Null", "Classifications", "Description", ""], rows,
    "schema");
  t.querySelectorAll("tbody tr").forEach((tr, i) => tr.setAttribute("data-column",
    columns[i].name ?? ""));
  return section(`Schema · ${columns.length} columns`,
    viewer.canSteward ? null : h("p", { class: "muted small" },
      "Stewards can accept or reject classifications after pasting their token."),
    t);
}
