import { createHmac, timingSafeEqual } from 'node:crypto';
import { badUserInput, forbidden } from '../errors';

/** The two CSV exports a link can point at. */
export type ExportKindValue = 'ORDERS' | 'RECIPIENTS';

/** What a signed export link grants: one export of one campaign of one organisation, until `expires`. */
export interface ExportLinkClaims {
  orgId: string;
  campaignId: string;
  kind: ExportKindValue;
  /** RECIPIENTS only: one side of the split, or null for both. */
  holdout: boolean | null;
  /** Unix seconds. */
  expires: number;
}

const EXPORT_PATHS: Record<ExportKindValue, string> = { ORDERS: 'orders.csv', RECIPIENTS: 'recipients.csv' };

/** The export route's path of a kind, e.g. `/exports/campaigns/<id>/orders.csv`. */
export function exportPath(campaignId: string, kind: ExportKindValue): string {
  return `/exports/campaigns/${encodeURIComponent(campaignId)}/${EXPORT_PATHS[kind]}`;
}

/** HMAC-SHA256 over every claim, one per line behind a version tag, base64url. */
export function signExportLink(secret: Buffer, claims: ExportLinkClaims): string {
  const message = ['paperrun-export-link-v1', claims.orgId, claims.campaignId, claims.kind, claims.holdout === null ? '' : String(claims.holdout), String(claims.expires)].join('\n');
  return createHmac('sha256', secret).update(message).digest('base64url');
}

/** The server-relative URL of a signed link: the export's path plus org, expiry and signature (no API key). */
export function exportLinkUrl(secret: Buffer, claims: ExportLinkClaims): string {
  const query = new URLSearchParams({ org: claims.orgId, expires: String(claims.expires) });
  if (claims.holdout !== null) query.set('holdout', String(claims.holdout));
  query.set('signature', signExportLink(secret, claims));
  return `${exportPath(claims.campaignId, claims.kind)}?${query.toString()}`;
}

/** The link's parameters as they arrive on the export route (query strings, untrusted). */
export interface ExportLinkRequest {
  campaignId: string;
  kind: ExportKindValue;
  org: unknown;
  expires: unknown;
  holdout: unknown;
  signature: unknown;
}

/**
 * The organisation a signed link grants, or the reason it does not: a malformed parameter is
 * BAD_USER_INPUT; a wrong signature (tampered, another campaign or organisation, another kind)
 * or an expired link is FORBIDDEN. The signature is compared in constant time.
 */
export function verifyExportLink(secret: Buffer, request: ExportLinkRequest, nowMs: number): string {
  const { org, expires, holdout, signature } = request;
  if (typeof org !== 'string' || org === '') throw badUserInput([{ field: 'org', message: 'must be the organisation id of the signed link' }]);
  if (typeof expires !== 'string' || !/^\d{1,12}$/.test(expires)) throw badUserInput([{ field: 'expires', message: 'must be the expiry of the signed link (Unix seconds)' }]);
  if (holdout !== undefined && holdout !== 'true' && holdout !== 'false') throw badUserInput([{ field: 'holdout', message: 'must be true or false' }]);
  if (typeof signature !== 'string' || !/^[A-Za-z0-9_-]{43}$/.test(signature)) throw badUserInput([{ field: 'signature', message: 'must be the signature of the link' }]);
  const claims: ExportLinkClaims = {
    orgId: org,
    campaignId: request.campaignId,
    kind: request.kind,
    holdout: holdout === undefined ? null : holdout === 'true',
    expires: Number(expires),
  };
  const expected = Buffer.from(signExportLink(secret, claims), 'base64url');
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw forbidden('This export link is not valid: its signature does not match');
  if (claims.expires * 1000 <= nowMs) throw forbidden('This export link has expired: create a new one with createExportLink');
  return claims.orgId;
}
