// The one way the pages reach the server: POST /graphql, with the user's token if any.
import { getToken } from "./token";

export class ApiError extends Error {
  constructor(
    message: string,
    public code: string | null = null,
    public field: string | null = null,
    public status = 200,
  ) {
    super(message);
  }

  /** The server wants a token (or a better one). */
  get needsToken(): boolean {
    return this.code === "UNAUTHENTICATED" || this.code === "FORBIDDEN";
  }
}

interface GraphQLErrorBody {
  message: string;
  path?: (string | number)[];
  extensions?: { code?: string; field?: string };
}

export async function gql<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const headers: Record<string, string> = { "Content-Type": "application/json" };
  const token = getToken();
  if (token) headers.Authorization = `Bearer ${token}`;
  let response: Response;
  try {
    response = await fetch("/graphql", {
      method: "POST",
      headers,
      body: JSON.stringify({ query, variables }),
    });
  } catch (e) {
    throw new ApiError(`the server does not answer (${(e as Error).message})`, "NETWORK", null, 0);
  }
  let body: { data?: T; errors?: GraphQLErrorBody[]; error?: string; message?: string };
  try {
    body = await response.json();
  } catch {
    throw new ApiError(`the server answered ${response.status} without JSON`, "HTTP", null,
      response.status);
  }
  if (!response.ok && !body.errors) {
    throw new ApiError(body.message ?? `HTTP ${response.status}`, body.error ?? "HTTP", null,
      response.status);
  }
  if (body.errors?.length) {
    const first = body.errors[0];
    throw new ApiError(first.message, first.extensions?.code ?? null,
      first.extensions?.field ?? null, response.status);
  }
  return body.data as T;
}
