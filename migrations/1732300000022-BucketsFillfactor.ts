import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The buckets keep a tenth of each page free (fillfactor 90) instead of half (docs/aggregation.md,
 * "Storage choices"). A bucket row is about 400 bytes, so half a page free doubled the table: at
 * 200,000 buckets it was 164 MB, larger than the shared buffers, and a tick's 10,000 random
 * bucket probes read most of their pages from the operating system (and a stats read of a long
 * campaign reads twice the pages). A tenth (about 800 bytes) still leaves room for two new
 * versions per page, and PostgreSQL prunes the dead ones of earlier ticks when it next reads
 * the page: about 95% of a tick's bucket updates stay HOT (measured at 200,000 buckets).
 * Pages written before this migration keep their room until they are rewritten
 * (`VACUUM FULL attribution_aggregates_daily` rewrites all).
 */
export class BucketsFillfactor1732300000022 implements MigrationInterface {
  name = 'BucketsFillfactor1732300000022';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE attribution_aggregates_daily SET (fillfactor = 90)`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE attribution_aggregates_daily SET (fillfactor = 50)`);
  }
}
