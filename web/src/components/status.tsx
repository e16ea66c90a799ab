import type { ApiError } from '../api/graphql-client';

export function Loading({ what }: { what: string }) {
  return (
    <p class="loading" role="status">
      Loading {what}…
    </p>
  );
}

export function ErrorNotice({ error }: { error: ApiError }) {
  return (
    <p class="error" role="alert">
      {error.message}
    </p>
  );
}
