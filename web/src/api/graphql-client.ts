import type { TypedDocumentString } from '../generated/graphql';

/** An error the API answered (its `extensions.code`), or a failure to reach it. */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly code: string | null,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  get isUnauthenticated(): boolean {
    return this.code === 'UNAUTHENTICATED';
  }
}

interface GraphQLBody<T> {
  data?: T | null;
  errors?: Array<{ message: string; extensions?: { code?: string } }>;
}

/**
 * The one way the dashboard talks to the server: a typed operation (generated from
 * schema/schema.graphql) POSTed to /graphql with the key as a Bearer header — never in a URL.
 */
export async function requestGraphQL<TResult, TVariables>(document: TypedDocumentString<TResult, TVariables>, variables: TVariables, apiKey: string): Promise<TResult> {
  let response: Response;
  try {
    response = await fetch('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${apiKey}` },
      body: JSON.stringify({ query: document.toString(), variables }),
    });
  } catch {
    throw new ApiError('The server cannot be reached.', null);
  }
  let body: GraphQLBody<TResult>;
  try {
    body = (await response.json()) as GraphQLBody<TResult>;
  } catch {
    throw new ApiError(`The server answered ${response.status} without a GraphQL response.`, null);
  }
  const error = body.errors?.[0];
  if (error) throw new ApiError(error.message, error.extensions?.code ?? null);
  if (!body.data) throw new ApiError('The server answered without data.', null);
  return body.data;
}

/** Hands the browser a server-relative link to download (a signed export link carries no key). */
export function downloadLink(url: string): void {
  const link = document.createElement('a');
  link.href = url;
  link.download = '';
  document.body.append(link);
  link.click();
  link.remove();
}
