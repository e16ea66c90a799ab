import type { Db } from '../db/db';

export interface CampaignRow {
  id: string;
  org_id: string;
  external_id: string;
  name: string;
  holdout_enabled: boolean;
  holdout_percent: number | null;
  created_at: Date;
}

const COLUMNS = 'id, org_id, external_id, name, holdout_enabled, holdout_percent, created_at';

export class CampaignRepository {
  constructor(private readonly db: Db) {}

  upsertByExternalId(orgId: string, input: { externalId: string; name: string; holdoutEnabled: boolean; holdoutPercent: number | null }): Promise<CampaignRow | null> {
    return this.db.row<CampaignRow>(
      `INSERT INTO campaigns (org_id, external_id, name, holdout_enabled, holdout_percent)
       VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (org_id, external_id) DO UPDATE
         SET name = EXCLUDED.name, holdout_enabled = EXCLUDED.holdout_enabled,
             holdout_percent = EXCLUDED.holdout_percent, updated_at = now()
       RETURNING ${COLUMNS}`,
      [orgId, input.externalId, input.name, input.holdoutEnabled, input.holdoutPercent],
    );
  }

  listByOrg(orgId: string): Promise<CampaignRow[]> {
    return this.db.rows<CampaignRow>(`SELECT ${COLUMNS} FROM campaigns WHERE org_id = $1 ORDER BY created_at, id`, [orgId]);
  }

  findById(orgId: string, id: string): Promise<CampaignRow | null> {
    return this.db.row<CampaignRow>(`SELECT ${COLUMNS} FROM campaigns WHERE org_id = $1 AND id = $2`, [orgId, id]);
  }

  /** The organisation's campaigns among `ids` (others' and unknown ids are simply absent). */
  findByIds(orgId: string, ids: string[]): Promise<CampaignRow[]> {
    return this.db.rows<CampaignRow>(`SELECT ${COLUMNS} FROM campaigns WHERE org_id = $1 AND id = ANY($2::uuid[])`, [orgId, ids]);
  }

  /** Locks the campaign row so concurrent imports into one campaign serialise their checks. */
  lockForImport(orgId: string, id: string): Promise<CampaignRow | null> {
    return this.db.row<CampaignRow>(`SELECT ${COLUMNS} FROM campaigns WHERE org_id = $1 AND id = $2 FOR NO KEY UPDATE`, [orgId, id]);
  }
}
