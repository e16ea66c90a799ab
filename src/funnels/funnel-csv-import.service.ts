import { Readable } from 'node:stream';
import type { DataSource } from 'typeorm';
import { openCsv, type CsvRecord } from '../campaigns/csv-import.reader';
import { CsvImportRejected, LineProblems } from '../campaigns/csv-import.report';
import { copyChunks, type CsvImportOptions } from '../campaigns/csv-import.service';
import { withBulkTransaction } from '../db/bulk-transaction';
import { TableStatisticsRepository } from '../db/table-statistics.repository';
import { notFound } from '../errors';
import { OrganizationRepository } from '../organizations/organization.repository';
import { isUuid } from '../organizations/organization.service';
import { FunnelCsvImportRepository } from './funnel-csv-import.repository';
import { FUNNEL_ENTRY_LAYOUT, stagedFunnelEntryLine, type FunnelEntryColumn } from './funnel-csv-import.rows';
import { MAX_FUTURE_MS } from './funnel.rules';

export interface FunnelImportResult {
  /** Data lines in the file. */
  rows: number;
  /** Entries inserted, each with its upsert_contact outbox job. */
  created: number;
  /** Lines whose entry the organisation had already (nothing written for them). */
  alreadyPresent: number;
  /** Lines repeating an earlier line's (email, funnel type, test id); the first one counts. */
  repeatedInFile: number;
}

/**
 * Bulk import of funnel entries from CSV (docs/funnels.md): the rules of `enterFunnel` per
 * line, idempotent like it (an entry already present is left alone and gets no new job), in
 * one transaction — a file with any bad line writes nothing.
 */
export class FunnelCsvImportService {
  constructor(private readonly dataSource: DataSource) {}

  async importEntries(orgId: string, csv: Readable, options: CsvImportOptions = {}): Promise<FunnelImportResult> {
    return withBulkTransaction(this.dataSource, async (db) => {
      const organization = isUuid(orgId) ? await new OrganizationRepository(db).findById(orgId) : null;
      if (!organization) throw notFound('Organization', orgId);
      const rules = { latestEnteredAt: Date.now() + MAX_FUTURE_MS };
      const problems = new LineProblems();
      const source = await openCsv(csv, FUNNEL_ENTRY_LAYOUT, problems, options.encoding);
      const stagedLine = (record: CsvRecord<FunnelEntryColumn>) => stagedFunnelEntryLine(record, rules, problems);

      const repository = new FunnelCsvImportRepository(db);
      await repository.createStaging();
      const rows = await repository.copyStaging(Readable.from(copyChunks(source, stagedLine, options.onProgress)));
      if (!problems.isEmpty) throw CsvImportRejected.of(problems);

      options.onProgress?.({ phase: 'writing' });
      await repository.analyzeStaging();
      await new TableStatisticsRepository(db).refresh(['funnel_entries', 'brevo_sync_outbox']);
      const { keys, created } = await repository.insertEntriesWithUpsertJobs(orgId);
      return { rows, created, alreadyPresent: keys - created, repeatedInFile: rows - keys };
    });
  }
}
