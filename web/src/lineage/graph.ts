// Cytoscape rendering of a lineage view: layered left-to-right (dagre), columns boxed in their
// datasets, PII marked red, expandable nodes dashed, collapsed fan-outs as "+N more" nodes.
import cytoscape, { type Core, type ElementDefinition, type NodeSingular } from "cytoscape";
import dagre from "cytoscape-dagre";
import type { GNode } from "./api";
import type { View } from "./model";

cytoscape.use(dagre);

const CHAR_W = 7.6;
const FONT = 13;
/** Below this zoom a 13px label renders under 8px: the first view never goes lower. */
export const MIN_READABLE_ZOOM = 0.62;
const wrap = (s: string, max = 34) => (s.length > max ? s.slice(0, max - 1) + "…" : s);

function nodeLabel(n: GNode): string {
  if (n.label === "Column") return n.pii.length ? `${n.name}  · ${n.pii.join(", ")}` : n.name;
  const sub = [n.label === "Job" ? "job" : n.kind, n.platform, n.product?.name]
    .filter(Boolean).join(" · ");
  const pii = n.pii.length ? "  [PII]" : "";
  return `${wrap(n.name)}${pii}${sub ? "\n" + wrap(sub, 40) : ""}`;
}

function size(label: string): { w: number; h: number } {
  const lines = label.split("\n");
  return { w: Math.max(60, Math.max(...lines.map((l) => l.length)) * CHAR_W + 24),
    h: 18 * lines.length + 14 };
}

export function elements(view: View, root: string, frontier: Set<string>,
  columnLevel: boolean): ElementDefinition[] {
  const els: ElementDefinition[] = [];
  const present = new Set(view.nodes.map((n) => n.id));
  const parents = new Map<string, string>();
  if (columnLevel) {
    for (const n of view.nodes) {
      if (n.label === "Column" && n.datasetId && !present.has(n.datasetId)) {
        parents.set(n.datasetId, n.datasetName ?? n.datasetId);
      }
    }
  }
  for (const [id, name] of parents) {
    els.push({ group: "nodes", data: { id, label: name, kind: "box" }, classes: "box" });
  }
  for (const n of view.nodes) {
    const isBox = columnLevel && n.label === "Dataset";
    const label = isBox ? n.name : nodeLabel(n);
    const { w, h } = size(label);
    const classes = [n.label.toLowerCase(), isBox ? "box" : "",
      n.id === root ? "root" : "", n.pii.length ? "pii" : "",
      frontier.has(n.id) ? "frontier" : "", `side-${n.side.toLowerCase()}`].filter(Boolean).join(" ");
    els.push({ group: "nodes", classes, data: {
      id: n.id, label, w, h, kind: n.label,
      parent: columnLevel && n.label === "Column" ? n.datasetId ?? undefined : undefined,
    } });
  }
  for (const g of view.groups) {
    const label = `+${g.members.length} more`;
    els.push({ group: "nodes", classes: "group", data: { id: g.id, label, kind: "group",
      ...size(label) } });
    els.push({ group: "edges", classes: "group-edge", data: { id: `${g.id}:e`,
      source: g.dir === "out" ? g.anchor : g.id, target: g.dir === "out" ? g.id : g.anchor } });
  }
  for (const e of view.edges) {
    const masked = e.transformations.some((t) => t.masking);
    els.push({ group: "edges", classes: [e.type.toLowerCase(), masked ? "masked" : ""].join(" "),
      data: { id: `${e.up}->${e.down}:${e.type}`, source: e.up, target: e.down, type: e.type } });
  }
  return els;
}

const STYLE: cytoscape.StylesheetJson = [
  { selector: "node", style: {
    shape: "round-rectangle", label: "data(label)",
    "text-wrap": "wrap", "text-valign": "center", "text-halign": "center",
    "font-family": "Helvetica, Arial, sans-serif",
    "font-size": FONT, color: "#17324d", "background-color": "#e8f1fb",
    "border-width": 1.5, "border-color": "#7aa7d6", "min-zoomed-font-size": 7,
  } },
  { selector: "node[w]", style: { width: "data(w)", height: "data(h)" } },
  { selector: "node.column", style: { "background-color": "#ffffff", "font-size": 11 } },
  { selector: "node.job", style: { shape: "round-diamond", "background-color": "#f4efe3",
    "border-color": "#b59b5c" } },
  { selector: "node.box, node:parent", style: {
    shape: "round-rectangle", "background-color": "#f5f8fc", "border-color": "#9bb5d1",
    "border-width": 1, "text-valign": "top", "text-halign": "center", "font-weight": "bold",
    "font-size": 12, padding: "10px", color: "#17324d",
  } },
  { selector: "node.root", style: { "background-color": "#1f3a5f", color: "#ffffff",
    "border-color": "#0d1f33", "border-width": 3, "font-weight": "bold" } },
  { selector: "node.root:parent", style: { "background-color": "#dce8f5", color: "#0d1f33" } },
  { selector: "node.pii", style: { "border-color": "#c62828", "border-width": 3 } },
  { selector: "node.column.pii", style: { "background-color": "#fdecea", color: "#8e1b1b" } },
  { selector: "node.frontier", style: { "border-style": "dashed", "border-width": 2.5 } },
  { selector: "node.group", style: { shape: "round-tag", "background-color": "#eeeeee",
    "border-color": "#888888", "border-style": "dashed", color: "#333333", "font-style": "italic" } },
  { selector: "node:selected", style: { "overlay-color": "#ffb703", "overlay-opacity": 0.35,
    "overlay-padding": 4 } },
  { selector: "edge", style: {
    width: 1.6, "line-color": "#8aa4bf", "target-arrow-color": "#8aa4bf",
    "target-arrow-shape": "triangle", "curve-style": "bezier", "arrow-scale": 0.9,
  } },
  { selector: "edge.derives_from", style: { "line-color": "#9a8fc4", "target-arrow-color": "#9a8fc4" } },
  { selector: "edge.masked", style: { "line-style": "dashed" } },
  { selector: "edge.group-edge", style: { "line-style": "dotted" } },
  { selector: ".faded", style: { opacity: 0.18 } },
];

export interface GraphHandlers {
  tap(id: string): void;
  background(): void;
}

export function createGraph(container: HTMLElement, els: ElementDefinition[],
  on: GraphHandlers): Core {
  const cy = cytoscape({
    container, elements: els, style: STYLE, minZoom: 0.05, maxZoom: 3,
    boxSelectionEnabled: false,
  });
  cy.on("tap", "node", (ev) => on.tap((ev.target as NodeSingular).id()));
  cy.on("tap", (ev) => { if (ev.target === cy) on.background(); });
  return cy;
}

export function layout(cy: Core): void {
  cy.layout({ name: "dagre", rankDir: "LR", nodeSep: 16, rankSep: 70, edgeSep: 10,
    padding: 24, fit: true, animate: false, useDagreEdgeControlPoints: true,
    automaticDagreEdgeStyle: true,
    // a stable order, so the same answer lays out the same way
    sort: (a: cytoscape.SingularElementArgument, b: cytoscape.SingularElementArgument) =>
      a.id() < b.id() ? -1 : a.id() > b.id() ? 1 : 0,
  } as cytoscape.LayoutOptions).run();
  if (cy.zoom() > 1.4) {
    cy.zoom(1.4);
    cy.center();
  }
  if (cy.zoom() < MIN_READABLE_ZOOM) {
    // too big to fit legibly: keep labels readable around the start, and let the user pan
    const root = cy.nodes(".root");
    cy.zoom(MIN_READABLE_ZOOM);
    cy.center(root.length ? root : undefined);
  }
}

/** Fade everything not on a path through the node. */
export function focus(cy: Core, id: string | null): void {
  cy.elements().removeClass("faded");
  if (!id) return;
  const n = cy.getElementById(id);
  if (!n.length) return;
  const keep = n.union(n.predecessors()).union(n.successors()).union(n.ancestors())
    .union(n.descendants());
  const keepWithParents = keep.union(keep.nodes().parents());
  cy.elements().not(keepWithParents).addClass("faded");
}
