import { Client } from 'pg';
import type { DataSource } from 'typeorm';
import { MemoryCache } from '../src/cache/memory-cache';
import { makeDataSource } from '../src/db/data-source';
import { migrateDatabase } from '../src/db/migrate';
import { makeLogger } from '../src/logger';
import { AggregationService, driftCount, type AggregationRunResult } from '../src/reporting/aggregation.service';
import { ReportingSyncService } from '../src/reporting/reporting-sync.service';
import { StatsCacheService } from '../src/reporting/stats-cache.service';
import { StatsService } from '../src/reporting/stats.service';
import { median, timed, type Benchmark } from './bench-kit';
import { benchDatabaseUrl } from './bench-database';

/** `npm run bench -- tenants [organisations]` (default 2,000; e.g. 200 for a quick run). */
const ORGS = Number(process.argv[3] ?? process.env.BENCH_ORGS ?? 2_000);
const CAMPAIGNS = 10;
const RECIPIENTS_PER_CAMPAIGN = 50;
const ORDERS_PER_RECIPIENT = 4;
const CHANGED_ORGS = Math.min(50, ORGS);
const CHANGES_PER_ORG = 20;
const REPEATS = 3;
const ZONES = ['UTC', 'America/New_York', 'Europe/Berlin', 'Asia/Kathmandu'];
/**
 * BENCH_KEEP=1 keeps the generated database (one per size) for the next run with BENCH_KEEP=1,
 * which then skips the generation (636 s at 2,000 organisations) and its first run rebuilds
 * nothing. BENCH_PARTS (comma-separated, default all): `aggregation` (idle and changed runs),
 * `workers` (two workers), `sync`, `verify` (aggregates:verify of every organisation at the end; a run without it is an
 * iteration, not a recorded figure).
 */
const KEEP = process.env.BENCH_KEEP === '1';
const PARTS = new Set((process.env.BENCH_PARTS ?? 'aggregation,workers,sync,verify').split(','));

/**
 * Many small tenants, generated set-based in SQL: each organisation has 10 campaigns (the first
 * with a 10% holdout), 500 recipients and 2,000 attributions over the last 365 days. The rows
 * are inserted with triggers off (session_replication_role = replica: no change log, no
 * foreign-key checks — the data is consistent by construction); the first run rebuilds them.
 */
export async function generateTenants(client: Client, orgs = ORGS): Promise<void> {
  await client.query(
    `INSERT INTO organizations (name, timezone) SELECT 'tenant ' || g, ($2::text[])[1 + g % 4] FROM generate_series(1, $1) g`,
    [orgs, ZONES],
  );
  await client.query(
    `INSERT INTO campaigns (org_id, external_id, name, holdout_enabled, holdout_percent)
     SELECT o.id, 'c' || g, 'Campaign ' || g, g = 1, CASE WHEN g = 1 THEN 10 END FROM organizations o CROSS JOIN generate_series(1, $1) g`,
    [CAMPAIGNS],
  );
  await client.query(
    `INSERT INTO campaign_recipients (org_id, campaign_id, external_id, is_holdout, send_date, cost)
     SELECT c.org_id, c.id, 'r' || g, c.holdout_enabled AND g % 10 = 0,
            CASE WHEN c.holdout_enabled AND g % 10 = 0 THEN NULL ELSE current_date - 370 + (hashint4(g) & 7) END, 0.65
       FROM campaigns c CROSS JOIN generate_series(1, $1) g`,
    [RECIPIENTS_PER_CAMPAIGN],
  );
  await client.query(`SET session_replication_role = replica`);
  await client.query(
    `INSERT INTO attributions (org_id, campaign_id, recipient_id, order_id, order_date, revenue, order_count, is_subscription, discount_matched)
     SELECT r.org_id, r.campaign_id, r.id, 'o' || r.id || '-' || k,
            now() - make_interval(secs => (abs(hashint8(r.id * 7 + k)) % (365 * 86400))),
            round((abs(hashint8(r.id * 13 + k)) % 20000) / 100.0, 2),
            CASE WHEN abs(hashint8(r.id + k)) % 10 < 7 THEN 1 ELSE 2 + k END,
            abs(hashint8(r.id * 3 + k)) % 10 = 0, abs(hashint8(r.id * 5 + k)) % 8 = 0
       FROM campaign_recipients r CROSS JOIN generate_series(1, $1) k`,
    [ORDERS_PER_RECIPIENT],
  );
  await client.query(`SET session_replication_role = DEFAULT`);
  await client.query('VACUUM ANALYZE');
}

/** `CHANGED_ORGS` organisations (a different set per round), `CHANGES_PER_ORG` orders each: revenue corrections, some moved days, some withdrawals, of any age. */
async function changeOrganizations(client: Client, round: number): Promise<string[]> {
  const { rows } = await client.query<{ id: string }>(
    `SELECT id FROM organizations WHERE reporting_enabled ORDER BY hashtext(id::text || $1) LIMIT $2`,
    [round, CHANGED_ORGS],
  );
  const orgIds = rows.map((r) => r.id);
  await client.query(
    `UPDATE attributions a SET
        revenue = a.revenue + 1,
        order_date = CASE WHEN a.id % 5 = 0 THEN a.order_date - interval '3 days' ELSE a.order_date END,
        withdrawn_at = CASE WHEN a.id % 10 = 0 THEN now() ELSE NULL END,
        updated_at = now()
       FROM (SELECT x.org_id, x.id FROM unnest($1::uuid[]) o(id)
               CROSS JOIN LATERAL (SELECT org_id, id FROM attributions WHERE org_id = o.id ORDER BY hashint8(id + $2) LIMIT $3) x) pick
      WHERE a.org_id = pick.org_id AND a.id = pick.id`,
    [orgIds, round, CHANGES_PER_ORG],
  );
  return orgIds;
}

const aggregated = (result: AggregationRunResult) => result.organizations.filter((o) => o.mode !== 'unchanged').map((o) => o.orgId);

/**
 * aggregates:verify over every organisation, two at a time: each verify holds two connections
 * (its run lock, then its transaction), and the pool has four — more at once would deadlock it.
 */
async function driftAndPending(service: AggregationService): Promise<{ drift: number; pending: number; organizations: number }> {
  const orgIds = await service.enabledOrganizationIds();
  const queue = [...orgIds];
  let drift = 0;
  let pending = 0;
  const worker = async () => {
    for (let orgId = queue.shift(); orgId; orgId = queue.shift()) {
      const result = await service.verify(orgId);
      drift += driftCount(result);
      pending += result.pendingChanges;
    }
  };
  await Promise.all([worker(), worker()]);
  return { drift, pending, organizations: orgIds.length };
}

/** Each figure as soon as it is measured (a long run can be read before it ends). */
const progress = (line: string) => process.stderr.write(`  … ${line}\n`);

const benchmark: Benchmark = {
  name: `tenants: aggregation and cache sync over ${ORGS.toLocaleString('en-US')} organisations`,
  async run() {
    const logger = makeLogger('warn', false);
    const database = await benchDatabaseUrl(KEEP ? `tenants_${ORGS}` : 'tenants', { keep: KEEP });
    await migrateDatabase(database.url, logger);
    const client = new Client({ connectionString: database.url });
    await client.connect();
    const existing = database.reused ? Number((await client.query<{ n: string }>(`SELECT count(*) AS n FROM organizations`)).rows[0].n) : 0;
    if (database.reused && existing !== ORGS) throw new Error(`kept database has ${existing} organisations, not ${ORGS}`);
    // A kept run interrupted while 50 organisations ran alone.
    if (database.reused) await client.query(`UPDATE organizations SET reporting_enabled = true WHERE NOT reporting_enabled`);
    // Two workers as two processes would be: a pool each.
    const dataSources: DataSource[] = [makeDataSource(database.url, 4), makeDataSource(database.url, 4)];
    for (const ds of dataSources) await ds.initialize();
    try {
      const generated = database.reused ? { ms: 0 } : await timed(() => generateTenants(client));
      const [service, second] = dataSources.map((ds) => new AggregationService(ds, 2));
      const firstRun = await timed(() => service.run());
      if (firstRun.result.failures.length > 0) throw new Error(`first run failed: ${JSON.stringify(firstRun.result.failures.slice(0, 3))}`);

      progress(`${database.reused ? 'kept database reused' : `generated in ${(generated.ms / 1000).toFixed(0)} s`}, first run ${(firstRun.ms / 1000).toFixed(1)} s`);
      const runs = (values: number[]) => values.map((m) => m.toFixed(0)).join(', ');
      const lines = [`first run (${database.reused ? 'kept database' : 'every organisation rebuilt'}) ${(firstRun.ms / 1000).toFixed(1)} s`];

      if (PARTS.has('aggregation')) {
        const idle: number[] = [];
        for (let i = 0; i < REPEATS; i += 1) idle.push((await timed(() => service.run())).ms);
        progress(`idle runs ${runs(idle)} ms`);

        // Side by side per round: 50 organisations changed, run over all of them; then 50 other
        // organisations changed and the run over those 50 alone (every other one disabled).
        const changed: number[] = [];
        const alone: number[] = [];
        const aggregatedCounts: number[] = [];
        for (let i = 0; i < REPEATS; i += 1) {
          await changeOrganizations(client, i);
          const all = await timed(() => service.run());
          changed.push(all.ms);
          aggregatedCounts.push(aggregated(all.result).length);
          const orgIds = await changeOrganizations(client, 100 + i);
          await client.query(`UPDATE organizations SET reporting_enabled = (id = ANY($1::uuid[]))`, [orgIds]);
          alone.push((await timed(() => service.run())).ms);
          await client.query(`UPDATE organizations SET reporting_enabled = true`);
          progress(`changed run ${changed[i].toFixed(0)} ms, alone ${alone[i].toFixed(0)} ms`);
        }
        const [idleMs, changedMs, aloneMs] = [median(idle), median(changed), median(alone)];
        lines.push(
          `idle run over ${ORGS} organisations ${idleMs.toFixed(0)} ms (target ≤ 2,000 ms)`,
          `run over ${ORGS} organisations, ${CHANGED_ORGS} changed (${CHANGES_PER_ORG} orders each) ${changedMs.toFixed(0)} ms vs the run over those ${CHANGED_ORGS} alone ${aloneMs.toFixed(0)} ms: ` +
            `${(changedMs / aloneMs).toFixed(2)}× (target ≤ 3×); organisations aggregated per run: ${aggregatedCounts.join(', ')}`,
          `runs (ms): idle ${runs(idle)}; changed ${runs(changed)}; alone ${runs(alone)}`,
        );
      }

      if (PARTS.has('workers')) {
        // Two workers start the same run at once: each organisation is checked by exactly one.
        await changeOrganizations(client, 200);
        const pair = await timed(() => Promise.all([service.run(), second.run()]));
        const [a, b] = pair.result.map((r) => r.organizations.map((o) => o.orgId));
        const overlap = a.filter((id) => new Set(b).has(id)).length;
        const covered = new Set([...a, ...b]).size;
        const pairAggregated = pair.result.map((r) => aggregated(r).length);
        progress(`two workers ${pair.ms.toFixed(0)} ms: ${a.length} + ${b.length} checked, overlap ${overlap}`);
        lines.push(
          `two workers at once, ${CHANGED_ORGS} changed: ${pair.ms.toFixed(0)} ms; organisations checked ${a.length} + ${b.length} (overlap ${overlap}, covered ${covered} of ${ORGS}), aggregated ${pairAggregated.join(' + ')}`,
        );
      }

      if (PARTS.has('sync')) {
        // The cache sync over every organisation (in-process cache: what is measured is the work).
        const cache = new MemoryCache(ORGS * (CAMPAIGNS + 1) * 2);
        const statsCache = new StatsCacheService(cache, new StatsService(dataSources[0]), logger);
        const sync = new ReportingSyncService(dataSources[0], statsCache, cache, logger);
        // First: every organisation is new or has no key (the worst case, like local midnight for
        // every organisation of one zone); then idle; then after 50 organisations changed.
        const firstSync = await sync.run();
        progress(`first sync ${(firstSync.ms / 1000).toFixed(1)} s`);
        const idleSync = await sync.run();
        await changeOrganizations(client, 300);
        await service.run();
        const changedSync = await sync.run();
        const syncLine = (label: string, r: { ms: number; refreshed: number; keys: number; threads: number }) =>
          `${label} ${(r.ms / 1000).toFixed(1)} s (${r.refreshed} organisations, ${r.keys} responses rewritten, ${r.threads ? `${r.threads} threads` : 'in process'})`;
        lines.push(`cache sync (target ≤ 150 s): ${syncLine('first', firstSync)}; ${syncLine('idle', idleSync)}; ${syncLine(`after ${CHANGED_ORGS} changed`, changedSync)}`);
      }

      if (PARTS.has('verify')) {
        const afterAll = await driftAndPending(service);
        lines.push(
          `verify after every run above (aggregates:verify of every organisation): ${afterAll.drift} bucket(s) drift, ${afterAll.pending} change(s) pending (${afterAll.organizations} organisations)`,
        );
      } else lines.push('verify skipped (BENCH_PARTS without verify): not a recorded run');
      return {
        title:
          `${ORGS.toLocaleString('en-US')} organisations × ${CAMPAIGNS} campaigns, ${CAMPAIGNS * RECIPIENTS_PER_CAMPAIGN} recipients and ` +
          `${(CAMPAIGNS * RECIPIENTS_PER_CAMPAIGN * ORDERS_PER_RECIPIENT).toLocaleString('en-US')} attributions each; ` +
          `${database.reused ? 'kept database' : `generated in ${(generated.ms / 1000).toFixed(1)} s`}; medians of ${REPEATS}`,
        lines,
      };
    } finally {
      for (const ds of dataSources) await ds.destroy();
      await client.end();
      await database.drop();
    }
  },
};

export default benchmark;
