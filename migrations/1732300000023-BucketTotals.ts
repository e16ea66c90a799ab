import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Totals kept with the buckets (docs/aggregation.md, "Totals kept on write"): a dashboard of a
 * long history read every bucket to sum each campaign's totals and the organisation's days
 * (about 1.1 million buckets at 10 million attributions over 3 years). Two tables hold those
 * sums, exact by construction, so a read costs a row per campaign and side, and a row per day:
 *
 * - `bucket_campaign_totals`: per (organisation, campaign, holdout side), every metric summed
 *   over the campaign's buckets (converters included: summed over whole campaigns they are the
 *   distinct converters) and the number of buckets;
 * - `bucket_daily_totals`: per (organisation, local day), the treatment side's additive metrics
 *   summed over every campaign's bucket of that day (the organisation's daily series).
 *
 * A statement-level trigger (transition tables) on `attribution_aggregates_daily` adds each
 * statement's new row versions and subtracts its old ones, whatever writes the buckets (a tick's
 * MERGE, the window's upsert, a rebuild, a campaign's deletion, a hand-run UPDATE), in the same
 * transaction; groups whose bucket count reaches 0 are deleted. Zero-sum groups (a window bucket
 * rewritten unchanged) write nothing. No foreign keys, as the buckets have none: a campaign's
 * deletion deletes its buckets, and the trigger takes its totals away with them. A statement
 * that writes the totals itself (a first backfill, from its rows before their JSONB is built)
 * sets `paperrun.bucket_totals_by_statement` to 'on' for its duration, and the trigger skips it.
 */
const ADDITIVE = ['orders', 'revenue', 'first_orders', 'first_revenue', 'subscription_orders', 'subscription_revenue', 'subscribers', 'discount_matched_orders'];
const CONVERTERS = ['converters_all', 'converters_first'];
const MONEY = new Set(['revenue', 'first_revenue', 'subscription_revenue']);

const type = (m: string) => (MONEY.has(m) ? 'numeric' : 'bigint');
const columns = (metrics: string[]) => metrics.map((m) => `${m} ${type(m)} NOT NULL`).join(',\n        ');
/** A version's metrics as signed columns (`sign` 1 or -1); a key a bucket lacks counts 0. */
const signed = (relation: string, sign: string) =>
  `SELECT org_id, campaign_id, day, is_holdout, ${sign}::bigint AS buckets, ${[...ADDITIVE, ...CONVERTERS]
    .map((m) => `${sign} * coalesce((metrics->>'${m}')::${type(m)}, 0) AS ${m}`)
    .join(', ')} FROM ${relation}`;

/** A version counted as a bucket only (its metrics written by the statement itself: a tick's deltas). */
const counted = (relation: string, sign: string) =>
  `SELECT org_id, campaign_id, day, is_holdout, ${sign}::bigint AS buckets, ${[...ADDITIVE, ...CONVERTERS].map((m) => `0::${type(m)} AS ${m}`).join(', ')} FROM ${relation}`;

function upsert(table: string, key: string[], metrics: string[], where: string): string {
  const all = ['buckets', ...metrics];
  return `
        INSERT INTO ${table} AS t (${[...key, ...all].join(', ')})
        SELECT ${key.join(', ')}, ${all.map((m) => `sum(${m})`).join(', ')} FROM v ${where}
         GROUP BY ${key.join(', ')}
        HAVING ${all.map((m) => `sum(${m}) <> 0`).join(' OR ')}
         ORDER BY ${key.join(', ')}
        ON CONFLICT (${key.join(', ')}) DO UPDATE SET ${all.map((m) => `${m} = t.${m} + EXCLUDED.${m}`).join(', ')}`;
}

function maintainFunction(): string {
  const campaignKey = ['org_id', 'campaign_id', 'is_holdout'];
  const dailyKey = ['org_id', 'day'];
  const apply = (versions: string) => `
        WITH v AS MATERIALIZED (${versions}),
        campaigns AS (${upsert('bucket_campaign_totals', campaignKey, [...ADDITIVE, ...CONVERTERS], '')})
        ${upsert('bucket_daily_totals', dailyKey, ADDITIVE, 'WHERE NOT is_holdout')};`;
  const prune = `
        DELETE FROM bucket_campaign_totals t USING (SELECT DISTINCT org_id, campaign_id, is_holdout FROM old_rows) o
         WHERE t.org_id = o.org_id AND t.campaign_id = o.campaign_id AND t.is_holdout = o.is_holdout AND t.buckets = 0;
        DELETE FROM bucket_daily_totals t USING (SELECT DISTINCT org_id, day FROM old_rows WHERE NOT is_holdout) o
         WHERE t.org_id = o.org_id AND t.day = o.day AND t.buckets = 0;`;
  return `
      CREATE FUNCTION maintain_bucket_totals() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        by_statement text := current_setting('paperrun.bucket_totals_by_statement', true);
      BEGIN
        -- 'on': a first backfill sums the totals from its rows in the same statement
        -- (insertAllBuckets). 'counts': a tick's MERGE, whose deltas the tick has added to the
        -- totals already (applyDeltas); only the buckets it inserts and deletes are counted here.
        IF by_statement = 'on' THEN
          RETURN NULL;
        ELSIF by_statement = 'counts' THEN
          IF TG_OP = 'INSERT' THEN
            ${apply(counted('new_rows', '1'))}
          ELSIF TG_OP = 'DELETE' THEN
            -- Not pruned here: the MERGE's inserts come after its deletes, and a row they find
            -- gone would lose the sums added first. The tick prunes after the MERGE.
            ${apply(counted('old_rows', '-1'))}
          END IF;
          RETURN NULL;
        END IF;
        IF TG_OP = 'INSERT' THEN
          ${apply(signed('new_rows', '1'))}
        ELSIF TG_OP = 'UPDATE' THEN
          ${apply(`${signed('new_rows', '1')} UNION ALL ${signed('old_rows', '-1')}`)}
        ELSE
          ${apply(signed('old_rows', '-1'))}
          ${prune}
        END IF;
        RETURN NULL;
      END $$`;
}

export class BucketTotals1732300000023 implements MigrationInterface {
  name = 'BucketTotals1732300000023';

  public async up(q: QueryRunner): Promise<void> {
    // No sign CHECKs: the trigger upserts signed deltas, and PostgreSQL checks the proposed
    // (negative) row before it resolves the conflict into an update.
    await q.query(`
      CREATE TABLE bucket_campaign_totals (
        org_id      uuid NOT NULL,
        campaign_id uuid NOT NULL,
        is_holdout  boolean NOT NULL,
        buckets     bigint NOT NULL,
        ${columns([...ADDITIVE, ...CONVERTERS])},
        PRIMARY KEY (org_id, campaign_id, is_holdout)
      )`);
    await q.query(`
      CREATE TABLE bucket_daily_totals (
        org_id  uuid NOT NULL,
        day     date NOT NULL,
        buckets bigint NOT NULL,
        ${columns(ADDITIVE)},
        PRIMARY KEY (org_id, day)
      )`);
    await q.query(`
      INSERT INTO bucket_campaign_totals (org_id, campaign_id, is_holdout, buckets, ${[...ADDITIVE, ...CONVERTERS].join(', ')})
      SELECT org_id, campaign_id, is_holdout, sum(buckets), ${[...ADDITIVE, ...CONVERTERS].map((m) => `sum(${m})`).join(', ')}
        FROM (${signed('attribution_aggregates_daily', '1')}) v GROUP BY org_id, campaign_id, is_holdout`);
    await q.query(`
      INSERT INTO bucket_daily_totals (org_id, day, buckets, ${ADDITIVE.join(', ')})
      SELECT org_id, day, sum(buckets), ${ADDITIVE.map((m) => `sum(${m})`).join(', ')}
        FROM (${signed('attribution_aggregates_daily', '1')}) v WHERE NOT is_holdout GROUP BY org_id, day`);
    await q.query(maintainFunction());
    for (const op of ['INSERT', 'UPDATE', 'DELETE']) {
      const tables = op === 'INSERT' ? 'NEW TABLE AS new_rows' : op === 'DELETE' ? 'OLD TABLE AS old_rows' : 'OLD TABLE AS old_rows NEW TABLE AS new_rows';
      await q.query(`
        CREATE TRIGGER attribution_aggregates_daily_totals_${op.toLowerCase()} AFTER ${op} ON attribution_aggregates_daily
          REFERENCING ${tables} FOR EACH STATEMENT EXECUTE FUNCTION maintain_bucket_totals()`);
    }
  }

  public async down(q: QueryRunner): Promise<void> {
    for (const op of ['insert', 'update', 'delete']) await q.query(`DROP TRIGGER attribution_aggregates_daily_totals_${op} ON attribution_aggregates_daily`);
    await q.query(`DROP FUNCTION maintain_bucket_totals()`);
    await q.query(`DROP TABLE bucket_daily_totals`);
    await q.query(`DROP TABLE bucket_campaign_totals`);
  }
}
