import { Readable } from 'node:stream';
import type { DataSource } from 'typeorm';
import { withBulkTransaction, type BulkDb } from '../db/bulk-transaction';
import { TableStatisticsRepository } from '../db/table-statistics.repository';
import { localDateOf } from '../dates';
import { notFound } from '../errors';
import { OrganizationRepository, type OrganizationRow } from '../organizations/organization.repository';
import { isUuid } from '../organizations/organization.service';
import { CampaignRepository, type CampaignRow } from './campaign.repository';
import type { CsvEncoding } from './csv-encoding';
import { openCsv, type CsvRecord, type CsvSource } from './csv-import.reader';
import { CsvImportRejected, LineProblems, REPORT_LIMIT } from './csv-import.report';
import { CsvImportRepository, type FoundProblem } from './csv-import.repository';
import { attributionLayout, RECIPIENT_LAYOUT, stagedAttributionLine, stagedRecipientLine, type AttributionColumn, type RecipientColumn } from './csv-import.rows';
import { MAX_ORDER_FUTURE_MS } from './ingestion.rules';
import type { ImportResult } from './ingestion.service';

export type ImportProgress = { phase: 'reading'; rows: number; bytes: number } | { phase: 'checking' } | { phase: 'writing' };

/** The stored tables the checks and the upsert join the staged rows with (their statistics are refreshed first when missing). */
const RECIPIENT_IMPORT_TABLES = ['campaign_recipients', 'attributions', 'recipient_send_groups'] as const;
const ATTRIBUTION_IMPORT_TABLES = ['campaigns', 'campaign_recipients', 'attributions'] as const;

export interface CsvImportOptions {
  onProgress?: (progress: ImportProgress) => void;
  /** The file's encoding; UTF-8 unless told. */
  encoding?: CsvEncoding;
}

export interface CsvImportResult extends ImportResult {
  /** Data lines in the file. */
  rows: number;
}

const LINES_PER_CHUNK = 500;
const LINES_PER_PROGRESS = 10_000;

/**
 * Turns records into COPY text, a few hundred lines per chunk (one stream write each),
 * reporting progress as it goes. `stagedLine` checks one record and returns its staging line.
 */
export async function* copyChunks<C extends string>(
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
      const rules = {
        campaignId: campaign.id,
        holdoutPercent: campaign.holdout_enabled ? campaign.holdout_percent : null,
        today: localDateOf(new Date(), organization.timezone),
      };
      const problems = new LineProblems();
      const source = await openCsv(csv, RECIPIENT_LAYOUT, problems, options.encoding);
      const stagedLine = (record: CsvRecord<RecipientColumn>) => stagedRecipientLine(record, rules, problems);

      const repository = new CsvImportRepository(db);
      await repository.createRecipientStaging();
      const rows = await repository.copyRecipientStaging(Readable.from(copyChunks(source, stagedLine, options.onProgress)));
      if (source.brokeOff()) throw CsvImportRejected.of(problems);

      options.onProgress?.({ phase: 'checking' });
      await repository.analyzeRecipientStaging();
      await new TableStatisticsRepository(db).refresh(RECIPIENT_IMPORT_TABLES);
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
      const importCampaign = options.campaignId === undefined ? null : await lockCampaign(db, orgId, options.campaignId);
      const rules = { campaignId: importCampaign?.id ?? null, latestOrderDate: Date.now() + MAX_ORDER_FUTURE_MS };
      const problems = new LineProblems();
      const source = await openCsv(csv, attributionLayout(importCampaign !== null), problems, options.encoding);
      const stagedLine = (record: CsvRecord<AttributionColumn>) => stagedAttributionLine(record, rules, problems);

      const repository = new CsvImportRepository(db);
      await repository.createAttributionStaging();
      const rows = await repository.copyAttributionStaging(Readable.from(copyChunks(source, stagedLine, options.onProgress)));
      if (source.brokeOff()) throw CsvImportRejected.of(problems);

      options.onProgress?.({ phase: 'checking' });
      await repository.analyzeAttributionStaging();
      await new TableStatisticsRepository(db).refresh(ATTRIBUTION_IMPORT_TABLES);
      await repository.lockStagedCampaigns(orgId);
      const rejection = rejectionOf(problems, await repository.attributionProblems(orgId, REPORT_LIMIT));
      if (rejection) throw rejection;

      options.onProgress?.({ phase: 'writing' });
      return countsOf(rows, await repository.upsertAttributions(orgId));
    });
  }
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
