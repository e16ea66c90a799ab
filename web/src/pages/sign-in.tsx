import { useState } from 'preact/hooks';
import { ApiError, requestGraphQL } from '../api/graphql-client';
import { ViewerDocument, type ViewerQuery } from '../generated/graphql';

interface SignInProps {
  notice: string | null;
  onSignedIn(apiKey: string, organization: ViewerQuery['organization']): void;
}

/** Paste an organisation API key; it is checked against the API before it is kept. */
export function SignIn({ notice, onSignedIn }: SignInProps) {
  const [apiKey, setApiKey] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (event: Event) => {
    event.preventDefault();
    const key = apiKey.trim();
    if (!key) {
      setError('Paste an organisation API key (it starts with prk_).');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const { organization } = await requestGraphQL(ViewerDocument, {}, key);
      onSignedIn(key, organization);
    } catch (caught) {
      const apiError = caught instanceof ApiError ? caught : new ApiError(String(caught), null);
      setError(
        apiError.isUnauthenticated
          ? 'That API key was not accepted: it is wrong, revoked or expired.'
          : apiError.code === 'FORBIDDEN'
            ? 'That is the admin key: the dashboard needs an organisation key (prk_…).'
            : apiError.message,
      );
    } finally {
      setBusy(false);
    }
  };
  return (
    <main class="sign-in">
      <h1>PaperRun</h1>
      <p class="lead">Reporting for direct mail and e-mail: what each campaign earned, and how much of it would not have happened without it.</p>
      <form onSubmit={submit} class="card">
        <label for="api-key">Organisation API key</label>
        <input id="api-key" name="apiKey" type="password" autoComplete="off" spellcheck={false} placeholder="prk_…" value={apiKey} onInput={(e) => setApiKey(e.currentTarget.value)} />
        <p class="muted">Kept in this tab only (sessionStorage) and sent as a Bearer header. <code>npm start</code> prints the demo organisation's key.</p>
        {(error ?? notice) && (
          <p class="error" role="alert">
            {error ?? notice}
          </p>
        )}
        <button type="submit" disabled={busy}>
          {busy ? 'Checking…' : 'Sign in'}
        </button>
      </form>
    </main>
  );
}
