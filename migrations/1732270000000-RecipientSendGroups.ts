import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Recipients pre-grouped by (campaign, holdout side, send date) with their count and cost —
 * the aggregate path's counterpart of attribution_aggregates_daily for the cost side, so a
 * dashboard reads a few hundred rows instead of grouping every recipient. Kept exact by a
 * statement-level trigger (transition tables) for every writer: GraphQL imports, the COPY
 * importer, a hand-run UPDATE.
 */
export class RecipientSendGroups1732270000000 implements MigrationInterface {
  name = 'RecipientSendGroups1732270000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE recipient_send_groups (
        org_id      uuid NOT NULL,
        campaign_id uuid NOT NULL,
        is_holdout  boolean NOT NULL,
        send_date   date,
        -- No sign CHECKs: the trigger upserts signed deltas, and PostgreSQL checks the proposed
        -- (negative) row before it resolves the conflict into an update.
        recipients  bigint NOT NULL,
        cost        numeric NOT NULL,
        CONSTRAINT recipient_send_groups_key UNIQUE NULLS NOT DISTINCT (org_id, campaign_id, is_holdout, send_date),
        FOREIGN KEY (org_id, campaign_id) REFERENCES campaigns (org_id, id) ON DELETE CASCADE
      )`);
    await q.query(`
      INSERT INTO recipient_send_groups (org_id, campaign_id, is_holdout, send_date, recipients, cost)
      SELECT org_id, campaign_id, is_holdout, send_date, count(*), sum(cost)
        FROM campaign_recipients GROUP BY org_id, campaign_id, is_holdout, send_date`);
    // Signed changes per group (+1 per new row version, −1 per old one), then groups emptied
    // by them are deleted. A CTE per operation: a transition table exists only for its own.
    const apply = (versions: string) => `
        INSERT INTO recipient_send_groups AS g (org_id, campaign_id, is_holdout, send_date, recipients, cost)
        SELECT org_id, campaign_id, is_holdout, send_date, sum(n), sum(c) FROM (${versions}) v
         GROUP BY org_id, campaign_id, is_holdout, send_date
        HAVING sum(n) <> 0 OR sum(c) <> 0
        ON CONFLICT ON CONSTRAINT recipient_send_groups_key
          DO UPDATE SET recipients = g.recipients + EXCLUDED.recipients, cost = g.cost + EXCLUDED.cost;`;
    const prune = `
        DELETE FROM recipient_send_groups g
         USING (SELECT DISTINCT org_id, campaign_id FROM old_rows) t
         WHERE g.org_id = t.org_id AND g.campaign_id = t.campaign_id AND g.recipients = 0;`;
    const added = 'SELECT org_id, campaign_id, is_holdout, send_date, 1 AS n, cost AS c FROM new_rows';
    const removed = 'SELECT org_id, campaign_id, is_holdout, send_date, -1 AS n, -cost AS c FROM old_rows';
    await q.query(`
      CREATE FUNCTION maintain_recipient_send_groups() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'INSERT' THEN
          ${apply(added)}
        ELSIF TG_OP = 'UPDATE' THEN
          ${apply(`${added} UNION ALL ${removed}`)}
          ${prune}
        ELSE
          ${apply(removed)}
          ${prune}
        END IF;
        RETURN NULL;
      END $$`);
    for (const op of ['INSERT', 'UPDATE', 'DELETE']) {
      const tables = op === 'INSERT' ? 'NEW TABLE AS new_rows' : op === 'DELETE' ? 'OLD TABLE AS old_rows' : 'OLD TABLE AS old_rows NEW TABLE AS new_rows';
      await q.query(`
        CREATE TRIGGER campaign_recipients_send_groups_${op.toLowerCase()} AFTER ${op} ON campaign_recipients
          REFERENCING ${tables} FOR EACH STATEMENT EXECUTE FUNCTION maintain_recipient_send_groups()`);
    }
  }

  public async down(q: QueryRunner): Promise<void> {
    for (const op of ['insert', 'update', 'delete']) await q.query(`DROP TRIGGER campaign_recipients_send_groups_${op} ON campaign_recipients`);
    await q.query(`DROP FUNCTION maintain_recipient_send_groups()`);
    await q.query(`DROP TABLE recipient_send_groups`);
  }
}
