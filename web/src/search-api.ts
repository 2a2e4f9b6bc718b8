// The search and autocomplete queries (GraphQL `search(input)`, `autocomplete(input)`).
import { gql } from "./api";

export const FILTERS = ["domain", "dataProduct", "platform", "tag", "classification", "owner"] as const;
export type FilterName = (typeof FILTERS)[number];

export interface SearchHit {
  id: string;
  kind: string;
  name: string | null;
  score: number;
  highlight: string | null;
  matchedFields: { name: string; highlight: string }[];
  detail: string | null;
}
export interface FacetValue { value: string; label: string; count: number }
export interface Facet { name: string; values: FacetValue[] }
export interface SearchPage {
  total: number;
  hits: SearchHit[];
  facets: Facet[];
  hasNextPage: boolean;
  endCursor: string | null;
}
export interface Suggestion { id: string; kind: string; text: string; highlight: string }

const SEARCH = `query Search($input: SearchInput!) {
  search(input: $input) {
    total
    hits { id kind score highlight matchedFields { name highlight }
      entity { id name
        ... on Dataset { namespace platform kind description }
        ... on Column { type dataset { name } }
        ... on DataProduct { description domain { name } }
        ... on Domain { description }
        ... on Job { namespace description } } }
    facets { field aggregations { value displayName count } }
    pageInfo { hasNextPage endCursor }
  }
}`;

const AUTOCOMPLETE = `query Autocomplete($input: AutocompleteInput!) {
  autocomplete(input: $input) { suggestions { id kind text highlight } }
}`;

export interface SearchArgs {
  query: string;
  kinds: string[];
  filters: Partial<Record<FilterName, string[]>>;
  first: number;
  after: string | null;
}

interface RawEntity {
  id: string; name: string | null; namespace?: string | null; platform?: string | null;
  kind?: string | null; description?: string | null; type?: string | null;
  dataset?: { name: string | null } | null; domain?: { name: string | null } | null;
}
interface RawHit {
  id: string; kind: string; score: number; highlight: string | null;
  matchedFields: { name: string; highlight: string }[]; entity: RawEntity | null;
}

function detailOf(kind: string, e: RawEntity | null): string | null {
  if (!e) return null;
  const parts = kind === "COLUMN" ? [e.dataset?.name ? `in ${e.dataset.name}` : null, e.type]
    : kind === "DATA_PRODUCT" ? [e.domain?.name ? `domain ${e.domain.name}` : null, e.description]
      : kind === "DATASET" ? [e.kind, e.platform, e.description]
        : [e.namespace, e.description];
  const text = parts.filter(Boolean).join(" · ");
  return text || null;
}

export async function search(args: SearchArgs): Promise<SearchPage> {
  const filters = Object.fromEntries(Object.entries(args.filters).filter(([, v]) => v?.length));
  const { search: r } = await gql<{ search: {
    total: number; hits: RawHit[];
    facets: { field: string; aggregations: { value: string; displayName: string; count: number }[] }[];
    pageInfo: { hasNextPage: boolean; endCursor: string | null } } }>(SEARCH, {
    input: { query: args.query, kinds: args.kinds.length ? args.kinds : null,
      filters: Object.keys(filters).length ? filters : null, first: args.first, after: args.after },
  });
  return {
    total: r.total,
    hits: r.hits.map((x) => ({ id: x.id, kind: x.kind, score: x.score, highlight: x.highlight,
      matchedFields: x.matchedFields, name: x.entity?.name ?? null,
      detail: detailOf(x.kind, x.entity) })),
    facets: r.facets.map((f) => ({ name: f.field, values: f.aggregations.map((a) => ({
      value: a.value, label: a.displayName, count: a.count })) })),
    hasNextPage: r.pageInfo.hasNextPage,
    endCursor: r.pageInfo.endCursor,
  };
}

export async function autocomplete(prefix: string, limit = 8): Promise<Suggestion[]> {
  const { autocomplete: r } = await gql<{ autocomplete: { suggestions: Suggestion[] } }>(
    AUTOCOMPLETE, { input: { prefix, limit } });
  return r.suggestions;
}
