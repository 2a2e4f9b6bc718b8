// Search results: ranked hits with highlights and why they matched, facet filters beside them.
import { badge, clear, empty, h, highlighted } from "../dom";
import { entityUrl, link, shortName } from "../links";
import { navigate } from "../router";
import { FILTERS, search, type FilterName, type SearchArgs, type SearchHit,
  type SearchPage } from "../search-api";
import { kindLabel } from "../searchbox";

const PAGE = 20;
const FACET_TITLES: Record<string, string> = {
  kind: "Kind", domain: "Domain", dataProduct: "Data product", platform: "Platform", tag: "Tag",
  classification: "Classification", owner: "Owner",
};

function argsOf(params: URLSearchParams): SearchArgs {
  const filters: Partial<Record<FilterName, string[]>> = {};
  for (const f of FILTERS) if (params.getAll(f).length) filters[f] = params.getAll(f);
  return { query: params.get("q") ?? "", kinds: params.getAll("kind"), filters, first: PAGE,
    after: null };
}

function toggled(params: URLSearchParams, name: string, value: string): string {
  const next = new URLSearchParams(params);
  const values = next.getAll(name);
  next.delete(name);
  const keep = values.includes(value) ? values.filter((v) => v !== value) : [...values, value];
  keep.forEach((v) => next.append(name, v));
  return `/search?${next}`;
}

function hitView(hit: SearchHit): HTMLElement {
  return h("li", { class: "hit", "data-id": hit.id, "data-kind": hit.kind },
    h("div", { class: "hit-title" },
      h("span", { class: `kind k-${hit.kind}` }, kindLabel(hit.kind)),
      link(entityUrl(hit.id), highlighted(hit.highlight || hit.name || shortName(hit.id)))),
    hit.detail ? h("div", { class: "hit-detail muted" }, hit.detail) : null,
    hit.matchedFields.length ? h("div", { class: "hit-matched small" },
      hit.matchedFields.slice(0, 3).map((f) => h("span", { class: "matched" },
        h("span", { class: "muted" }, `${f.name}: `), highlighted(f.highlight)))) : null,
    h("div", { class: "hit-meta small muted" },
      h("code", null, hit.id), ` · score ${hit.score.toFixed(2)}`));
}

export async function searchPage(_arg: string, params: URLSearchParams): Promise<Node> {
  const args = argsOf(params);
  if (!args.query && !args.kinds.length && !Object.keys(args.filters).length) {
    return h("article", { class: "page search" }, h("h1", null, "Search"),
      empty("Type in the search box above: names, columns, descriptions; typos are fine."));
  }
  const result = await search(args);
  const list = h("ol", { class: "hits", start: 1 });
  const more = h("div", { class: "more" });
  const addPage = (page: SearchPage) => {
    page.hits.forEach((hit) => list.appendChild(hitView(hit)));
    clear(more);
    if (page.hasNextPage) {
      more.appendChild(h("button", { onclick: async (ev: Event) => {
        (ev.currentTarget as HTMLButtonElement).disabled = true;
        addPage(await search({ ...args, after: page.endCursor }));
      } }, "More results"));
    }
  };
  addPage(result);
  const selected = (name: string, value: string) => params.getAll(name).includes(value);
  const labels = new Map(result.facets.flatMap((f) => f.values.map((v) => [`${f.name}=${v.value}`,
    v.label] as [string, string])));
  const facets = h("aside", { class: "facets", "aria-label": "filters" },
    result.facets.filter((f) => f.values.length).map((f) => h("fieldset", { class: "facet",
      "data-facet": f.name },
      h("legend", null, FACET_TITLES[f.name] ?? f.name),
      f.values.map((v) => h("label", { class: "facet-value" },
        h("input", { type: "checkbox", checked: selected(f.name, v.value),
          onchange: () => navigate(toggled(params, f.name, v.value)) }),
        h("span", { title: v.value }, f.name === "kind" ? kindLabel(v.value) : v.label),
        h("span", { class: "count" }, String(v.count)))))));
  const active = [...params.entries()].filter(([k]) => k !== "q");
  return h("article", { class: "page search" },
    h("div", { class: "search-head" },
      h("h1", null, args.query && args.query !== "*" ? `Results for “${args.query}”` : "Browse"),
      h("span", { class: "muted" }, `${result.total} result${result.total === 1 ? "" : "s"}`),
      active.length ? h("span", { class: "active-filters" }, active.map(([k, v]) =>
        link(toggled(params, k, v), badge(`${FACET_TITLES[k] ?? k}: ${k === "kind" ? kindLabel(v)
          : labels.get(`${k}=${v}`) ?? (v.includes(":") ? shortName(v) : v)} ✕`,
          "filter")))) : null),
    h("div", { class: "search-body" }, facets,
      h("div", { class: "results" }, result.hits.length ? list
        : empty("Nothing matched. Try fewer words or remove a filter."), more)));
}
