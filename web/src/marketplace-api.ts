// The marketplace's GraphQL documents and the shapes they answer.
import { gql } from "./api";

export interface Health { state: string; causes: string[]; lastUpdate: string | null; dueAt: string | null;
  completeness: number | null; freshnessSeconds?: number | null }
export interface RatingSummary { count: number; mean: number | null; distribution: number[] }
export interface Entry {
  product: { id: string; name: string | null; description: string | null };
  domainId: string | null; owners: string[]; rating: RatingSummary;
  certification: { note: string | null; by: string; expiresAt: string | null } | null;
  health: Health; subscribers: number; usage: number;
}
export interface AccessRequest {
  id: string; productId: string; port: string | null; consumer: string; purpose: string;
  status: string; requestedBy: string; requestedAt: string; decidedBy: string | null;
  reason: string | null;
}
export interface Notification { id: string; team: string; kind: string; productId: string | null;
  createdAt: string; status: string; payload: Record<string, any> }

const ENTRY = `product { id name description } domainId owners rating { count mean distribution }
  certification { note by expiresAt } health { state causes lastUpdate dueAt completeness }
  subscribers usage`;
const REQUEST = `id productId port consumer purpose status requestedBy requestedAt decidedBy reason`;

/** A page of the marketplace: `first` entries after the product `after` (the page before's last). */
export const marketplace = (filter: Record<string, unknown>, first = 50, after: string | null = null) =>
  gql<{ marketplace: Entry[] }>(`query Market($f: MarketplaceFilter, $first: Int!, $after: ID) {
    marketplace(filter: $f, first: $first, after: $after) { ${ENTRY} } }`,
  { f: filter, first, after }).then((d) => d.marketplace);

export const domainIds = () => gql<{ domains: { id: string }[] }>(`query DomainIds {
  domains { id } }`).then((d) => d.domains.map((x) => x.id));

export const requestAccess = (productId: string, purpose: string, team: string | null) =>
  gql<{ requestAccess: AccessRequest }>(`mutation Req($in: AccessRequestInput!) {
    requestAccess(input: $in) { ${REQUEST} } }`,
  { in: { productId, purpose, team: team || null } }).then((d) => d.requestAccess);

export const inbox = () => gql<{ requestInbox: AccessRequest[]; mine: AccessRequest[];
  notifications: Notification[] }>(`query Inbox {
    requestInbox { ${REQUEST} } mine: accessRequests(mine: true) { ${REQUEST} }
    notifications { id team kind productId createdAt status payload } }`);

export const decide = (id: string, approve: boolean, reason: string | null) =>
  gql(approve ? `mutation A($id: ID!, $r: String) { approveAccessRequest(id: $id, reason: $r) { id } }`
    : `mutation D($id: ID!, $r: String!) { denyAccessRequest(id: $id, reason: $r) { id } }`,
  { id, r: reason });

export const endSubscription = (id: string) =>
  gql(`mutation E($id: ID!) { endSubscription(id: $id) { id } }`, { id });

export const rate = (productId: string, stars: number, comment: string | null) =>
  gql(`mutation R($in: RatingInput!) { rateProduct(input: $in) { id } }`,
    { in: { productId, stars, comment: comment || null } });

export interface ProductMarket {
  rating: RatingSummary; health: Health | null;
  ratings: { consumer: string; stars: number; comment: string | null; at: string }[];
  certification: { note: string | null; by: string; expiresAt: string | null } | null;
  incidents: { kind: string; status: string; startedAt: string; closedAt: string | null;
    reason: string | null }[];
  subscriptions: { consumer: string; since: string }[];
  contract: { contractId: string | null; version: string | null; status: string | null;
    sla: unknown } | null;
  datasets: { id: string; name: string | null; columns: { name: string | null; type: string | null;
    classifications: { status: string | null; classification: { name: string | null } }[] }[] }[];
}

export interface UsageEntry { productId: string; score: number }

export const usageLists = () => gql<{ mostUsedProducts: UsageEntry[]; trendingProducts: UsageEntry[] }>(
  `query Usage { mostUsedProducts(first: 5) { productId score }
    trendingProducts(first: 5) { productId score } }`);

export const productMarket = (id: string) => gql<{ dataProduct: ProductMarket }>(`query PM($id: ID!) {
  dataProduct(id: $id) { rating { count mean distribution }
    health { state causes lastUpdate dueAt completeness freshnessSeconds }
    ratings { consumer stars comment at } certification { note by expiresAt }
    incidents(first: 10) { kind status startedAt closedAt reason } subscriptions { consumer since }
    contract { contractId version status sla }
    datasets { id name columns { name type classifications { status classification { name } } } } } }`,
{ id }).then((d) => d.dataProduct);

/** Count a page view (in memory on the server, flushed in batches); never fails a page. */
export function recordView(id: string): void {
  gql(`mutation V($id: ID!) { recordView(id: $id) }`, { id }).catch(() => undefined);
}
