import { createContext } from 'preact';
import { useContext } from 'preact/hooks';

/** The API key lives in sessionStorage only: it ends with the tab, and is never put in a URL. */
const STORAGE_KEY = 'paperrun.apiKey';

export function readStoredKey(): string | null {
  return sessionStorage.getItem(STORAGE_KEY);
}

export function storeKey(apiKey: string): void {
  sessionStorage.setItem(STORAGE_KEY, apiKey);
}

export function forgetKey(): void {
  sessionStorage.removeItem(STORAGE_KEY);
}

export interface Session {
  apiKey: string;
  organization: { id: string; name: string; timezone: string };
  signOut(reason?: string): void;
}

export const SessionContext = createContext<Session | null>(null);

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside a signed-in page');
  return session;
}
