import type { Db } from '../db/db';

export interface SyncCandidate {
  org_id: string;
  campaign_ids: string[];
  /** What the organisation's cached responses are computed from, now (see eligibleWithFingerprints). */
  fingerprint: string;
  /** The fingerprint its responses were last written from by the sync; null if never. */
  synced_fingerprint: string | null;
}

/** SQL of the cache sync (docs/aggregation.md, "Cache sync"). */
export class ReportingSyncRepository {
  constructor(private readonly db: Db) {}

  /**
   * Every eligible organisation (reporting enabled, at least one campaign) with its campaigns
   * and the fingerprint of everything its aggregate responses are computed from, in one
   * statement: the cached format version (an upgrade rewrites every response), the organisation's row (time zone), its local date (today's rolling rows change
   * at local midnight), the version of its buckets (bumped by every aggregation run that
   * changes one, committed with the buckets), its campaigns' rows and its recipient send groups.
   * Read before the responses are computed: a change committed after this read gives a
   * different fingerprint on the next run.
   */
  eligibleWithFingerprints(formatVersion: number): Promise<SyncCandidate[]> {
    return this.db.rows<SyncCandidate>(
      `SELECT o.id AS org_id, c.campaign_ids,
              md5(concat_ws('|', $1::int, o::text, (now() AT TIME ZONE o.timezone)::date, coalesce(s.buckets_version, 0), c.campaigns,
                            (SELECT string_agg(g::text, ',' ORDER BY g.campaign_id, g.is_holdout, g.send_date) FROM recipient_send_groups g WHERE g.org_id = o.id))) AS fingerprint,
              st.fingerprint AS synced_fingerprint
         FROM organizations o
         CROSS JOIN LATERAL (SELECT array_agg(c.id ORDER BY c.id)::text[] AS campaign_ids, string_agg(c::text, ',' ORDER BY c.id) AS campaigns
                               FROM campaigns c WHERE c.org_id = o.id) c
         LEFT JOIN aggregation_state s ON s.org_id = o.id
         LEFT JOIN reporting_sync_state st ON st.org_id = o.id
        WHERE o.reporting_enabled AND c.campaign_ids IS NOT NULL
        ORDER BY o.id`,
      [formatVersion],
    );
  }

  async markSynced(orgId: string, fingerprint: string): Promise<void> {
    await this.db.exec(
      `INSERT INTO reporting_sync_state (org_id, fingerprint, synced_at) VALUES ($1, $2, now())
       ON CONFLICT (org_id) DO UPDATE SET fingerprint = EXCLUDED.fingerprint, synced_at = EXCLUDED.synced_at`,
      [orgId, fingerprint],
    );
  }
}
