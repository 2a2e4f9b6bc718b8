// Interactive lineage: depth, direction and level controls; click a dashed node to expand it,
// a "+N more" node to open a collapsed fan-out; the side panel tells what a node is.
import type { Core } from "cytoscape";
import { append, badge, clear, h } from "../dom";
import { entityLink, entityUrl, impactUrl, kindOf, link, lineageUrl, shortName } from "../links";
import { fetchLineage, PAGE_NODES, type Direction, type GNode } from "../lineage/api";
import { createGraph, elements, focus, layout } from "../lineage/graph";
import { LineageModel } from "../lineage/model";
import { navigate } from "../router";

const MAX_DEPTH = 20;
const DEFAULT_FANOUT = 8;

function opt<T extends string>(value: string | null, allowed: readonly T[], fallback: T): T {
  return (allowed as readonly string[]).includes(value ?? "") ? (value as T) : fallback;
}

export async function lineagePage(id: string, params: URLSearchParams): Promise<Node> {
  const direction = opt(params.get("direction"), ["UPSTREAM", "DOWNSTREAM", "BOTH"] as const, "BOTH");
  const level = opt(params.get("level"), ["DATASET", "COLUMN"] as const,
    kindOf(id) === "column" ? "COLUMN" : "DATASET");
  const depth = Math.min(MAX_DEPTH, Math.max(1, Number(params.get("depth")) || 3));
  const jobs = params.get("jobs") === "1";
  const fanoutParam = Number(params.get("fanout"));
  let fanout = Number.isFinite(fanoutParam) && fanoutParam > 0 ? fanoutParam : DEFAULT_FANOUT;

  const answer = await fetchLineage(id, direction, depth, level, jobs);
  const model = new LineageModel(answer.root, level, depth);
  model.merge(answer, depth);
  const rootNode = model.nodes.get(answer.root);
  document.title = `Lineage of ${rootNode?.name ?? shortName(id)} · mesh catalog`;

  const setParam = (key: string, value: string | null) => {
    const next = new URLSearchParams(params);
    if (value === null) next.delete(key);
    else next.set(key, value);
    navigate(`${lineageUrl(id)}?${next}`, true);
  };
  const select = (name: string, value: string, options: [string, string][]) =>
    h("select", { name, "aria-label": name, onchange: (ev: Event) =>
      setParam(name, (ev.target as HTMLSelectElement).value) },
    options.map(([v, text]) => h("option", { value: v, selected: v === value }, text)));

  const container = h("div", { class: "graph", id: "lineage-graph", role: "img",
    "aria-label": "lineage graph" });
  const panel = h("aside", { class: "graph-panel card" });
  const status = h("div", { class: "graph-status", role: "status" });
  const listBody = h("tbody");
  const listCount = h("span");
  const pinned = new Set<string>([answer.root]);
  let cy: Core | null = null;
  let selected: string | null = null;

  const toolbar = h("form", { class: "toolbar", onsubmit: (ev: Event) => ev.preventDefault() },
    h("label", null, "Direction ", select("direction", direction, [["UPSTREAM", "Upstream"],
      ["DOWNSTREAM", "Downstream"], ["BOTH", "Both"]])),
    h("label", null, "Depth ", h("input", { type: "number", name: "depth", min: 1, max: MAX_DEPTH,
      value: depth, "aria-label": "depth", onchange: (ev: Event) =>
        setParam("depth", (ev.target as HTMLInputElement).value) })),
    h("label", null, "Level ", select("level", level, [["DATASET", "Datasets"], ["COLUMN", "Columns"]])),
    h("label", null, h("input", { type: "checkbox", name: "jobs", checked: jobs,
      onchange: (ev: Event) => setParam("jobs", (ev.target as HTMLInputElement).checked ? "1" : null) }),
    " Jobs"),
    h("label", { title: "Fan-outs of more leaves than this collapse into one node" },
      "Collapse fan-out above ", h("input", { type: "number", name: "fanout", min: 1, max: 500,
        value: fanout, "aria-label": "collapse fan-out above", onchange: (ev: Event) => {
          fanout = Math.max(1, Number((ev.target as HTMLInputElement).value) || DEFAULT_FANOUT);
          redraw();
        } })),
    h("button", { type: "button", onclick: () => cy && layout(cy) }, "Re-layout / fit"),
    h("button", { type: "button", onclick: () => { model.opened.clear(); redraw(); } }, "Collapse all"),
    link(impactUrl(id), h("span", { class: "button" }, "Impact")));

  function showStatus(): void {
    const v = model.view(fanout, pinned);
    clear(status);
    append(status, [
      h("span", null, `${model.nodes.size} nodes · ${model.edges.size} edges`),
      v.hidden ? h("span", null, ` · ${v.hidden} in ${v.groups.length} collapsed fan-out` +
        `${v.groups.length > 1 ? "s" : ""} (click “+N more” to open)`) : null,
      model.truncated ? h("span", { class: "truncated", "data-truncated": "true" },
        ` · Truncated: the answer was cut by depth, the per-hop cap or the page` +
        `${model.totalNodes > model.nodes.size ? ` (${model.totalNodes} nodes in all, ${PAGE_NODES} per page)` : ""}.` +
        " Dashed nodes have more lineage: click one to expand it.") : null,
      h("span", { class: "legend" }, badge("start", "root"), badge("PII", "pii"),
        badge("expandable", "frontier"), badge("+N collapsed", "group"))]);
  }

  function fillList(): void {
    clear(listBody);
    const nodes = [...model.nodes.values()].sort((a, b) =>
      a.side.localeCompare(b.side) || a.degree - b.degree || a.name.localeCompare(b.name));
    listCount.textContent = String(nodes.length);
    for (const n of nodes) {
      listBody.appendChild(h("tr", { "data-id": n.id, "data-side": n.side },
        h("td", null, entityLink(n.id, n.label === "Column" && n.datasetName
          ? `${n.datasetName}.${n.name}` : n.name)),
        h("td", null, n.label.toLowerCase()),
        h("td", null, n.side.toLowerCase()),
        h("td", null, String(n.degree)),
        h("td", null, n.pii.length ? badge(n.pii.join(", "), "pii") : ""),
        h("td", null, n.domain?.name ?? "")));
    }
  }

  function showPanel(n: GNode | null, groupId?: string): void {
    clear(panel);
    if (groupId) return;
    if (!n) {
      panel.append(h("h2", null, "Lineage"), h("p", { class: "muted" },
        "Click a node to see what it is. Dashed nodes can be expanded; drag to pan, scroll to zoom."));
      return;
    }
    const expandBtn = (dir: Direction, text: string) => h("button", { type: "button",
      onclick: () => void expand(n, dir) }, text);
    panel.append(
      h("h2", null, n.name),
      h("p", null, badge(n.label.toLowerCase(), "b-kind"), n.kind ? badge(n.kind, "platform") : null,
        n.type ? badge(n.type, "platform") : null),
      h("dl", { class: "kv" },
        h("dt", null, "Position"), h("dd", null, n.side === "ROOT" ? "start"
          : `${n.side.toLowerCase()}, ${n.degree} hop${n.degree === 1 ? "" : "s"}`),
        n.datasetId ? [h("dt", null, "Dataset"), h("dd", null, entityLink(n.datasetId, n.datasetName))] : null,
        n.domain ? [h("dt", null, "Domain"), h("dd", null, entityLink(n.domain.id, n.domain.name))] : null,
        n.product ? [h("dt", null, "Product"), h("dd", null, entityLink(n.product.id, n.product.name))] : null,
        h("dt", null, "PII"), h("dd", null, n.pii.length ? n.pii.map((p) => badge(p, "pii")) : "none")),
      h("div", { class: "panel-actions" },
        link(entityUrl(n.id), h("span", { class: "button" }, "Open page")),
        n.label !== "Job" ? link(lineageUrl(n.id, { level, direction, depth: String(depth) }),
          h("span", { class: "button" }, "Center here")) : null,
        n.label !== "Job" ? expandBtn("UPSTREAM", "Expand upstream") : null,
        n.label !== "Job" ? expandBtn("DOWNSTREAM", "Expand downstream") : null));
  }

  async function expand(n: GNode, dir?: Direction): Promise<void> {
    const way: Direction = dir ?? (n.side === "UPSTREAM" ? "UPSTREAM" : "DOWNSTREAM");
    const step = 2;
    status.classList.add("busy");
    try {
      const more = await fetchLineage(n.id, way, step, level, jobs);
      model.frontier.delete(n.id);
      pinned.add(n.id);
      const added = model.merge(more, step, n);
      redraw();
      if (!added) status.append(h("span", { class: "muted" }, ` · nothing more ${way.toLowerCase()} of ${n.name}`));
    } catch (e) {
      status.append(h("span", { class: "error" }, ` · ${(e as Error).message}`));
    } finally {
      status.classList.remove("busy");
    }
  }

  function redraw(): void {
    const view = model.view(fanout, pinned);
    const els = elements(view, model.root, model.frontier, level === "COLUMN");
    if (!cy) {
      cy = createGraph(container, els, {
        tap: (nodeId) => {
          if (nodeId.startsWith("group:")) {
            model.opened.add(nodeId);
            redraw();
            return;
          }
          const n = model.nodes.get(nodeId) ?? null;
          selected = nodeId;
          focus(cy!, nodeId);
          showPanel(n);
          if (n && model.frontier.has(nodeId)) void expand(n);
        },
        background: () => { selected = null; focus(cy!, null); showPanel(null); },
      });
      (container as unknown as { cy: Core }).cy = cy;
    } else {
      cy.elements().remove();
      cy.add(els);
    }
    layout(cy);
    if (selected) focus(cy, selected);
    showStatus();
    fillList();
    container.setAttribute("data-nodes", String(cy.nodes().length));
    container.setAttribute("data-ready", "true");
  }

  showPanel(null);
  // Cytoscape needs the container in the document to measure it: draw once attached.
  requestAnimationFrame(() => redraw());

  return h("article", { class: "page lineage", "data-id": id },
    h("header", { class: "page-head" },
      h("h1", null, "Lineage of ", rootNode ? entityLink(rootNode.id, rootNode.label === "Column" &&
        rootNode.datasetName ? `${rootNode.datasetName}.${rootNode.name}` : rootNode.name) : id)),
    toolbar, status,
    h("div", { class: "graph-wrap" }, container, panel),
    h("details", { class: "card node-list" },
      h("summary", null, "All nodes as a list (", listCount, ")"),
      h("table", { class: "grid" }, h("thead", null, h("tr", null,
        ["Name", "Kind", "Side", "Hops", "PII", "Domain"].map((c) => h("th", null, c)))), listBody)));
}
