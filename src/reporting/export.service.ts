import type { Writable } from 'node:stream';
import type { DataSource } from 'typeorm';
import { CampaignRepository } from '../campaigns/campaign.repository';
import { copyOut } from '../db/copy-out';
import { dbOf } from '../db/db';
import { notFound } from '../errors';
import { isUuid } from '../organizations/organization.service';

/** A validated UUID as an SQL literal (COPY takes no bind parameters). */
const uuidLiteral = (id: string) => {
  if (!isUuid(id)) throw new Error('not a uuid');
  return `'${id.toLowerCase()}'::uuid`;
};

/**
 * The CSV exports (api.md "HTTP routes"), streamed by PostgreSQL's own CSV writer: booleans
 * true/false, money as plain decimals, instants as ISO-8601 in UTC.
 */
export class ExportService {
  constructor(private readonly dataSource: DataSource) {}

  private async requireCampaign(orgId: string, campaignId: string): Promise<void> {
    const campaign = isUuid(campaignId) ? await new CampaignRepository(dbOf(this.dataSource)).findById(orgId, campaignId) : null;
    if (!campaign) throw notFound('Campaign', campaignId, 'id');
  }

  /** One row per active attribution of the campaign (the raw path's per-order detail). */
  async streamOrders(orgId: string, campaignId: string, sink: Writable): Promise<void> {
    await this.requireCampaign(orgId, campaignId);
    await copyOut(
      this.dataSource,
      `COPY (
         SELECT a.order_id,
                to_char(a.order_date AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS order_date,
                to_char((a.order_date AT TIME ZONE o.timezone)::date, 'YYYY-MM-DD') AS local_day,
                r.external_id AS recipient_external_id,
                CASE WHEN r.is_holdout THEN 'true' ELSE 'false' END AS is_holdout,
                a.revenue::text AS revenue,
                a.order_count,
                CASE WHEN a.is_subscription THEN 'true' ELSE 'false' END AS is_subscription,
                CASE WHEN a.discount_matched THEN 'true' ELSE 'false' END AS discount_matched
           FROM attributions a
           JOIN organizations o ON o.id = a.org_id
           JOIN campaign_recipients r ON r.org_id = a.org_id AND r.id = a.recipient_id
          WHERE a.org_id = ${uuidLiteral(orgId)} AND a.campaign_id = ${uuidLiteral(campaignId)} AND a.withdrawn_at IS NULL
          ORDER BY a.order_date, a.order_id
       ) TO STDOUT WITH (FORMAT csv, HEADER true)`,
      sink,
    );
  }

  /** The mailing list after holdout assignment; `isHoldout` narrows it to one side. */
  async streamRecipients(orgId: string, campaignId: string, isHoldout: boolean | null, sink: Writable): Promise<void> {
    await this.requireCampaign(orgId, campaignId);
    const side = isHoldout === null ? '' : `AND is_holdout = ${isHoldout ? 'true' : 'false'}`;
    await copyOut(
      this.dataSource,
      `COPY (
         SELECT external_id, CASE WHEN is_holdout THEN 'true' ELSE 'false' END AS is_holdout,
                to_char(send_date, 'YYYY-MM-DD') AS send_date, cost::text AS cost
           FROM campaign_recipients
          WHERE org_id = ${uuidLiteral(orgId)} AND campaign_id = ${uuidLiteral(campaignId)} ${side}
          ORDER BY external_id COLLATE "C"
       ) TO STDOUT WITH (FORMAT csv, HEADER true)`,
      sink,
    );
  }
}
