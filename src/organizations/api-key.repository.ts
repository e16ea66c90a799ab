import type { Db } from '../db/db';

export interface ApiKeyRow {
  id: string;
  org_id: string;
}

export class ApiKeyRepository {
  constructor(private readonly db: Db) {}

  insert(input: { orgId: string; label: string | null; keyPrefix: string; keyHash: Buffer; expiresAt: Date | null }): Promise<ApiKeyRow | null> {
    return this.db.row<ApiKeyRow>(
      `INSERT INTO api_keys (org_id, label, key_prefix, key_hash, expires_at) VALUES ($1, $2, $3, $4, $5) RETURNING id, org_id`,
      [input.orgId, input.label, input.keyPrefix, input.keyHash, input.expiresAt],
    );
  }

  /** The live key with this hash: not revoked, not expired. */
  findActiveByHash(keyHash: Buffer): Promise<ApiKeyRow | null> {
    return this.db.row<ApiKeyRow>(
      `SELECT id, org_id FROM api_keys
        WHERE key_hash = $1 AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > now())`,
      [keyHash],
    );
  }

  /** Marks the key revoked (keeping the first revocation time); null when there is no such key. */
  revoke(id: string): Promise<ApiKeyRow | null> {
    return this.db.row<ApiKeyRow>(
      `UPDATE api_keys SET revoked_at = COALESCE(revoked_at, now()) WHERE id = $1 RETURNING id, org_id`,
      [id],
    );
  }

  /** Deletes keys that were revoked or expired longer ago than `retentionDays`. */
  deleteDead(retentionDays: number): Promise<number> {
    return this.db.exec(
      `DELETE FROM api_keys
        WHERE LEAST(revoked_at, expires_at) < now() - make_interval(days => $1)`,
      [retentionDays],
    );
  }
}
