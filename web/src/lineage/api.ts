// Lineage answers from GraphQL `lineage(input)`, flattened into the graph model's shapes.
import { gql } from "../api";

export type Direction = "UPSTREAM" | "DOWNSTREAM" | "BOTH";
export type Level = "DATASET" | "COLUMN";
export type Side = "ROOT" | "UPSTREAM" | "DOWNSTREAM";

export interface GNode {
  id: string;
  label: string; // Dataset, Column, Job
  name: string;
  degree: number;
  side: Side;
  pii: string[]; // classification names (not rejected) on the node or, for a dataset, its columns
  datasetId: string | null; // a column's dataset
  datasetName: string | null;
  kind: string | null;
  platform: string | null;
  product: { id: string; name: string | null } | null;
  domain: { id: string; name: string | null } | null;
  type: string | null;
}

export interface GEdge {
  up: string;
  down: string;
  type: string;
  jobs: string[];
  transformations: { type: string | null; subtype: string | null; masking: boolean | null }[];
}

export interface LineageAnswer {
  root: string;
  nodes: GNode[];
  edges: GEdge[];
  totalNodes: number;
  truncated: boolean;
  hasNextPage: boolean;
}

const CLASSES = `classifications { classification { name } status }`;
const LINEAGE = `query Lineage($input: LineageInput!) {
  lineage(input: $input) {
    root totalNodes truncated pageInfo { hasNextPage }
    nodes { id label degree side node {
      id name
      ... on Dataset { kind platform ${CLASSES} columns { ${CLASSES} }
        dataProduct { id name domain { id name } } }
      ... on Column { type ${CLASSES} dataset { id name } }
      ... on Job { type }
    } }
    edges { upstream downstream type jobs transformations { type subtype masking } }
  }
}`;

interface RawAssignment { classification: { name: string | null }; status: string | null }
interface RawNode {
  id: string;
  label: string;
  degree: number;
  side: Side;
  node: null | {
    id: string;
    name: string | null;
    kind?: string | null;
    platform?: string | null;
    type?: string | null;
    classifications?: RawAssignment[];
    columns?: { classifications: RawAssignment[] }[];
    dataProduct?: { id: string; name: string | null; domain: { id: string; name: string | null } | null } | null;
    dataset?: { id: string; name: string | null } | null;
  };
}

const piiOf = (list: RawAssignment[] | undefined): string[] =>
  (list ?? []).filter((a) => a.status !== "rejected" &&
    (a.classification.name ?? "").toUpperCase().startsWith("PII"))
    .map((a) => a.classification.name as string);

function flatten(n: RawNode): GNode {
  const e = n.node;
  const columnPii = (e?.columns ?? []).flatMap((c) => piiOf(c.classifications));
  return {
    id: n.id, label: n.label, degree: n.degree, side: n.side,
    name: e?.name ?? n.id,
    pii: [...new Set([...piiOf(e?.classifications), ...columnPii])].sort(),
    datasetId: e?.dataset?.id ?? null,
    datasetName: e?.dataset?.name ?? null,
    kind: e?.kind ?? null,
    platform: e?.platform ?? null,
    type: e?.type ?? null,
    product: e?.dataProduct ? { id: e.dataProduct.id, name: e.dataProduct.name } : null,
    domain: e?.dataProduct?.domain ?? null,
  };
}

export const PAGE_NODES = 500;

export async function fetchLineage(id: string, direction: Direction, depth: number, level: Level,
  includeJobs: boolean): Promise<LineageAnswer> {
  const { lineage } = await gql<{ lineage: {
    root: string; totalNodes: number; truncated: boolean; pageInfo: { hasNextPage: boolean };
    nodes: RawNode[]; edges: { upstream: string; downstream: string; type: string; jobs: string[];
      transformations: GEdge["transformations"] }[] } }>(LINEAGE, {
    input: { id, direction, depth, level, includeJobs, first: PAGE_NODES },
  });
  return {
    root: lineage.root,
    totalNodes: lineage.totalNodes,
    truncated: lineage.truncated,
    hasNextPage: lineage.pageInfo.hasNextPage,
    nodes: lineage.nodes.map(flatten),
    edges: lineage.edges.map((e) => ({ up: e.upstream, down: e.downstream, type: e.type,
      jobs: e.jobs, transformations: e.transformations })),
  };
}
