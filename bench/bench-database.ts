import { Client } from 'pg';
import { loadConfig } from '../src/config';
import { resolveDatabase } from '../src/db/database-url';
import { makeLogger } from '../src/logger';

/**
 * A fresh, empty database for one benchmark on DATABASE_URL's server (or the embedded
 * PostgreSQL); `drop()` removes it and stops an embedded server this call started. With
 * `reuse`, the database a previous run left is kept as it is (a bench's re-run on its data).
 * With `keep`, the database of a previous kept run is reused when there is one (`reused`), and
 * `drop()` leaves it for the next: a bench whose generation takes minutes can be iterated on.
 */
export async function benchDatabaseUrl(name: string, options: { reuse?: boolean; keep?: boolean } = {}): Promise<{ url: string; reused: boolean; drop(): Promise<void> }> {
  // Only the database settings are used: a bench run with NODE_ENV=production (graphql's own
  // production mode) needs none of production's required secrets here.
  const server = await resolveDatabase(loadConfig({ ...process.env, NODE_ENV: 'development' }), makeLogger('warn', false));
  const database = `paperrun_bench_${name}`;
  const admin = async <T extends object>(sql: string, params: unknown[] = []) => {
    const client = new Client({ connectionString: server.url });
    await client.connect();
    try {
      return (await client.query<T>(sql, params)).rows;
    } finally {
      await client.end();
    }
  };
  const keep = options.keep ?? false;
  const reused = (options.reuse ?? false) || (keep && (await admin(`SELECT 1 FROM pg_database WHERE datname = $1`, [database])).length === 1);
  if (!reused) {
    await admin(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
    await admin(`CREATE DATABASE "${database}"`);
  }
  const url = new URL(server.url);
  url.pathname = `/${database}`;
  return {
    url: url.toString(),
    reused,
    async drop() {
      if (!keep) await admin(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
      await server.stop();
    },
  };
}
