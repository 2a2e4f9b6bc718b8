// The lineage shown on screen: answers merged as the user expands nodes, and the view of it
// with large fan-outs collapsed into one "+N more" node each (until opened).
import type { GEdge, GNode, LineageAnswer, Level, Side } from "./api";

export interface Group {
  id: string; // group:<unit>:<out|in>
  anchor: string; // the unit the fan-out hangs off
  dir: "out" | "in";
  members: string[]; // hidden units
}

export interface View {
  nodes: GNode[]; // visible nodes
  edges: GEdge[]; // visible edges
  groups: Group[];
  hidden: number; // nodes hidden in groups
}

const edgeKey = (e: GEdge) => `${e.up}->${e.down}:${e.type}`;

export class LineageModel {
  nodes = new Map<string, GNode>();
  edges = new Map<string, GEdge>();
  /** Nodes whose lineage beyond the answer may go on (dashed; a click expands them). */
  frontier = new Set<string>();
  /** Fan-out groups the user opened. */
  opened = new Set<string>();
  truncated = false;
  totalNodes = 0;

  constructor(public root: string, public level: Level, public depth: number) {}

  /** Add an answer; `base`/`side` place an expansion's nodes relative to the whole graph. */
  merge(answer: LineageAnswer, depth: number, from: GNode | null = null): number {
    let added = 0;
    for (const n of answer.nodes) {
      if (this.nodes.has(n.id)) continue;
      const node = from ? { ...n, degree: from.degree + n.degree,
        side: (n.side === "ROOT" ? from.side : n.side) as Side } : n;
      this.nodes.set(n.id, node);
      added++;
      if (answer.truncated && n.degree >= depth && n.side !== "ROOT") this.frontier.add(n.id);
    }
    for (const e of answer.edges) this.edges.set(edgeKey(e), e);
    if (!from) {
      this.truncated = answer.truncated || answer.hasNextPage;
      this.totalNodes = answer.totalNodes;
    }
    return added;
  }

  /** A column's unit is its dataset (at column level); everything else is its own unit. */
  unitOf(id: string): string {
    const n = this.nodes.get(id);
    return this.level === "COLUMN" && n?.label === "Column" && n.datasetId ? n.datasetId : id;
  }

  view(fanout: number, pinned: Set<string>): View {
    const out = new Map<string, Set<string>>();
    const inn = new Map<string, Set<string>>();
    const add = (m: Map<string, Set<string>>, k: string, v: string) => {
      if (!m.has(k)) m.set(k, new Set());
      m.get(k)!.add(v);
    };
    for (const e of this.edges.values()) {
      const a = this.unitOf(e.up);
      const b = this.unitOf(e.down);
      if (a === b) continue;
      add(out, a, b);
      add(inn, b, a);
    }
    const rootUnit = this.unitOf(this.root);
    const pinnedUnits = new Set([...pinned].map((id) => this.unitOf(id)));
    const neighbours = (u: string) => new Set([...(out.get(u) ?? []), ...(inn.get(u) ?? [])]);
    const hiddenUnits = new Set<string>();
    const groups: Group[] = [];
    const units = new Set([...this.nodes.keys()].map((id) => this.unitOf(id)));
    for (const anchor of units) {
      for (const [dir, map] of [["out", out], ["in", inn]] as const) {
        const id = `group:${anchor}:${dir}`;
        if (this.opened.has(id)) continue;
        const leaves = [...(map.get(anchor) ?? [])].filter((u) => u !== rootUnit &&
          !pinnedUnits.has(u) && !hiddenUnits.has(u) && neighbours(u).size === 1);
        if (leaves.length <= fanout) continue;
        leaves.sort();
        leaves.forEach((u) => hiddenUnits.add(u));
        groups.push({ id, anchor, dir, members: leaves });
      }
    }
    const visible = [...this.nodes.values()].filter((n) => !hiddenUnits.has(this.unitOf(n.id)));
    const shown = new Set(visible.map((n) => n.id));
    const edges = [...this.edges.values()].filter((e) => shown.has(e.up) && shown.has(e.down));
    return { nodes: visible, edges, groups, hidden: this.nodes.size - visible.length };
  }
}
