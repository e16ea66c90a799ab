import { Client } from 'pg';
import { loadConfig } from '../src/config';
import { resolveDatabase } from '../src/db/database-url';
import { makeLogger } from '../src/logger';

/**
 * A fresh, empty database for one benchmark on DATABASE_URL's server (or the embedded
 * PostgreSQL); `drop()` removes it and stops an embedded server this call started. With
 * `reuse`, the database a previous run left is kept as it is (a bench's re-run on its data).
 */
export async function benchDatabaseUrl(name: string, options: { reuse?: boolean } = {}): Promise<{ url: string; drop(): Promise<void> }> {
  const server = await resolveDatabase(loadConfig(), makeLogger('warn', false));
  const database = `paperrun_bench_${name}`;
  const admin = async (sql: string) => {
    const client = new Client({ connectionString: server.url });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  if (!options.reuse) {
    await admin(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
    await admin(`CREATE DATABASE "${database}"`);
  }
  const url = new URL(server.url);
  url.pathname = `/${database}`;
  return {
    url: url.toString(),
    async drop() {
      await admin(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
      await server.stop();
    },
  };
}
