import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Delta maintenance of the daily buckets (docs/aggregation.md): the change log records the
 * values of every active attribution version that left (sign −1) or arrived (sign +1), so a
 * run applies exact deltas instead of recomputing whole buckets. `aggregation_state` marks the
 * organisations whose buckets were rebuilt from scratch since; an organisation without a row
 * gets a full rebuild on its next run (new organisations, and every one after this upgrade,
 * since the log entries written before it carry no values).
 */
export class DeltaAggregation1732260000000 implements MigrationInterface {
  name = 'DeltaAggregation1732260000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`TRUNCATE attribution_changes`);
    await q.query(`
      ALTER TABLE attribution_changes
        ADD COLUMN sign smallint NOT NULL CHECK (sign IN (-1, 1)),
        ADD COLUMN revenue numeric(14, 2) NOT NULL,
        ADD COLUMN order_count integer NOT NULL,
        ADD COLUMN is_subscription boolean NOT NULL,
        ADD COLUMN discount_matched boolean NOT NULL`);
    await q.query(`
      CREATE OR REPLACE FUNCTION log_attribution_changes() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        -- Only active versions count: a withdrawal is an old active version leaving, a
        -- re-recording a new active version arriving.
        IF TG_OP IN ('UPDATE', 'DELETE') THEN
          INSERT INTO attribution_changes (org_id, campaign_id, recipient_id, order_date, sign, revenue, order_count, is_subscription, discount_matched)
          SELECT org_id, campaign_id, recipient_id, order_date, -1, revenue, order_count, is_subscription, discount_matched
            FROM old_rows WHERE withdrawn_at IS NULL;
        END IF;
        IF TG_OP IN ('UPDATE', 'INSERT') THEN
          INSERT INTO attribution_changes (org_id, campaign_id, recipient_id, order_date, sign, revenue, order_count, is_subscription, discount_matched)
          SELECT org_id, campaign_id, recipient_id, order_date, 1, revenue, order_count, is_subscription, discount_matched
            FROM new_rows WHERE withdrawn_at IS NULL;
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TABLE aggregation_state (
        org_id     uuid PRIMARY KEY REFERENCES organizations (id) ON DELETE CASCADE,
        rebuilt_at timestamptz NOT NULL
      )`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE aggregation_state`);
    await q.query(`TRUNCATE attribution_changes`);
    await q.query(`
      CREATE OR REPLACE FUNCTION log_attribution_changes() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'INSERT' THEN
          INSERT INTO attribution_changes (org_id, campaign_id, recipient_id, order_date)
          SELECT DISTINCT org_id, campaign_id, recipient_id, order_date FROM new_rows;
        ELSIF TG_OP = 'UPDATE' THEN
          INSERT INTO attribution_changes (org_id, campaign_id, recipient_id, order_date)
          SELECT org_id, campaign_id, recipient_id, order_date FROM old_rows
          UNION
          SELECT org_id, campaign_id, recipient_id, order_date FROM new_rows;
        ELSE
          INSERT INTO attribution_changes (org_id, campaign_id, recipient_id, order_date)
          SELECT DISTINCT org_id, campaign_id, recipient_id, order_date FROM old_rows;
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(`
      ALTER TABLE attribution_changes
        DROP COLUMN sign, DROP COLUMN revenue, DROP COLUMN order_count,
        DROP COLUMN is_subscription, DROP COLUMN discount_matched`);
  }
}
