import type { DataSource } from 'typeorm';
import { identifierProblem } from '../campaigns/ingestion.rules';
import { dbOf, withTransaction } from '../db/db';
import { ProblemList } from '../errors';
import type { Logger } from '../logger';
import { checkReportRange, conversionRows, type ConversionRow, type DayRange } from './conversion-report';
import type { DuplicateGroup } from './duplicates.table';
import { FunnelRepository, type DuplicateGroupRow, type FunnelEntryRow, type FunnelEntryWrite } from './funnel.repository';
import { emailProblem, futureInstantProblem, normalizeEmail, optionalTextProblem, TRIMMED_WHITESPACE, type FunnelTypeValue } from './funnel.rules';

/** An entry as given (the e-mail address not yet normalised): the shape the repository writes. */
export type FunnelEntryCommand = FunnelEntryWrite;

export interface CertificatePurchaseCommand {
  email: string;
  testId: string;
  /** Null: every funnel type of (email, test id). */
  funnelType: FunnelTypeValue | null;
  /** Null: now. */
  purchasedAt: Date | null;
}

export interface ConversionReport {
  rows: ConversionRow[];
  fromDate: string | null;
  toDate: string | null;
}

function toDuplicateGroup(row: DuplicateGroupRow): DuplicateGroup {
  return {
    orgId: row.org_id,
    email: row.email,
    funnelType: row.funnel_type,
    testId: row.test_id,
    count: row.count,
    minId: row.min_id,
    maxId: row.max_id,
    firstEnteredAt: row.first_entered_at,
    lastEnteredAt: row.last_entered_at,
    emails: row.emails,
    testIds: row.test_ids,
  };
}

/**
 * Funnel entries, certificate purchases and their reports (spec §9, §11 "Funnels"). Every
 * write and the Brevo outbox job it causes commit together, in one transaction.
 */
export class FunnelService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly logger: Logger,
  ) {}

  /**
   * Enters the funnel once per (org, email, funnel type, test id). A repeat — sequential or
   * concurrent — returns the stored entry with `created: false` and writes nothing: the insert's
   * ON CONFLICT DO NOTHING is the guard, not a check before it.
   */
  async enter(orgId: string, input: FunnelEntryCommand): Promise<{ entry: FunnelEntryRow; created: boolean }> {
    const email = normalizeEmail(input.email);
    const problems = new ProblemList();
    problems.check('input.email', emailProblem(email));
    problems.check('input.testId', identifierProblem(input.testId));
    problems.check('input.userId', optionalTextProblem(input.userId));
    problems.check('input.source', optionalTextProblem(input.source));
    if (input.enteredAt !== null) problems.check('input.enteredAt', futureInstantProblem(input.enteredAt, Date.now()));
    problems.throwIfAny();

    const write = { ...input, email };
    const result = await withTransaction(this.dataSource, async (db) => {
      const repository = new FunnelRepository(db);
      const created = await repository.insertEntryWithUpsertJob(orgId, write);
      if (created) return { entry: created, created: true };
      // Read Committed: this statement's snapshot sees the conflicting entry, committed before the insert returned.
      const existing = await repository.findByKey(orgId, write);
      if (!existing) throw new Error('funnel entry conflicted on insert but cannot be read');
      return { entry: existing, created: false };
    });
    if (!result.created) {
      this.logger.info({ orgId, entryId: result.entry.id, funnelType: write.funnelType, testId: write.testId }, 'funnel entry already present; nothing written');
    }
    return result;
  }

  /**
   * Marks the matching entries purchased (only those entered at or before the purchase) and
   * enqueues one `update_contact` job per entry newly marked; an entry already purchased keeps
   * its first purchase time and enqueues nothing. Returns every matching entry as stored after
   * the call (an entry entered after the purchase comes back unpurchased); none: [].
   */
  async recordPurchase(orgId: string, input: CertificatePurchaseCommand): Promise<FunnelEntryRow[]> {
    const email = normalizeEmail(input.email);
    const problems = new ProblemList();
    problems.check('input.email', emailProblem(email));
    problems.check('input.testId', identifierProblem(input.testId));
    if (input.purchasedAt !== null) problems.check('input.purchasedAt', futureInstantProblem(input.purchasedAt, Date.now()));
    problems.throwIfAny();

    const match = { email, testId: input.testId, funnelType: input.funnelType };
    return withTransaction(this.dataSource, async (db) => {
      const repository = new FunnelRepository(db);
      await repository.markPurchasedWithUpdateJobs(orgId, match, input.purchasedAt);
      return repository.findMatching(orgId, match);
    });
  }

  async conversionReport(orgId: string, options: { range: DayRange; bySource: boolean }): Promise<ConversionReport> {
    checkReportRange(options.range);
    const counts = await new FunnelRepository(dbOf(this.dataSource)).conversionCounts(orgId, options.range, options.bySource);
    const rows = conversionRows(
      counts.map((c) => ({ funnelType: c.funnel_type, source: c.source, entries: c.entries, purchased: c.purchased })),
      options.bySource,
    );
    return { rows, fromDate: options.range.from, toDate: options.range.to };
  }

  /**
   * The duplicate diagnostic (one organisation, or all for the CLI), strictly read-only: it
   * runs in a READ ONLY transaction, so even a mistake here could not write.
   */
  async duplicates(orgId: string | null): Promise<DuplicateGroup[]> {
    const rows = await withTransaction(this.dataSource, (db) => new FunnelRepository(db).duplicateGroups(orgId, TRIMMED_WHITESPACE), { readOnly: true });
    return rows.map(toDuplicateGroup);
  }
}
