// GraphQL documents of the pages, with the shapes they answer. One place to adapt when the
// API grows.
export interface Ref { id: string; name: string | null }
export interface Owner extends Ref { type: string | null; email: string | null; role: string | null }
export interface Tag extends Ref {}
export interface Assignment {
  classification: Ref & { sensitivity: string | null };
  score: number | null;
  status: string | null;
  source: string | null;
  reasons: string[];
  classifierVersion: string | null;
  decidedBy: string | null;
  decidedAt: string | null;
  path: string[] | null;
}
export interface Column extends Ref {
  path: string | null;
  type: string | null;
  nullable: boolean | null;
  ordinal: number | null;
  description: string | null;
  tags: Tag[];
  classifications: Assignment[];
}
export interface Viewer {
  authenticated: boolean;
  name: string;
  role: string | null;
  canSteward: boolean;
}

export const OWNER = `id name type email role`;
export const ASSIGNMENT = `classification { id name sensitivity } score status source reasons
  classifierVersion decidedBy decidedAt path`;
export const COLUMN = `id name path type nullable ordinal description tags { id name }
  classifications { ${ASSIGNMENT} }`;
export const VIEWER = `viewer { authenticated name role canSteward }`;
export const CONTRACT = `contract { ref format contractId version status violations checkedAt sla }`;
export const QUALITY = `quality { passed assertions { assertion column success status test } metrics
  rowCount reportedBy }`;
export const RUNS = `runs(first: 10) { id state started ended nominalTime error job { id name } }`;

export interface DatasetDetail extends Ref {
  namespace: string | null;
  platform: string | null;
  kind: string | null;
  description: string | null;
  source: string | null;
  firstSeen: string | null;
  lastSeen: string | null;
  validTo: string | null;
  owners: Owner[];
  tags: Tag[];
  classifications: Assignment[];
  dataProduct: (Ref & { domain: Ref | null; owners: Owner[]; contract: Contract | null }) | null;
  columns: Column[];
  quality: Quality | null;
  runs: RunRow[];
}

export interface Quality {
  passed: boolean | null;
  assertions: { assertion: string | null; column: string | null; success: boolean | null;
    status: string | null; test: string | null }[];
  metrics: unknown;
  rowCount: number | null;
  reportedBy: string | null;
}

export interface Contract {
  ref: string | null;
  format: string | null;
  contractId: string | null;
  version: string | null;
  status: string | null;
  violations: unknown;
  checkedAt: string | null;
  sla: unknown;
}

export interface RunRow {
  id: string;
  state: string | null;
  started: string | null;
  ended: string | null;
  nominalTime: string | null;
  error: string | null;
  job: Ref | null;
}


export const DATASET = `query Dataset($id: ID!) {
  dataset(id: $id) {
    id name namespace platform kind description source firstSeen lastSeen validTo
    owners { ${OWNER} } tags { id name } classifications { ${ASSIGNMENT} }
    dataProduct { id name domain { id name } owners { ${OWNER} } ${CONTRACT} }
    columns { ${COLUMN} }
    ${QUALITY}
    ${RUNS}
  }
  ${VIEWER}
}`;

export interface ColumnDetail extends Column {
  dataset: (Ref & { dataProduct: (Ref & { domain: Ref | null }) | null }) | null;
}

export const COLUMN_PAGE = `query Column($id: ID!) {
  column(id: $id) { ${COLUMN} dataset { id name dataProduct { id name domain { id name } } } }
  ${VIEWER}
}`;

export interface ProductDetail extends Ref {
  version: string | null;
  description: string | null;
  status: string | null;
  sla: Record<string, unknown> | null;
  outputPorts: unknown;
  source: string | null;
  lastSeen: string | null;
  domain: Ref | null;
  owners: Owner[];
  tags: Tag[];
  contract: Contract | null;
  datasets: (Ref & { kind: string | null; platform: string | null; description: string | null;
    namespace: string | null; quality: { passed: boolean | null } | null })[];
}

export const PRODUCT = `query Product($id: ID!) {
  dataProduct(id: $id) {
    id name version description status sla outputPorts source lastSeen
    domain { id name } owners { ${OWNER} } tags { id name } ${CONTRACT}
    datasets { id name namespace kind platform description quality { passed } }
  }
}`;

export interface DomainDetail extends Ref {
  description: string | null;
  owners: Owner[];
  tags: Tag[];
  dataProducts: (Ref & { description: string | null; status: string | null;
    version: string | null; owners: Owner[]; datasets: Ref[] })[];
}

export const DOMAIN = `query Domain($id: ID!) {
  domain(id: $id) {
    id name description owners { ${OWNER} } tags { id name }
    dataProducts { id name description status version owners { ${OWNER} } datasets { id name } }
  }
}`;

export const DOMAINS = `query Domains {
  domains { id name description dataProducts { id name description datasets { id } } }
}`;

export interface JobDetail extends Ref {
  namespace: string | null;
  type: string | null;
  sql: string | null;
  description: string | null;
  inputs: Ref[];
  outputs: Ref[];
  owners: Owner[];
}

export const JOB = `query Job($id: ID!) {
  job(id: $id) { id name namespace type sql description inputs { id name } outputs { id name }
    owners { ${OWNER} } }
}`;

export const WHOAMI = `query Viewer { ${VIEWER} }`;
