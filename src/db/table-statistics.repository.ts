import type { Db } from './db';

/**
 * Planner statistics of the tables a bulk import joins. In a new database they have none (never
 * analysed: `reltuples` is -1) or describe a table a fraction of its size, and the upsert plans
 * then pick nested loops over millions of rows. Autovacuum catches up only after the import.
 */
export class TableStatisticsRepository {
  constructor(private readonly db: Db) {}

  /**
   * Of `tables`, those never analysed, or more than twice as large on disk as when last analysed,
   * or changed by more rows since than they had then: their row estimates are off by more than
   * 2×. The size test is the immediate one (the change counters reach the statistics views up to
   * seconds late); tables under 1 MB or 1,000 changed rows are left to autovacuum.
   */
  async stale(tables: readonly string[]): Promise<string[]> {
    const rows = await this.db.rows<{ name: string }>(
      `SELECT c.relname AS name
         FROM pg_class c LEFT JOIN pg_stat_user_tables s ON s.relid = c.oid
        WHERE c.oid = ANY($1::regclass[])
          AND (c.reltuples < 0
               OR pg_relation_size(c.oid) / current_setting('block_size')::int > greatest(2 * c.relpages, 128)
               OR coalesce(s.n_mod_since_analyze, 0) > greatest(c.reltuples, 1000))`,
      [tables],
    );
    return rows.map((r) => r.name);
  }

  /** `table` comes from `stale` (a name from the catalogue), never from input. */
  async analyze(table: string): Promise<void> {
    await this.db.exec(`ANALYZE ${JSON.stringify(table)}`);
  }

  /** Analyses the tables of `tables` whose statistics are missing or stale; returns their names. */
  async refresh(tables: readonly string[]): Promise<string[]> {
    const stale = await this.stale(tables);
    for (const table of stale) await this.analyze(table);
    return stale;
  }
}
