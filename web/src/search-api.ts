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
  matchedFields: string[];
  detail: string | null;
}
export interface FacetValue { value: string; count: number; selected: boolean }
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
    hits { id kind name score highlight matchedFields detail }
    facets { name values { value count selected } }
    pageInfo { hasNextPage endCursor }
  }
}`;

const AUTOCOMPLETE = `query Autocomplete($input: AutocompleteInput!) {
  autocomplete(input: $input) { id kind text highlight }
}`;

export interface SearchArgs {
  query: string;
  kinds: string[];
  filters: Partial<Record<FilterName, string[]>>;
  first: number;
  after: string | null;
}

export async function search(args: SearchArgs): Promise<SearchPage> {
  const filters = Object.fromEntries(Object.entries(args.filters).filter(([, v]) => v?.length));
  const { search: r } = await gql<{ search: Omit<SearchPage, "hasNextPage" | "endCursor"> & {
    pageInfo: { hasNextPage: boolean; endCursor: string | null } } }>(SEARCH, {
    input: { query: args.query, kinds: args.kinds.length ? args.kinds : null,
      filters, first: args.first, after: args.after },
  });
  return { ...r, hasNextPage: r.pageInfo.hasNextPage, endCursor: r.pageInfo.endCursor };
}

export async function autocomplete(prefix: string, limit = 8): Promise<Suggestion[]> {
  const { autocomplete: r } = await gql<{ autocomplete: Suggestion[] }>(AUTOCOMPLETE,
    { input: { prefix, limit } });
  return r;
}
