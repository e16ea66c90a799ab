import { Client } from 'pg';
import pino from 'pino';
import type { Config } from '../src/config';
import { makeDataSource } from '../src/db/data-source';
import { dbOf } from '../src/db/db';
import { migrateDatabase } from '../src/db/migrate';
import { OutboxService } from '../src/outbox/outbox.service';
import { FakeBrevo } from '../test/helpers/fake-brevo';
import { benchDatabaseUrl } from './bench-database';
import { timed, type Benchmark } from './bench-kit';

/** P6: outbox delivery rate against the suite's fake Brevo, paced at 10 rps and unpaced. */
const PACED_JOBS = Number(process.env.BENCH_OUTBOX_PACED ?? 200);
const UNPACED_JOBS = Number(process.env.BENCH_OUTBOX_JOBS ?? 5000);

async function seed(client: Client, n: number, tag: string): Promise<void> {
  await client.query('DELETE FROM brevo_sync_outbox');
  const orgId = (await client.query<{ id: string }>(`INSERT INTO organizations (name) VALUES ($1) RETURNING id`, [`bench ${tag}`])).rows[0].id;
  await client.query(
    `WITH e AS (
       INSERT INTO funnel_entries (org_id, email, funnel_type, test_id)
       SELECT $1, 'u' || g || '-' || $3 || '@example.com', CASE WHEN g % 2 = 0 THEN 'language' ELSE 'non_language' END, 'bench'
         FROM generate_series(1, $2::int) g RETURNING id, email, funnel_type, test_id)
     INSERT INTO brevo_sync_outbox (org_id, funnel_entry_id, operation, payload)
     SELECT $1, id, 'upsert_contact', jsonb_build_object('email', email, 'funnelType', funnel_type, 'testId', test_id, 'userId', null, 'source', null,
                                                        'attributes', jsonb_build_object('ENTERED_AT', '2024-03-09'))
       FROM e ORDER BY id`,
    [orgId, n, tag],
  );
  await client.query('ANALYZE brevo_sync_outbox');
}

/** Brevo's contacts limit as the fake enforces it: a bucket of 10 refilled at 10/s; beyond it 429. */
function limitedFake(fake: FakeBrevo, rps: number): { rejected: () => number } {
  let tokens = rps;
  let last = Date.now();
  let rejected = 0;
  fake.respond = () => {
    const now = Date.now();
    tokens = Math.min(rps, tokens + ((now - last) / 1000) * rps);
    last = now;
    if (tokens < 1) {
      rejected += 1;
      return { status: 429, body: '{"message":"Too many requests"}', headers: { 'x-sib-ratelimit-reset': '1' } };
    }
    tokens -= 1;
    return { status: 201, body: '{"id":1}' };
  };
  return { rejected: () => rejected };
}

const bench: Benchmark = {
  name: 'outbox',
  async run() {
    const database = await benchDatabaseUrl('outbox');
    const fake = await new FakeBrevo().start();
    await migrateDatabase(database.url, pino({ level: 'silent' }));
    const dataSource = makeDataSource(database.url, 10);
    await dataSource.initialize();
    const client = new Client({ connectionString: database.url });
    await client.connect();
    const settings = (rateLimitRps: number): Config['brevo'] => ({
      apiKey: 'bench', baseUrl: fake.url, listLanguage: 1, listNonLanguage: 2, maxRetries: 5, rateLimitRps, timeoutMs: 10_000,
    });
    const logger = pino({ level: 'silent' });
    const lines: string[] = [];
    try {
      // Paced at 10 rps against a fake that enforces 10 rps.
      await seed(client, PACED_JOBS, 'paced');
      fake.reset();
      const limiter = limitedFake(fake, 10);
      const paced = await timed(() => new OutboxService(dbOf(dataSource), settings(10), logger).processDueJobs());
      const span = (fake.requests[fake.requests.length - 1].at - fake.requests[0].at) / 1000;
      const pacedRate = (fake.requests.length - 1) / span;
      lines.push(
        `paced at 10 rps: ${paced.result.delivered} of ${PACED_JOBS} delivered in ${(paced.ms / 1000).toFixed(1)} s = ${pacedRate.toFixed(2)} requests/s ` +
          `(${(((pacedRate - 10) / 10) * 100).toFixed(1)} % from 10), ${limiter.rejected()} answered 429`,
      );

      // The limit lifted: one worker, then four concurrent workers.
      for (const workers of [1, 4]) {
        await seed(client, UNPACED_JOBS, `free${workers}`);
        fake.reset();
        const run = await timed(() => Promise.all(Array.from({ length: workers }, () => new OutboxService(dbOf(dataSource), settings(0), logger, { batchSize: 50 }).processDueJobs())));
        const delivered = run.result.reduce((n, r) => n + r.delivered, 0);
        const distinct = new Set(fake.requests.map((r) => r.body.email)).size;
        lines.push(
          `limit lifted, ${workers} worker(s): ${delivered} of ${UNPACED_JOBS} delivered in ${(run.ms / 1000).toFixed(2)} s = ${Math.round(delivered / (run.ms / 1000))} jobs/s ` +
            `(${fake.requests.length} requests, ${distinct} distinct contacts)`,
        );
      }
      return { title: `Brevo outbox delivery against the fake Brevo (${PACED_JOBS} paced jobs, ${UNPACED_JOBS} unpaced jobs)`, lines };
    } finally {
      await client.end();
      await dataSource.destroy();
      await fake.stop();
      await database.drop();
    }
  },
};

export default bench;
