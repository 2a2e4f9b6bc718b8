// Dataset page: what it is, who owns it, where it sits in the mesh, its schema with
// classifications (stewards accept or reject them), runs, quality and contract status.
import { gql } from "../api";
import { breadcrumb, classificationChips, isPii, kv, ownersView, pageHeader, table,
  tagsView } from "../components";
import { badge, empty, fmtTime, h, section } from "../dom";
import { entityLink, impactUrl, link, lineageUrl } from "../links";
import { DATASET, type Column, type DatasetDetail, type Viewer } from "../queries";
import { refresh } from "../router";
import { stewardActions } from "../stewardship";

export async function datasetPage(id: string): Promise<Node> {
  const data = await gql<{ dataset: DatasetDetail; viewer: Viewer }>(DATASET, { id });
  const ds = data.dataset;
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
  );
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
