import { Client } from 'pg';

const TABLES = ['organizations', 'api_keys', 'campaigns', 'campaign_recipients', 'attributions', 'attribution_changes', 'deleted_holdout_recipients', 'recipient_send_groups', 'funnel_entries', 'brevo_sync_outbox'];

/**
 * A fingerprint of every tenant table's content, to prove a rejected call wrote nothing:
 * take one before, one after, and compare.
 */
export async function snapshotDatabase(databaseUrl: string): Promise<Record<string, string>> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const snapshot: Record<string, string> = {};
    for (const table of TABLES) {
      const { rows } = await client.query(`SELECT count(*)::text AS n, coalesce(md5(string_agg(t::text, '|' ORDER BY t::text)), '') AS h FROM ${table} t`);
      snapshot[table] = `${rows[0].n}:${rows[0].h}`;
    }
    return snapshot;
  } finally {
    await client.end();
  }
}

export async function queryRows<T>(databaseUrl: string, sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return (await client.query(sql, params)).rows as T[];
  } finally {
    await client.end();
  }
}
