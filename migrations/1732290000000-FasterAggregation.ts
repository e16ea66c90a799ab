import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A cheaper aggregation tick (docs/aggregation.md, docs/benchmarks.md P2).
 *
 * - The change log nets an update in place: an update that keeps an active order's bucket and
 *   flags (same campaign, recipient, instant, order_count, subscription and discount flags)
 *   and changes only its revenue — a rule re-evaluation, a partial refund — is logged as one
 *   row with `sign = 0` and the revenue difference, instead of the old version leaving and the
 *   new one arriving; an update that changes none of the logged values logs nothing. Other
 *   updates still log −1/+1 versions. `revenue` is now signed (the version's revenue times its
 *   sign, or the difference for `sign = 0`), so every additive delta is a plain sum; the
 *   unconsumed rows of the old form are converted.
 * - The buckets' per-row foreign key to campaigns becomes one check per statement: a backfill
 *   inserts tens of thousands of buckets, and a per-row check cost a quarter of a second
 *   of it (one lookup and one row lock per bucket, for a hundred campaigns). The statement
 *   trigger locks each referenced campaign once (FOR KEY SHARE, as the foreign key does, so a
 *   concurrent delete waits or fails the run) and rejects a bucket whose campaign is not in
 *   its organisation; deleting a campaign deletes its buckets (the ON DELETE CASCADE); bucket
 *   and campaign keys cannot be changed (the foreign key's NO ACTION on update). The change
 *   log skips the attributions a campaign's deletion cascades to, and the deletion drops the
 *   campaign's changes not yet aggregated (their buckets are gone).
 * - A recipient's deletion (by hand: no API deletes recipients) cascades to its attributions,
 *   which are logged as leaving; the run looks each logged recipient's side up, and a deleted
 *   one is gone. A statement trigger on the recipients' deletion keeps the deleted holdout
 *   recipients in `deleted_holdout_recipients` until the organisation's next run consumes the
 *   log (both are written in the deleting transaction, so a run sees both or neither).
 * - The buckets keep half of each page free (fillfactor 50): a tick updates a few thousand
 *   buckets in place, and with room on the page PostgreSQL writes the new version there
 *   without touching the primary-key index (a HOT update). Pages written before this
 *   migration get the room when they are next rewritten (a rebuild rewrites only changed
 *   buckets; `VACUUM FULL attribution_aggregates_daily` rewrites all).
 */
export class FasterAggregation1732290000000 implements MigrationInterface {
  name = 'FasterAggregation1732290000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE attribution_aggregates_daily DROP CONSTRAINT attribution_aggregates_daily_org_id_campaign_id_fkey`);
    await q.query(`
      CREATE FUNCTION check_aggregate_campaigns() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        missing record;
      BEGIN
        PERFORM 1 FROM campaigns c JOIN (SELECT DISTINCT org_id, campaign_id FROM new_rows) n ON c.org_id = n.org_id AND c.id = n.campaign_id
          FOR KEY SHARE OF c;
        SELECT n.org_id, n.campaign_id INTO missing
          FROM (SELECT DISTINCT org_id, campaign_id FROM new_rows) n
         WHERE NOT EXISTS (SELECT 1 FROM campaigns c WHERE c.org_id = n.org_id AND c.id = n.campaign_id)
         LIMIT 1;
        IF FOUND THEN
          RAISE EXCEPTION 'bucket of campaign % is not in organisation %''s campaigns', missing.campaign_id, missing.org_id
            USING ERRCODE = 'foreign_key_violation';
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER attribution_aggregates_daily_campaign_check AFTER INSERT ON attribution_aggregates_daily
        REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION check_aggregate_campaigns()`);
    await q.query(`
      CREATE FUNCTION reject_key_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION '% keys cannot be changed', TG_TABLE_NAME USING ERRCODE = 'foreign_key_violation';
      END $$`);
    await q.query(`
      CREATE TRIGGER attribution_aggregates_daily_keys BEFORE UPDATE ON attribution_aggregates_daily
        FOR EACH ROW WHEN (OLD.org_id IS DISTINCT FROM NEW.org_id OR OLD.campaign_id IS DISTINCT FROM NEW.campaign_id)
        EXECUTE FUNCTION reject_key_change()`);
    await q.query(`
      CREATE TRIGGER campaigns_keys BEFORE UPDATE ON campaigns
        FOR EACH ROW WHEN (OLD.org_id IS DISTINCT FROM NEW.org_id OR OLD.id IS DISTINCT FROM NEW.id)
        EXECUTE FUNCTION reject_key_change()`);
    await q.query(`
      CREATE FUNCTION delete_campaign_aggregates() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        DELETE FROM attribution_aggregates_daily b USING old_rows o WHERE b.org_id = o.org_id AND b.campaign_id = o.id;
        -- Its changes not yet aggregated have no buckets left to go to.
        DELETE FROM attribution_changes l USING old_rows o WHERE l.org_id = o.org_id AND l.campaign_id = o.id;
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER campaigns_delete_aggregates AFTER DELETE ON campaigns
        REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION delete_campaign_aggregates()`);
    await q.query(`ALTER TABLE attribution_aggregates_daily SET (fillfactor = 50)`);
    // Holdout recipients deleted since the last run: the side of their logged orders.
    await q.query(`
      CREATE TABLE deleted_holdout_recipients (
        org_id       uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
        recipient_id bigint NOT NULL,
        PRIMARY KEY (org_id, recipient_id)
      )`);
    await q.query(`
      CREATE FUNCTION log_deleted_holdout_recipients() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        -- Not for a deleted campaign (or organisation): the log skips its orders.
        INSERT INTO deleted_holdout_recipients (org_id, recipient_id)
        SELECT org_id, id FROM old_rows o
         WHERE is_holdout AND EXISTS (SELECT 1 FROM campaigns c WHERE c.org_id = o.org_id AND c.id = o.campaign_id)
        ON CONFLICT DO NOTHING;
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER campaign_recipients_log_deleted_holdouts AFTER DELETE ON campaign_recipients
        REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION log_deleted_holdout_recipients()`);
    await q.query(`ALTER TABLE attribution_changes DROP CONSTRAINT attribution_changes_sign_check`);
    await q.query(`ALTER TABLE attribution_changes ADD CONSTRAINT attribution_changes_sign_check CHECK (sign IN (-1, 0, 1))`);
    await q.query(`UPDATE attribution_changes SET revenue = -revenue WHERE sign = -1`);
    await q.query(`
      CREATE OR REPLACE FUNCTION log_attribution_changes() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        -- Only active versions count: a withdrawal is an old active version leaving, a
        -- re-recording a new active version arriving.
        IF TG_OP = 'INSERT' THEN
          INSERT INTO attribution_changes (org_id, campaign_id, recipient_id, order_date, sign, revenue, order_count, is_subscription, discount_matched)
          SELECT org_id, campaign_id, recipient_id, order_date, 1, revenue, order_count, is_subscription, discount_matched
            FROM new_rows WHERE withdrawn_at IS NULL;
        ELSIF TG_OP = 'DELETE' THEN
          INSERT INTO attribution_changes (org_id, campaign_id, recipient_id, order_date, sign, revenue, order_count, is_subscription, discount_matched)
          SELECT org_id, campaign_id, recipient_id, order_date, -1, -revenue, order_count, is_subscription, discount_matched
            FROM old_rows o
           WHERE withdrawn_at IS NULL
             -- A deleted campaign takes its buckets with it: nothing to subtract from.
             AND EXISTS (SELECT 1 FROM campaigns c WHERE c.org_id = o.org_id AND c.id = o.campaign_id);
        ELSE
          -- An order whose versions stay active in the same bucket with the same flags is
          -- logged as its revenue difference (sign 0), or not at all; any other update as the
          -- old active version leaving and the new one arriving.
          INSERT INTO attribution_changes (org_id, campaign_id, recipient_id, order_date, sign, revenue, order_count, is_subscription, discount_matched)
          SELECT v.org_id, v.campaign_id, v.recipient_id, v.order_date, v.sign, v.revenue, v.order_count, v.is_subscription, v.discount_matched
            FROM old_rows o
            FULL JOIN new_rows n ON n.org_id = o.org_id AND n.id = o.id
            CROSS JOIN LATERAL (
              SELECT o.id IS NOT NULL AND n.id IS NOT NULL AND o.withdrawn_at IS NULL AND n.withdrawn_at IS NULL
                     AND (n.org_id, n.campaign_id, n.recipient_id, n.order_date, n.order_count, n.is_subscription, n.discount_matched)
                       = (o.org_id, o.campaign_id, o.recipient_id, o.order_date, o.order_count, o.is_subscription, o.discount_matched) AS kept
            ) k
            CROSS JOIN LATERAL (
              SELECT n.org_id, n.campaign_id, n.recipient_id, n.order_date, 0::smallint AS sign, n.revenue - o.revenue AS revenue,
                     n.order_count, n.is_subscription, n.discount_matched
               WHERE k.kept AND n.revenue <> o.revenue
              UNION ALL
              SELECT o.org_id, o.campaign_id, o.recipient_id, o.order_date, -1, -o.revenue, o.order_count, o.is_subscription, o.discount_matched
               WHERE NOT k.kept AND o.id IS NOT NULL AND o.withdrawn_at IS NULL
              UNION ALL
              SELECT n.org_id, n.campaign_id, n.recipient_id, n.order_date, 1, n.revenue, n.order_count, n.is_subscription, n.discount_matched
               WHERE NOT k.kept AND n.id IS NOT NULL AND n.withdrawn_at IS NULL
            ) v;
        END IF;
        RETURN NULL;
      END $$`);
  }

  public async down(q: QueryRunner): Promise<void> {
    // Netted rows cannot be turned back into versions: every organisation is rebuilt from raw on
    // its next run instead (a rebuild drops the log unread).
    await q.query(`DELETE FROM attribution_changes`);
    await q.query(`DELETE FROM aggregation_state`);
    await q.query(`DROP TRIGGER campaign_recipients_log_deleted_holdouts ON campaign_recipients`);
    await q.query(`DROP FUNCTION log_deleted_holdout_recipients()`);
    await q.query(`DROP TABLE deleted_holdout_recipients`);
    await q.query(`ALTER TABLE attribution_changes DROP CONSTRAINT attribution_changes_sign_check`);
    await q.query(`ALTER TABLE attribution_changes ADD CONSTRAINT attribution_changes_sign_check CHECK (sign IN (-1, 1))`);
    await q.query(`
      CREATE OR REPLACE FUNCTION log_attribution_changes() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
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
    await q.query(`ALTER TABLE attribution_aggregates_daily RESET (fillfactor)`);
    await q.query(`DROP TRIGGER campaigns_delete_aggregates ON campaigns`);
    await q.query(`DROP FUNCTION delete_campaign_aggregates()`);
    await q.query(`DROP TRIGGER campaigns_keys ON campaigns`);
    await q.query(`DROP TRIGGER attribution_aggregates_daily_keys ON attribution_aggregates_daily`);
    await q.query(`DROP FUNCTION reject_key_change()`);
    await q.query(`DROP TRIGGER attribution_aggregates_daily_campaign_check ON attribution_aggregates_daily`);
    await q.query(`DROP FUNCTION check_aggregate_campaigns()`);
    await q.query(`DELETE FROM attribution_aggregates_daily b WHERE NOT EXISTS (SELECT 1 FROM campaigns c WHERE c.org_id = b.org_id AND c.id = b.campaign_id)`);
    await q.query(`
      ALTER TABLE attribution_aggregates_daily ADD CONSTRAINT attribution_aggregates_daily_org_id_campaign_id_fkey
        FOREIGN KEY (org_id, campaign_id) REFERENCES campaigns (org_id, id) ON DELETE CASCADE`);
  }
}
