// Where each kind of catalog id lives in the UI. Ids are opaque: always URI-encoded.
import { h, type Child } from "./dom";
import { navigate } from "./router";

export function kindOf(id: string): string {
  if (id.startsWith("dataset:") && id.includes("#")) return "column";
  const prefix = id.split(":", 1)[0];
  return prefix === "product" ? "dataProduct" : prefix;
}

const PAGES: Record<string, string> = {
  dataset: "datasets", column: "columns", dataProduct: "products", domain: "domains", job: "jobs",
};

export function entityUrl(id: string): string {
  const page = PAGES[kindOf(id)];
  if (page) return `/${page}/${encodeURIComponent(id)}`;
  const kind = kindOf(id);
  const name = id.slice(id.lastIndexOf(":") + 1);
  return `/search?${new URLSearchParams({ q: "*", [kind]: name })}`;
}

export function lineageUrl(id: string, opts: Record<string, string> = {}): string {
  const q = new URLSearchParams(opts).toString();
  return `/lineage/${encodeURIComponent(id)}${q ? "?" + q : ""}`;
}

export function impactUrl(id: string): string {
  return `/impact/${encodeURIComponent(id)}`;
}

/** An in-app link: a real <a href> (open in new tab works) that routes without reloading. */
export function link(href: string, ...children: Child[]): HTMLAnchorElement {
  return h("a", {
    href,
    onclick: (ev: MouseEvent) => {
      if (ev.button !== 0 || ev.metaKey || ev.ctrlKey || ev.shiftKey || ev.altKey) return;
      ev.preventDefault();
      navigate(href);
    },
  }, ...children);
}

export function entityLink(id: string, name?: string | null): HTMLAnchorElement {
  return link(entityUrl(id), name || id);
}

/** The dataset id and the path of a column id (graph.labels.split_column_id). */
export function splitColumnId(id: string): [string, string] {
  const at = id.indexOf("#");
  return at < 0 ? [id, ""] : [id.slice(0, at), id.slice(at + 1)];
}

/** A short readable name for an id when its node has not been fetched. */
export function shortName(id: string): string {
  if (kindOf(id) === "column") return splitColumnId(id)[1];
  const rest = id.slice(id.indexOf(":") + 1);
  const parts = rest.split(/[:/]/);
  return parts[parts.length - 1] || id;
}
