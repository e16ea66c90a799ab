import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `aggregation_claims`: when each organisation was last checked by an aggregation run;
 * `aggregation_state.buckets_version` and `reporting_sync_state`: what the cache sync last
 * wrote each organisation's responses from, so it rewrites only what changed.
 * A run
 * claims organisations in batches (`FOR UPDATE SKIP LOCKED`), so two workers running at once
 * share the organisations instead of doing each one twice (docs/aggregation.md).
 *
 * No foreign key to organizations: a claim is held while the worker aggregates the
 * organisation on other connections, and an organisation's delete cascading to a held claim
 * would wait on it while the aggregation waits on the delete's campaign locks — a cycle through
 * the application that PostgreSQL cannot detect. Runs delete the claims of deleted
 * organisations instead.
 */
export class AggregationClaims1732300000016 implements MigrationInterface {
  name = 'AggregationClaims1732300000016';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE aggregation_claims (
        org_id     uuid PRIMARY KEY,
        checked_at timestamptz NOT NULL
      )`);
    // Bumped by every run that changes an organisation's buckets: the cache sync compares it.
    await q.query(`ALTER TABLE aggregation_state ADD COLUMN buckets_version bigint NOT NULL DEFAULT 0`);
    await q.query(`
      CREATE TABLE reporting_sync_state (
        org_id      uuid PRIMARY KEY REFERENCES organizations (id) ON DELETE CASCADE,
        fingerprint text NOT NULL,
        synced_at   timestamptz NOT NULL
      )`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE reporting_sync_state`);
    await q.query(`ALTER TABLE aggregation_state DROP COLUMN buckets_version`);
    await q.query(`DROP TABLE aggregation_claims`);
  }
}
