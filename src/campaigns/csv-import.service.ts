import { Readable } from 'node:stream';
import type { DataSource } from 'typeorm';
import { withBulkTransaction, type BulkDb } from '../db/bulk-transaction';
import { copyTextLine } from '../db/copy-text';
import { localDateOf } from '../dates';
import { notFound } from '../errors';
import { OrganizationRepository, type OrganizationRow } from '../organizations/organization.repository';
import { isUuid } from '../organizations/organization.service';
import { CampaignRepository, type CampaignRow } from './campaign.repository';
import { parseBooleanCell, parseMoneyCell, parseOrderCountCell, parseOrderDateCell, parseSendDateCell, type Cell } from './csv-import.cells';
import { openCsv, type CsvLayout, type CsvRecord, type CsvSource } from './csv-import.reader';
import { CsvImportRejected, LineProblems, REPORT_LIMIT } from './csv-import.report';
import { CsvImportRepository, type FoundProblem } from './csv-import.repository';
import { assignsToHoldout, identifierProblem, MAX_ORDER_FUTURE_MS } from './ingestion.rules';
import type { ImportResult } from './ingestion.service';

export type RecipientColumn = 'external_id' | 'is_holdout' | 'send_date' | 'cost';
export type AttributionColumn =
  | 'campaign_id'
  | 'recipient_external_id'
  | 'order_id'
  | 'order_date'
  | 'revenue'
  | 'order_count'
  | 'is_subscription'
  | 'discount_matched';

export const RECIPIENT_LAYOUT: CsvLayout<RecipientColumn> = {
  columns: ['external_id', 'is_holdout', 'send_date', 'cost'],
  optional: [],
};

/** campaign_id may be left out when the import names the campaign (`--campaign`). */
export function attributionLayout(campaignGiven: boolean): CsvLayout<AttributionColumn> {
  return {
    columns: ['campaign_id', 'recipient_external_id', 'order_id', 'order_date', 'revenue', 'order_count', 'is_subscription', 'discount_matched'],
    optional: campaignGiven ? ['campaign_id'] : [],
  };
}

export type ImportProgress = { phase: 'reading'; rows: number; bytes: number } | { phase: 'checking' } | { phase: 'writing' };

export interface CsvImportOptions {
  onProgress?: (progress: ImportProgress) => void;
}

export interface CsvImportResult extends ImportResult {
  /** Data lines in the file. */
  rows: number;
}

const LINES_PER_CHUNK = 500;
const LINES_PER_PROGRESS = 10_000;

/** The cell's value, or null after recording its problem under the column's name. */
function valueOrProblem<T>(cell: Cell<T>, line: number, column: string, problems: LineProblems): T | null {
  if (cell.ok) return cell.value;
  problems.add(line, column, cell.problem);
  return null;
}

/**
 * Turns records into COPY text, a few hundred lines per chunk (one stream write each),
 * reporting progress as it goes. `stagedLine` checks one record and returns its staging line.
 */
async function* copyChunks<C extends string>(
  source: CsvSource<C>,
  stagedLine: (record: CsvRecord<C>) => string,
  onProgress: CsvImportOptions['onProgress'],
): AsyncGenerator<string> {
  let chunk = '';
  let inChunk = 0;
  let rows = 0;
  for await (const record of source.records()) {
    chunk += stagedLine(record);
    inChunk += 1;
    rows += 1;
    if (inChunk === LINES_PER_CHUNK) {
      yield chunk;
      chunk = '';
      inChunk = 0;
    }
    if (rows % LINES_PER_PROGRESS === 0) onProgress?.({ phase: 'reading', rows, bytes: source.bytesRead() });
  }
  if (chunk !== '') yield chunk;
  onProgress?.({ phase: 'reading', rows, bytes: source.bytesRead() });
}

/** The report when the file broke any rule: Node's cell problems merged with the SQL ones. */
function rejectionOf(problems: LineProblems, found: FoundProblem[]): CsvImportRejected | null {
  if (problems.isEmpty && found.length === 0) return null;
  const sqlSide = { shown: found.map(({ line, column, message }) => ({ line, column, message })), total: found[0]?.total ?? 0 };
  return CsvImportRejected.of(problems, sqlSide);
}

function countsOf(rows: number, written: { created: number; updated: number }): CsvImportResult {
  return { ...written, unchanged: rows - written.created - written.updated, rows };
}

/**
 * Bulk CSV import of recipients and attributions (docs/csv-import.md) under the ingestion
 * rules of spec §11, the same the GraphQL mutations enforce, without their batch limit. Cells
 * are checked in Node while the file streams into a staging table by COPY; the cross-row
 * rules then run in SQL over the staging table, and one INSERT … SELECT writes the file. One
 * transaction: a file with any problem writes nothing.
 */
export class CsvImportService {
  constructor(private readonly dataSource: DataSource) {}

  async importRecipients(orgId: string, campaignId: string, csv: Readable, options: CsvImportOptions = {}): Promise<CsvImportResult> {
    return withBulkTransaction(this.dataSource, async (db) => {
      const organization = await findOrganization(db, orgId);
      const campaign = await lockCampaign(db, orgId, campaignId);
      const today = localDateOf(new Date(), organization.timezone);
      const holdoutPercent = campaign.holdout_enabled ? campaign.holdout_percent : null;
      const problems = new LineProblems();
      const source = await openCsv(csv, RECIPIENT_LAYOUT, problems);

      const stagedLine = (record: CsvRecord<RecipientColumn>): string => {
        const { line } = record;
        const externalId = record.cell('external_id');
        const idProblem = identifierProblem(externalId);
        if (idProblem) problems.add(line, 'external_id', idProblem);
        const isHoldout = valueOrProblem(parseBooleanCell(record.cell('is_holdout'), null, 'empty keeps the stored group or lets the server assign one'), line, 'is_holdout', problems);
        const sendDateText = record.cell('send_date');
        const sendDate = valueOrProblem(parseSendDateCell(sendDateText, today), line, 'send_date', problems);
        const cost = valueOrProblem(parseMoneyCell(record.cell('cost'), 4), line, 'cost', problems);
        // Assigned here because the rule is a JS hash; it only counts should the recipient be new.
        const assignedHoldout = isHoldout === null && holdoutPercent !== null && assignsToHoldout(campaign.id, externalId, holdoutPercent);
        return copyTextLine([line, externalId, isHoldout, assignedHoldout, sendDate, sendDateText.trim() === '', cost]);
      };

      const repository = new CsvImportRepository(db);
      await repository.createRecipientStaging();
      const rows = await repository.copyRecipientStaging(Readable.from(copyChunks(source, stagedLine, options.onProgress)));
      if (source.brokeOff()) throw CsvImportRejected.of(problems);

      options.onProgress?.({ phase: 'checking' });
      await repository.analyzeRecipientStaging();
      await repository.lockRecipientsLosingSendDate(orgId, campaign.id);
      const found = await repository.recipientProblems(orgId, { id: campaign.id, externalId: campaign.external_id, holdoutEnabled: campaign.holdout_enabled }, REPORT_LIMIT);
      const rejection = rejectionOf(problems, found);
      if (rejection) throw rejection;

      options.onProgress?.({ phase: 'writing' });
      return countsOf(rows, await repository.upsertRecipients(orgId, campaign.id));
    });
  }

  /** `campaignId`, when given, fills empty campaign_id cells (and the column may be left out). */
  async importAttributions(orgId: string, csv: Readable, options: CsvImportOptions & { campaignId?: string } = {}): Promise<CsvImportResult> {
    return withBulkTransaction(this.dataSource, async (db) => {
      await findOrganization(db, orgId);
      const fixedCampaign = options.campaignId === undefined ? null : await lockCampaign(db, orgId, options.campaignId);
      const latestOrderDate = Date.now() + MAX_ORDER_FUTURE_MS;
      const problems = new LineProblems();
      const source = await openCsv(csv, attributionLayout(fixedCampaign !== null), problems);

      const stagedLine = (record: CsvRecord<AttributionColumn>): string => {
        const { line } = record;
        const campaignId = valueOrProblem(parseCampaignCell(record.cell('campaign_id'), fixedCampaign?.id ?? null), line, 'campaign_id', problems);
        const orderId = record.cell('order_id');
        const orderProblem = identifierProblem(orderId);
        if (orderProblem) problems.add(line, 'order_id', orderProblem);
        const orderDate = valueOrProblem(parseOrderDateCell(record.cell('order_date'), latestOrderDate), line, 'order_date', problems);
        const revenue = valueOrProblem(parseMoneyCell(record.cell('revenue'), 2), line, 'revenue', problems);
        const orderCount = valueOrProblem(parseOrderCountCell(record.cell('order_count')), line, 'order_count', problems);
        const isSubscription = valueOrProblem(parseBooleanCell(record.cell('is_subscription'), false, 'empty = false'), line, 'is_subscription', problems);
        const discountMatched = valueOrProblem(parseBooleanCell(record.cell('discount_matched'), false, 'empty = false'), line, 'discount_matched', problems);
        return copyTextLine([line, campaignId, record.cell('recipient_external_id'), orderId, orderDate, revenue, orderCount, isSubscription, discountMatched]);
      };

      const repository = new CsvImportRepository(db);
      await repository.createAttributionStaging();
      const rows = await repository.copyAttributionStaging(Readable.from(copyChunks(source, stagedLine, options.onProgress)));
      if (source.brokeOff()) throw CsvImportRejected.of(problems);

      options.onProgress?.({ phase: 'checking' });
      await repository.analyzeAttributionStaging();
      await repository.lockStagedCampaigns(orgId);
      const rejection = rejectionOf(problems, await repository.attributionProblems(orgId, REPORT_LIMIT));
      if (rejection) throw rejection;

      options.onProgress?.({ phase: 'writing' });
      return countsOf(rows, await repository.upsertAttributions(orgId));
    });
  }
}

/** A row's campaign id (lower-cased); an empty cell takes the import's campaign when it has one. */
function parseCampaignCell(text: string, fixedCampaignId: string | null): Cell<string> {
  const id = text.trim().toLowerCase();
  if (id === '') return fixedCampaignId ? { ok: true, value: fixedCampaignId } : { ok: false, problem: 'must not be empty' };
  // A malformed id cannot name any campaign; said the way GraphQL says it.
  if (!isUuid(id)) return { ok: false, problem: `campaign ${JSON.stringify(text.trim())} not found` };
  if (fixedCampaignId !== null && id !== fixedCampaignId) return { ok: false, problem: `names another campaign than the import's (${fixedCampaignId})` };
  return { ok: true, value: id };
}

async function findOrganization(db: BulkDb, orgId: string): Promise<OrganizationRow> {
  const organization = isUuid(orgId) ? await new OrganizationRepository(db).findById(orgId) : null;
  if (!organization) throw notFound('Organization', orgId);
  return organization;
}

/** Locks the campaign like the GraphQL import does, so imports into one campaign serialise. */
async function lockCampaign(db: BulkDb, orgId: string, campaignId: string): Promise<CampaignRow> {
  const campaign = isUuid(campaignId) ? await new CampaignRepository(db).lockForImport(orgId, campaignId) : null;
  if (!campaign) throw notFound('Campaign', campaignId);
  return campaign;
}
