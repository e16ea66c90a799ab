import type { DataSource } from 'typeorm';
import { dbOf } from '../db/db';
import type { Logger } from '../logger';
import type { StatsCacheService } from './stats-cache.service';

/** How many organisations one sync refreshes at a time. */
const CONCURRENCY = 2;

/**
 * `process_reporting_sync` (seed 000): for each eligible organisation (reporting enabled, at
 * least one campaign) recompute and rewrite its organisation and campaign responses.
 */
export class ReportingSyncService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly statsCache: StatsCacheService,
    private readonly logger: Logger,
  ) {}

  private eligible(): Promise<Array<{ org_id: string; campaign_ids: string[] }>> {
    return dbOf(this.dataSource).rows(
      `SELECT o.id AS org_id, array_agg(c.id ORDER BY c.id)::text[] AS campaign_ids
         FROM organizations o JOIN campaigns c ON c.org_id = o.id
        WHERE o.reporting_enabled
        GROUP BY o.id ORDER BY o.id`,
    );
  }

  async run(): Promise<{ organizations: number; keys: number; ms: number }> {
    const started = Date.now();
    const queue = await this.eligible();
    let keys = 0;
    const worker = async () => {
      for (let next = queue.shift(); next; next = queue.shift()) {
        const orgStarted = Date.now();
        const written = await this.statsCache.refresh(next.org_id, next.campaign_ids);
        keys += written;
        this.logger.info({ orgId: next.org_id, keys: written, ms: Date.now() - orgStarted }, 'reporting sync refreshed an organisation');
      }
    };
    const organizations = queue.length;
    await Promise.all(Array.from({ length: Math.min(CONCURRENCY, organizations) }, worker));
    return { organizations, keys, ms: Date.now() - started };
  }
}
