// Impact analysis: everything downstream of a dataset or column, grouped by domain, data
// product and owner, with the classified columns it reaches; exportable as CSV.
import { gql } from "../api";
import { table } from "../components";
import { badge, empty, h, section, type Child } from "../dom";
import { entityLink, kindOf, link, lineageUrl, shortName } from "../links";

interface Ref { id: string; name: string | null; role?: string | null }
interface Group { id: string | null; name: string | null; datasetCount: number; columnCount: number;
  classifiedColumnCount: number }
interface Impact {
  root: string; depth: number; truncated: boolean; datasetCount: number; columnCount: number;
  datasets: { id: string; name: string | null; kind: string | null; degree: number;
    domain: Ref | null; dataProduct: Ref | null; owners: Ref[]; classifications: Ref[];
    classifiedColumns: number }[];
  columns: { id: string; name: string; dataset: string; degree: number; classifications: Ref[] }[];
  byDomain: Group[]; byDataProduct: Group[]; byOwner: Group[];
  classifications: { classification: Ref; columns: string[]; datasets: string[] }[];
}

const IMPACT = `query Impact($input: ImpactAnalysisInput!) {
  impactAnalysis(input: $input) {
    root depth truncated datasetCount columnCount
    datasets { id name kind degree domain { id name } dataProduct { id name }
      owners { id name role } classifications { id name } classifiedColumns }
    columns { id name dataset degree classifications { id name } }
    byDomain { id name datasetCount columnCount classifiedColumnCount }
    byDataProduct { id name datasetCount columnCount classifiedColumnCount }
    byOwner { id name datasetCount columnCount classifiedColumnCount }
    classifications { classification { id name } columns datasets }
  }
}`;

const CSV_FIELDS = ["entity", "id", "name", "dataset", "degree", "kind", "domain", "data_product",
  "owners", "classifications"];

function csvCell(v: unknown): string {
  const s = v === null || v === undefined ? "" : String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** The same rows and columns as GET /api/v1/impact?format=csv. */
export function impactCsv(imp: Impact): string {
  const names = (refs: Ref[]) => refs.map((r) => r.name || r.id).join(";");
  const byId = new Map(imp.datasets.map((d) => [d.id, d]));
  const rows: unknown[][] = [CSV_FIELDS];
  for (const d of imp.datasets) {
    rows.push(["dataset", d.id, d.name, d.id, d.degree, d.kind, d.domain?.id, d.dataProduct?.id,
      names(d.owners), names(d.classifications)]);
  }
  for (const c of imp.columns) {
    const d = byId.get(c.dataset);
    rows.push(["column", c.id, c.name, c.dataset, c.degree, d?.kind, d?.domain?.id,
      d?.dataProduct?.id, d ? names(d.owners) : "", names(c.classifications)]);
  }
  return rows.map((r) => r.map(csvCell).join(",")).join("\n") + "\n";
}

function download(name: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: "text/csv;charset=utf-8" }));
  const a = h("a", { href: url, download: name });
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

function groupTable(title: string, groups: Group[], none: string): HTMLElement {
  return section(title, groups.length ? table(["", "Datasets", "Columns", "Classified columns"],
    groups.map((g) => [g.id ? entityLink(g.id, g.name) : h("span", { class: "muted" }, none),
      String(g.datasetCount), String(g.columnCount),
      g.classifiedColumnCount ? badge(String(g.classifiedColumnCount), "pii") : "0"]))
    : empty("Nothing downstream."));
}

export async function impactPage(id: string, params: URLSearchParams): Promise<Node> {
  const depth = Number(params.get("depth")) || null;
  const { impactAnalysis: imp } = await gql<{ impactAnalysis: Impact }>(IMPACT,
    { input: { id, depth } });
  document.title = `Impact of ${shortName(id)} · mesh catalog`;
  const dsName = new Map(imp.datasets.map((d) => [d.id, d.name ?? shortName(d.id)]));
  const classified = imp.columns.filter((c) => c.classifications.length);
  const refs = (xs: Ref[]): Child => xs.length ? xs.map((r) => badge(r.name ?? r.id,
    (r.name ?? "").toUpperCase().startsWith("PII") ? "pii" : "tag")) : "";
  const filename = `impact-${shortName(id).replace(/[^A-Za-z0-9._-]+/g, "_")}.csv`;
  return h("article", { class: "page impact", "data-id": id },
    h("header", { class: "page-head" },
      h("h1", null, "Impact of ", entityLink(id, shortName(id)), " ",
        badge(kindOf(id), "b-kind")),
      h("div", { class: "subtitle" }, `Everything downstream${imp.depth ? `, up to ${imp.depth} hops` : ""}.`)),
    h("div", { class: "actions" },
      h("button", { class: "primary", id: "export-csv", onclick: () => download(filename, impactCsv(imp)) },
        "Export CSV"),
      link(lineageUrl(id, { direction: "DOWNSTREAM" }), h("span", { class: "button" }, "Lineage graph"))),
    h("div", { class: "stats" },
      h("div", { class: "stat" }, h("strong", null, String(imp.datasetCount)), " datasets"),
      h("div", { class: "stat" }, h("strong", null, String(imp.columnCount)), " columns"),
      h("div", { class: "stat" }, h("strong", null, String(classified.length)), " classified columns"),
      h("div", { class: "stat" }, h("strong", null, String(imp.byDomain.filter((g) => g.id).length)), " domains"),
      imp.truncated ? h("div", { class: "stat truncated" }, "truncated: the walk was cut") : null),
    h("div", { class: "columns-3" },
      groupTable("By domain", imp.byDomain, "no domain"),
      groupTable("By data product", imp.byDataProduct, "no product"),
      groupTable("By owner", imp.byOwner, "no owner")),
    section(`Datasets · ${imp.datasets.length}`, imp.datasets.length
      ? table(["Dataset", "Kind", "Hops", "Domain", "Product", "Owners", "Classifications"],
        imp.datasets.map((d) => [entityLink(d.id, d.name), d.kind ?? "", String(d.degree),
          d.domain ? entityLink(d.domain.id, d.domain.name) : "",
          d.dataProduct ? entityLink(d.dataProduct.id, d.dataProduct.name) : "",
          d.owners.map((o) => o.name).join(", "), refs(d.classifications)]), "impact-datasets")
      : empty("Nothing downstream.")),
    section(`Classified columns downstream · ${classified.length}`, classified.length
      ? table(["Column", "Dataset", "Hops", "Classifications"], classified.map((c) => [
        entityLink(c.id, c.name), entityLink(c.dataset, dsName.get(c.dataset)), String(c.degree),
        refs(c.classifications)]))
      : empty("No classified column downstream.")));
}
