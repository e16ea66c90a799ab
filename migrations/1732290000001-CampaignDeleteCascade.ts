import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Deleting a campaign (or an organisation) cascades to its recipients, whose statement trigger
 * then wrote negative counts into `recipient_send_groups` for the campaign being deleted, and
 * the groups' foreign key rejected the delete. The trigger now skips the groups of campaigns
 * that are gone (their rows went with the campaign's own ON DELETE CASCADE).
 */
export class CampaignDeleteCascade1732290000001 implements MigrationInterface {
  name = 'CampaignDeleteCascade1732290000001';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(this.maintainFunction(true));
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(this.maintainFunction(false));
  }

  private maintainFunction(skipDeletedCampaigns: boolean): string {
    const apply = (versions: string, onlyExisting: boolean) => `
        INSERT INTO recipient_send_groups AS g (org_id, campaign_id, is_holdout, send_date, recipients, cost)
        SELECT org_id, campaign_id, is_holdout, send_date, sum(n), sum(c) FROM (${versions}) v
        ${onlyExisting ? 'WHERE EXISTS (SELECT 1 FROM campaigns c WHERE c.org_id = v.org_id AND c.id = v.campaign_id)' : ''}
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
    return `
      CREATE OR REPLACE FUNCTION maintain_recipient_send_groups() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'INSERT' THEN
          ${apply(added, false)}
        ELSIF TG_OP = 'UPDATE' THEN
          ${apply(`${added} UNION ALL ${removed}`, false)}
          ${prune}
        ELSE
          ${apply(removed, skipDeletedCampaigns)}
          ${prune}
        END IF;
        RETURN NULL;
      END $$`;
  }
}
