import { MAX_ID_LENGTH } from '../campaigns/ingestion.rules';
import { instantBoundsProblem } from '../dates';

/** Pure input rules of the funnel operations (spec §9, §11), shared by GraphQL and the CSV importer. */

export type FunnelTypeValue = 'language' | 'non_language';

/** In report order: language first (spec §11). */
export const FUNNEL_TYPES: readonly FunnelTypeValue[] = ['language', 'non_language'];

/** Entries and purchases dated more than this far ahead of now are rejected. */
export const MAX_FUTURE_MS = 24 * 60 * 60 * 1000;
export const MAX_EMAIL_LENGTH = 254;
const MAX_LOCAL_PART_LENGTH = 64;

/**
 * The characters `String.prototype.trim` removes (ECMAScript WhiteSpace and LineTerminator),
 * spelled out so SQL can trim the same set: PostgreSQL's one-argument btrim removes only spaces.
 */
export const TRIMMED_WHITESPACE = '\t\n\v\f\r \u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000\ufeff';

/** Trimmed and lower-cased: the only form in which addresses are stored or compared. */
export function normalizeEmail(raw: string): string {
  return raw.trim().toLowerCase();
}

/**
 * WHATWG's "valid e-mail address" (what browsers accept in `<input type=email>`), with a dotted
 * domain required: the address must be deliverable through Brevo, so `user@localhost` is out.
 */
const EMAIL = /^[a-z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+$/;

/** Null when `email` (already normalised) is a usable address, else why not. */
export function emailProblem(email: string): string | null {
  if (email.length === 0) return 'must not be empty';
  if (email.length > MAX_EMAIL_LENGTH) return `must be at most ${MAX_EMAIL_LENGTH} characters`;
  const at = email.lastIndexOf('@');
  if (!EMAIL.test(email) || at > MAX_LOCAL_PART_LENGTH) return `${JSON.stringify(email)} is not a valid e-mail address`;
  return null;
}

/** Null when an optional text (user id, source) is absent or 1–200 characters, else why not. */
export function optionalTextProblem(value: string | null): string | null {
  if (value === null) return null;
  if (value.trim().length === 0) return 'must not be empty (leave it out for none)';
  if (value.length > MAX_ID_LENGTH) return `must be at most ${MAX_ID_LENGTH} characters`;
  return null;
}

/** Null when `instant` is no more than 24 hours ahead of `now` (epoch ms) and not before 2000, else why not. */
export function futureInstantProblem(instant: Date, now: number): string | null {
  if (Number.isNaN(instant.getTime())) return 'must be a valid date-time';
  return instant.getTime() > now + MAX_FUTURE_MS ? 'must not be more than 24 hours in the future' : instantBoundsProblem(instant);
}
