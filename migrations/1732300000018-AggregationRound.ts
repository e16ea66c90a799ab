import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `aggregation_round`: the start of the aggregation run in progress (one row). A worker that
 * starts while another's run is still open joins it — it claims only organisations not checked
 * since that start — instead of starting a second run that would check again the organisations
 * the first one already did (docs/aggregation.md). `finished_at` is set by the first worker
 * that finds nothing left to claim; a finished run is never joined.
 */
export class AggregationRound1732300000018 implements MigrationInterface {
  name = 'AggregationRound1732300000018';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE aggregation_round (
        singleton  boolean PRIMARY KEY DEFAULT true CHECK (singleton),
        started_at  timestamptz NOT NULL,
        finished_at timestamptz
      )`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE aggregation_round`);
  }
}
