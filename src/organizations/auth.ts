import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { forbidden, unauthenticated } from '../errors';
import type { Db } from '../db/db';
import { ApiKeyRepository } from './api-key.repository';

/** Who is calling: decided by the Bearer key alone. */
export type Principal =
  | { kind: 'anonymous' }
  | { kind: 'admin' }
  | { kind: 'organization'; orgId: string; keyId: string }
  /** A key was sent but matched nothing (or was revoked or expired). */
  | { kind: 'invalid' };

const KEY_PREFIX = 'prk_';

/** A new random organisation key: shown once, never stored (only its hash is). */
export function generateApiKey(): { key: string; prefix: string; hash: Buffer } {
  const key = KEY_PREFIX + randomBytes(32).toString('base64url');
  return { key, prefix: key.slice(0, 12), hash: hashApiKey(key) };
}

/** Keys are 256 random bits, so a plain SHA-256 is the right hash (no salt or stretching needed). */
export function hashApiKey(key: string): Buffer {
  return createHash('sha256').update(key).digest();
}

export function bearerToken(header: string | undefined): string | null {
  if (!header) return null;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match ? match[1] : null;
}

export async function authenticate(db: Db, authorization: string | undefined, adminApiKey: string | null): Promise<Principal> {
  const token = bearerToken(authorization);
  if (token === null) return authorization ? { kind: 'invalid' } : { kind: 'anonymous' };
  const hash = hashApiKey(token);
  if (adminApiKey !== null && timingSafeEqual(hash, hashApiKey(adminApiKey))) return { kind: 'admin' };
  if (!token.startsWith(KEY_PREFIX)) return { kind: 'invalid' };
  const key = await new ApiKeyRepository(db).findActiveByHash(hash);
  return key ? { kind: 'organization', orgId: key.org_id, keyId: key.id } : { kind: 'invalid' };
}

/** The caller's organisation id, or the access error spec §11 prescribes. */
export function requireOrganization(principal: Principal): string {
  switch (principal.kind) {
    case 'organization':
      return principal.orgId;
    case 'admin':
      throw forbidden('This operation needs an organisation API key; the admin key has no organisation');
    case 'anonymous':
    case 'invalid':
      throw unauthenticated();
  }
}

export function requireAdmin(principal: Principal): void {
  switch (principal.kind) {
    case 'admin':
      return;
    case 'organization':
      throw forbidden('This operation needs the admin API key');
    case 'anonymous':
    case 'invalid':
      throw unauthenticated();
  }
}
