import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `aggregation_round`: the start of the aggregation run in progress (one row). A worker that
 * starts while another's run is still open joins it — it claims only organisations not checked
 * since that start — instead of starting a second run that would check again the organisations
 * the first one already did (docs/aggregation.md). `aggregation_claims.registered_at`: an
 * organisation that got its claim after a run started does not keep that run open.
 */
export class AggregationRound1732300000018 implements MigrationInterface {
  name = 'AggregationRound1732300000018';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE aggregation_round (
        singleton  boolean PRIMARY KEY DEFAULT true CHECK (singleton),
        started_at timestamptz NOT NULL
      )`);
    await q.query(`ALTER TABLE aggregation_claims ADD COLUMN registered_at timestamptz NOT NULL DEFAULT now()`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE aggregation_claims DROP COLUMN registered_at`);
    await q.query(`DROP TABLE aggregation_round`);
  }
}
