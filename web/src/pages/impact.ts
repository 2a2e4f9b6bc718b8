// Impact analysis: everything downstream of a dataset or column, grouped by domain, data
// product and owner, with the classified columns it reaches; exportable as CSV. The datasets
// come a page at a time (a hub reaches tens of thousands); the export asks for them all.
import { gql } from "../api";
import { table } from "../components";
import { badge, empty, h, section, type Child } from "../dom";
import { entityLink, kindOf, link, lineageUrl, shortName, splitColumnId } from "../links";

interface Ref { id: string; name: string | null; role?: string | null }
interface Group { id: string | null; name: string | null; datasetCount: number; columnCount: number;
  classifiedColumnCount: number }
interface Dataset {
  id: string; name: string | null; kind: string | null; degree: number;
  domain: Ref | null; dataProduct: Ref | null; owners: Ref[]; classifications: Ref[];
  classifiedColumns: number;
}
interface Column { id: string; name: string; dataset: string; degree: number;
  classifications: Ref[] }
interface Impact {
  root: string; depth: number; truncated: boolean; datasetCount: number; columnCount: number;
  datasets: Dataset[]; columns: Column[];
  byDomain: Group[]; byDataProduct: Group[]; byOwner: Group[];
  classifications: { classification: Ref; columns: string[]; datasets: string[] }[];
}

const PAGE = 100;
const DATASET = `id name kind degree domain { id name } dataProduct { id name }
  owners { id name role } classifications { id name } classifiedColumns`;
const GROUP = "id name datasetCount columnCount classifiedColumnCount";
// the page: counts, groups, classifications and the first datasets
const IMPACT = `query Impact($input: ImpactAnalysisInput!, $first: Int!) {
  impactAnalysis(input: $input) {
    root depth truncated datasetCount columnCount
    datasets(first: $first) { ${DATASET} }
    byDomain { ${GROUP} } byDataProduct { ${GROUP} } byOwner { ${GROUP} }
    classifications { classification { id name } columns datasets }
  }
}`;
const MORE = `query ImpactMore($input: ImpactAnalysisInput!, $first: Int!, $after: ID!) {
  impactAnalysis(input: $input) { datasets(first: $first, after: $after) { ${DATASET} } }
}`;
// the export: every dataset and column
const EVERYTHING = `query ImpactExport($input: ImpactAnalysisInput!) {
  impactAnalysis(input: $input) {
    root depth truncated datasetCount columnCount
    datasets { ${DATASET} }
    columns { id name dataset degree classifications { id name } }
    byDomain { ${GROUP} } byDataProduct { ${GROUP} } byOwner { ${GROUP} }
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

const refs = (xs: Ref[]): Child => xs.length ? xs.map((r) => badge(r.name ?? r.id,
  (r.name ?? "").toUpperCase().startsWith("PII") ? "pii" : "tag")) : "";

function datasetRow(d: Dataset): Child[] {
  return [entityLink(d.id, d.name), d.kind ?? "", String(d.degree),
    d.domain ? entityLink(d.domain.id, d.domain.name) : "",
    d.dataProduct ? entityLink(d.dataProduct.id, d.dataProduct.name) : "",
    d.owners.map((o) => o.name).join(", "), refs(d.classifications)];
}

/** The datasets table, a page at a time: "Show more" asks for the page after the last row. */
function datasetsSection(input: Record<string, unknown>, imp: Impact, first: number): HTMLElement {
  if (!imp.datasets.length) return section(`Datasets · ${imp.datasetCount}`, empty("Nothing downstream."));
  const grid = table(["Dataset", "Kind", "Hops", "Domain", "Product", "Owners", "Classifications"],
    imp.datasets.map(datasetRow), "impact-datasets");
  const body = grid.querySelector("tbody") as HTMLElement;
  let shown = imp.datasets.length;
  let last = imp.datasets[shown - 1].id;
  const note = h("span", { class: "muted", id: "impact-shown" });
  const more = h("button", { id: "impact-more" }, "Show more");
  const update = () => {
    note.textContent = `${shown} of ${imp.datasetCount} shown`;
    more.style.display = shown >= imp.datasetCount ? "none" : "";  // buttons' CSS beats [hidden]
  };
  more.onclick = async () => {
    more.disabled = true;
    try {
      const { impactAnalysis: page } = await gql<{ impactAnalysis: { datasets: Dataset[] } }>(
        MORE, { input, first, after: last });
      for (const d of page.datasets) body.appendChild(h("tr", null, datasetRow(d).map((c) => h("td", null, c))));
      shown += page.datasets.length;
      if (page.datasets.length) last = page.datasets[page.datasets.length - 1].id;
      else shown = imp.datasetCount;  // the graph changed under us: nothing after the last row
    } finally {
      more.disabled = false;
      update();
    }
  };
  update();
  return section(`Datasets · ${imp.datasetCount}`, grid, h("div", { class: "actions" }, note, more));
}

/** Classified columns downstream, from the classifications the analysis reports. */
function classifiedColumns(imp: Impact): Map<string, Ref[]> {
  const out = new Map<string, Ref[]>();
  for (const c of imp.classifications) {
    for (const col of c.columns) out.set(col, [...(out.get(col) ?? []), c.classification]);
  }
  return out;
}

export async function impactPage(id: string, params: URLSearchParams): Promise<Node> {
  const depth = Number(params.get("depth")) || null;
  const input = { id, depth };
  const first = Math.min(Math.max(Number(params.get("first")) || PAGE, 1), 500);  // rows a page
  const { impactAnalysis: imp } = await gql<{ impactAnalysis: Impact }>(IMPACT, { input, first });
  document.title = `Impact of ${shortName(id)} · mesh catalog`;
  const classified = [...classifiedColumns(imp)];
  const filename = `impact-${shortName(id).replace(/[^A-Za-z0-9._-]+/g, "_")}.csv`;
  const exportCsv = async () => {
    const { impactAnalysis: all } = await gql<{ impactAnalysis: Impact }>(EVERYTHING, { input });
    download(filename, impactCsv(all));
  };
  return h("article", { class: "page impact", "data-id": id },
    h("header", { class: "page-head" },
      h("h1", null, "Impact of ", entityLink(id, shortName(id)), " ",
        badge(kindOf(id), "b-kind")),
      h("div", { class: "subtitle" }, `Everything downstream${imp.depth ? `, up to ${imp.depth} hops` : ""}.`)),
    h("div", { class: "actions" },
      h("button", { class: "primary", id: "export-csv", onclick: exportCsv }, "Export CSV"),
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
    datasetsSection(input, imp, first),
    section(`Classified columns downstream · ${classified.length}`, classified.length
      ? table(["Column", "Dataset", "Classifications"], classified.map(([col, cls]) => {
        const [dataset, name] = splitColumnId(col);
        return [entityLink(col, name), entityLink(dataset, shortName(dataset)), refs(cls)];
      }))
      : empty("No classified column downstream.")));
}
