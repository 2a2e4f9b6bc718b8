// Live sample rows of a dataset (datasetSample): read from its preview source when the
// user opens a dataset of a product's preview, never stored; PII columns come masked.
import { ApiError, gql } from "./api";
import { table } from "./components";
import { empty, h } from "./dom";

export interface DatasetSample {
  source: string; masking: string;
  columns: { name: string; type: string | null; masked: boolean; classifications: string[] }[];
  rows: (string | null)[][];
}

export const datasetSample = (id: string, rows = 10) => gql<{ datasetSample: DatasetSample }>(
  `query Sample($id: ID!, $rows: Int!) { datasetSample(id: $id, rows: $rows) {
    source masking columns { name type masked classifications } rows } }`,
  { id, rows }).then((d) => d.datasetSample);

function why(e: ApiError): string {
  if (e.code === "NO_PREVIEW_SOURCE") return "No preview source is configured for this dataset.";
  if (e.code === "UNAUTHENTICATED") return "Sign in with a token to see sample values.";
  return `Sample values unavailable: ${e.message}`;
}

/** The sample of one dataset, fetched once the first time `host` is opened. */
export function sampleOnOpen(host: HTMLDetailsElement, datasetId: string): HTMLElement {
  const box = h("div", { class: "sample", "data-dataset": datasetId },
    h("p", { class: "muted small" }, "Open to read sample values from the source."));
  let asked = false;
  host.addEventListener("toggle", () => {
    if (!host.open || asked) return;
    asked = true;
    box.replaceChildren(h("p", { class: "muted small" }, "Reading sample values…"));
    datasetSample(datasetId).then((s) => box.replaceChildren(h("div", null,
      h("h3", null, "Sample values ", h("span", { class: "muted small" },
        `· live from ${s.source}, never stored`)),
      s.rows.length ? table(s.columns.map((c) => c.masked ? `${c.name} (masked)` : c.name),
      s.rows.map((r) => r.map((v) => v === null ? h("span", { class: "muted" }, "null") : v)),
      "sample-rows") : empty("The table is empty."),
      s.columns.some((c) => c.masked) ? h("p", { class: "muted small" }, "Masked: ", s.masking,
        ".") : null,
    ))).catch((e) => box.replaceChildren(h("p", { class: "muted sample-unavailable",
      "data-code": (e as ApiError).code ?? "" }, why(e as ApiError))));
  });
  return box;
}

/** A dataset page's section: its sample values, read when the user opens it. */
export function sampleSection(datasetId: string): HTMLElement {
  const box = h("details", { class: "preview dataset-sample" },
    h("summary", null, "Read sample values from the source (PII masked, never stored)"));
  box.append(sampleOnOpen(box, datasetId));
  return h("section", { class: "card" }, h("h2", null, "Sample values"), box);
}
