import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Indexes the daily aggregation reads from (docs/aggregation.md).
 *
 * - attributions_history_idx: a recipient's orders in date order, from the index alone. Ticks
 *   read each changed recipient's first days, and a rebuild every recipient's, with index-only
 *   scans. It is not partial, so it also serves what attributions_recipient_idx (its prefix)
 *   served: the ON DELETE CASCADE lookups of a deleted recipient's attributions, withdrawn ones
 *   included, and the "has active attributions" probe of the recipient writers; withdrawn_at
 *   is included so the aggregation's `withdrawn_at IS NULL` stays index-only.
 * - campaign_recipients_holdout_idx: an organisation's holdout recipients (a small fraction,
 *   never updated), which a rebuild hashes to tell the sides apart without a scan of every
 *   recipient.
 */
export class AggregationIndexes1732280000000 implements MigrationInterface {
  name = 'AggregationIndexes1732280000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE INDEX attributions_history_idx
        ON attributions (org_id, campaign_id, recipient_id, order_date) INCLUDE (order_count, withdrawn_at)`);
    await q.query(`DROP INDEX attributions_recipient_idx`);
    await q.query(`CREATE INDEX campaign_recipients_holdout_idx ON campaign_recipients (org_id, id) WHERE is_holdout`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX campaign_recipients_holdout_idx`);
    await q.query(`CREATE INDEX attributions_recipient_idx ON attributions (org_id, campaign_id, recipient_id)`);
    await q.query(`DROP INDEX attributions_history_idx`);
  }
}
