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

export interface ExportOptions {
  /**
   * Cells exactly as stored, for programs. By default the columns holding text a client chose
   * (external ids, order ids) are made safe for spreadsheets (see `spreadsheetSafe`).
   */
  raw: boolean;
}

/** An export whose campaign has been checked: its file name, then its rows on demand. */
export interface CsvExport {
  /** `campaign-<uuid>-orders.csv`: built from the validated id only. */
  filename: string;
  writeTo(sink: Writable): Promise<void>;
}

/**
 * A user-text column made safe for spreadsheets (OWASP "CSV injection"): a cell starting with
 * = + - @ tab or carriage return gets a leading single quote, so Excel, LibreOffice and Sheets
 * show it as text instead of evaluating it; the COPY statement quotes these columns too.
 * Columns the server formats itself (dates, booleans, money ≥ 0, counts ≥ 1) never start so.
 */
function spreadsheetSafe(column: string, options: ExportOptions): string {
  if (options.raw) return column;
  return `CASE WHEN left(${column}, 1) IN ('=', '+', '-', '@', E'\\t', E'\\r') THEN '''' || ${column} ELSE ${column} END`;
}

/** COPY's CSV options: the user-text columns always quoted unless raw. */
function csvFormat(textColumns: string[], options: ExportOptions): string {
  const quoted = options.raw ? '' : `, FORCE_QUOTE (${textColumns.join(', ')})`;
  return `(FORMAT csv, HEADER true${quoted})`;
}

/**
 * The CSV exports (api.md "HTTP routes"), streamed by PostgreSQL's own CSV writer: booleans
 * true/false, money as plain decimals, instants as ISO-8601 in UTC.
 */
export class ExportService {
  /** `statementTimeoutMs`: the COPY's own limit (the jobs' one: an export outlasts an API request's). */
  constructor(
    private readonly dataSource: DataSource,
    private readonly copyOptions: { statementTimeoutMs: number } = { statementTimeoutMs: 0 },
  ) {}

  /** The campaign id, lower-cased, once it is known to be a campaign of the organisation. */
  private async requireCampaign(orgId: string, campaignId: string): Promise<string> {
    const campaign = isUuid(campaignId) ? await new CampaignRepository(dbOf(this.dataSource)).findById(orgId, campaignId) : null;
    if (!campaign) throw notFound('Campaign', campaignId, 'id');
    return campaign.id;
  }

  /** One row per active attribution of the campaign (the raw path's per-order detail). */
  async orders(orgId: string, campaignId: string, options: ExportOptions): Promise<CsvExport> {
    const id = await this.requireCampaign(orgId, campaignId);
    const statement = `COPY (
         SELECT ${spreadsheetSafe('a.order_id', options)} AS order_id,
                to_char(a.order_date AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS order_date,
                to_char((a.order_date AT TIME ZONE o.timezone)::date, 'YYYY-MM-DD') AS local_day,
                ${spreadsheetSafe('r.external_id', options)} AS recipient_external_id,
                CASE WHEN r.is_holdout THEN 'true' ELSE 'false' END AS is_holdout,
                a.revenue::text AS revenue,
                a.order_count,
                CASE WHEN a.is_subscription THEN 'true' ELSE 'false' END AS is_subscription,
                CASE WHEN a.discount_matched THEN 'true' ELSE 'false' END AS discount_matched
           FROM attributions a
           JOIN organizations o ON o.id = a.org_id
           JOIN campaign_recipients r ON r.org_id = a.org_id AND r.id = a.recipient_id
          WHERE a.org_id = ${uuidLiteral(orgId)} AND a.campaign_id = ${uuidLiteral(id)} AND a.withdrawn_at IS NULL
          ORDER BY a.order_date, a.order_id
       ) TO STDOUT WITH ${csvFormat(['order_id', 'recipient_external_id'], options)}`;
    return { filename: `campaign-${id}-orders.csv`, writeTo: (sink) => copyOut(this.dataSource, statement, sink, this.copyOptions) };
  }

  /** The mailing list after holdout assignment; `isHoldout` narrows it to one side. */
  async recipients(orgId: string, campaignId: string, isHoldout: boolean | null, options: ExportOptions): Promise<CsvExport> {
    const id = await this.requireCampaign(orgId, campaignId);
    const side = isHoldout === null ? '' : `AND is_holdout = ${isHoldout ? 'true' : 'false'}`;
    const statement = `COPY (
         SELECT ${spreadsheetSafe('external_id', options)} AS external_id, CASE WHEN is_holdout THEN 'true' ELSE 'false' END AS is_holdout,
                to_char(send_date, 'YYYY-MM-DD') AS send_date, cost::text AS cost
           FROM campaign_recipients
          WHERE org_id = ${uuidLiteral(orgId)} AND campaign_id = ${uuidLiteral(id)} ${side}
          ORDER BY campaign_recipients.external_id COLLATE "C"
       ) TO STDOUT WITH ${csvFormat(['external_id'], options)}`;
    return { filename: `campaign-${id}-recipients.csv`, writeTo: (sink) => copyOut(this.dataSource, statement, sink, this.copyOptions) };
  }
}
