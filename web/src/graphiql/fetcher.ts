// GraphiQL's fetcher: POST /graphql with the token the user signed in with in the web UI,
// so stewards can try mutations. An Authorization header typed in GraphiQL's Headers tab
// wins over the stored token.
import type { GraphiQLProps } from "graphiql";

type Fetcher = GraphiQLProps["fetcher"];

// The web UI's key (../token.ts). Read here rather than imported, so the UI's bundle shares
// no chunk with GraphiQL's; the browser test signs in through the UI and checks the header.
const TOKEN_KEY = "catalog.token";

export function getToken(): string | null {
  try {
    return localStorage.getItem(TOKEN_KEY);
  } catch {
    return null;
  }
}

export function withToken(given: Record<string, unknown> | undefined,
                          token: string | null): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(given ?? {})) headers[name] = String(value);
  const typed = Object.keys(headers).some((name) => name.toLowerCase() === "authorization");
  if (token && !typed) headers.Authorization = `Bearer ${token}`;
  return headers;
}

export const fetcher: Fetcher = async (params, opts) => {
  const response = await fetch("/graphql", {
    method: "POST",
    headers: { "Content-Type": "application/json", Accept: "application/json",
               ...withToken(opts?.headers, getToken()) },
    body: JSON.stringify(params),
  });
  const text = await response.text();
  try {
    return JSON.parse(text);
  } catch {
    // not JSON (a proxy's error page): show it rather than a parse error
    return { errors: [{ message: `HTTP ${response.status}: ${text.slice(0, 500)}` }] };
  }
};
