import { useEffect, useState } from 'preact/hooks';
import type { TypedDocumentString } from '../generated/graphql';
import { useSession } from '../session';
import { ApiError, requestGraphQL } from './graphql-client';

export type QueryState<T> = { status: 'loading' } | { status: 'error'; error: ApiError } | { status: 'done'; data: T };

/**
 * Runs one typed operation for the signed-in organisation and re-runs it when the variables
 * change; a key the server no longer accepts signs the user out.
 */
export function useQuery<TResult, TVariables>(document: TypedDocumentString<TResult, TVariables>, variables: TVariables): QueryState<TResult> {
  const { apiKey, signOut } = useSession();
  const key = JSON.stringify(variables);
  // Each answer remembers the variables it is for, so a page never shows the previous range's numbers.
  const [state, setState] = useState<{ key: string; state: QueryState<TResult> }>({ key, state: { status: 'loading' } });
  useEffect(() => {
    let current = true;
    requestGraphQL(document, variables, apiKey).then(
      (data) => current && setState({ key, state: { status: 'done', data } }),
      (error: unknown) => {
        if (!current) return;
        const apiError = error instanceof ApiError ? error : new ApiError(String(error), null);
        if (apiError.isUnauthenticated) signOut('Your API key is no longer accepted. Sign in again.');
        else setState({ key, state: { status: 'error', error: apiError } });
      },
    );
    return () => {
      current = false;
    };
  }, [document, key, apiKey]);
  return state.key === key ? state.state : { status: 'loading' };
}
