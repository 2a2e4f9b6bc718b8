// Data product page: contents, owners, SLA, output ports, contract, neighbouring products.
import { gql } from "../api";
import { breadcrumb, kv, ownersView, pageHeader, statusBadge, table, tagsView } from "../components";
import { badge, empty, fmtTime, h, section, type Child } from "../dom";
import { entityLink, link } from "../links";
import { PRODUCT, type ProductDetail } from "../queries";
import { productMarket, recordView } from "../marketplace-api";
import { previewSection, productMarketSection } from "./marketplace";
import { meshSection } from "./mesh";

export function jsonView(value: unknown): Child {
  if (value === null || value === undefined) return h("span", { class: "muted" }, "none");
  if (Array.isArray(value)) {
    if (!value.length) return h("span", { class: "muted" }, "none");
    return h("ul", { class: "plain" }, value.map((v) => h("li", null, jsonView(v))));
  }
  if (typeof value === "object") {
    return kv(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, jsonView(v)]));
  }
  return String(value);
}

export async function productPage(id: string): Promise<Node> {
  const [{ dataProduct: p }, mesh, market] = await Promise.all([
    gql<{ dataProduct: ProductDetail }>(PRODUCT, { id }),
    meshSection("productLineage", id, "Data product"), productMarket(id)]);
  recordView(id);
  document.title = `${p.name} · mesh catalog`;
  return h("article", { class: "page product", "data-id": p.id },
    breadcrumb([p.domain ? [p.domain.id, p.domain.name] : null]),
    pageHeader(p.name ?? p.id, [badge("data product", "b-kind"),
      p.version ? badge(`v${p.version}`, "platform") : null,
      p.status ? badge(p.status, `status ${p.status}`) : null]),
    p.description ? h("p", { class: "description" }, p.description) : null,
    h("div", { class: "actions" }, link(`/search?${new URLSearchParams({ q: "*", dataProduct: p.id })}`,
      h("span", { class: "button" }, "Search in this product"))),
    h("div", { class: "columns-2" },
      section("About", kv([
        ["Domain", p.domain ? entityLink(p.domain.id, p.domain.name) : "none"],
        ["Owners", ownersView(p.owners)],
        ["Tags", tagsView(p.tags)],
        ["Source", p.source ?? ""],
        ["Last seen", fmtTime(p.lastSeen)],
      ])),
      section("Service level", jsonView(p.sla))),
    productMarketSection(p.id, market),
    section(`Datasets · ${p.datasets.length}`, p.datasets.length
      ? table(["Dataset", "Kind", "Platform", "Quality", "Description"], p.datasets.map((d) => [
        entityLink(d.id, d.name), d.kind ?? "", d.platform ?? "",
        d.quality ? statusBadge(d.quality.passed === null ? "no results" : d.quality.passed
          ? "passing" : "failing", d.quality.passed) : "",
        d.description ?? ""]))
      : empty("This product contains no datasets yet.")),
    mesh,
    section("Contract", p.contract ? kv([
      ["Status", p.contract.status ? statusBadge(p.contract.status, p.contract.status === "pass"
        ? true : p.contract.status === "fail" ? false : null) : "not checked"],
      ["Contract", `${p.contract.contractId ?? p.contract.ref ?? ""}${p.contract.version
        ? ` v${p.contract.version}` : ""}`],
      ["Format", p.contract.format ?? ""],
      ["Checked", fmtTime(p.contract.checkedAt)],
      ["SLA", jsonView(p.contract.sla)],
      ["Violations", jsonView(p.contract.violations)],
    ]) : empty("No data contract.")),
    section("Output ports", jsonView(p.outputPorts)),
    previewSection(market),
  );
}
