import { spawn, type ChildProcess } from 'node:child_process';
import { connect, createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { queryRows } from '../helpers/db-snapshot';

/**
 * A TCP proxy between the server and PostgreSQL that a test can break: `cut()` closes every
 * connection (a fail-over, a restart), `stall()` keeps connections open but forwards nothing in
 * either direction and leaves new ones unanswered (a hung server or network), `resume()` ends it.
 */
export class DatabaseProxy {
  private server: Server | null = null;
  private readonly sockets = new Set<Socket>();
  private stalled = false;
  port = 0;

  constructor(private readonly target: { host: string; port: number }) {}

  async start(): Promise<this> {
    this.server = createServer((client) => {
      const upstream = connect(this.target.port, this.target.host);
      for (const socket of [client, upstream]) {
        this.sockets.add(socket);
        socket.on('close', () => this.sockets.delete(socket));
        socket.on('error', () => socket.destroy());
      }
      client.on('close', () => upstream.destroy());
      upstream.on('close', () => client.destroy());
      const forward = (from: Socket, to: Socket) =>
        from.on('data', (chunk: Buffer) => {
          // A stalled link drops what it would have forwarded: nothing ever arrives.
          if (!this.stalled) to.write(chunk);
        });
      forward(client, upstream);
      forward(upstream, client);
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
    return this;
  }

  /** The URL `url` (a database on the target) reached through the proxy. */
  urlFor(url: string): string {
    const u = new URL(url);
    u.hostname = '127.0.0.1';
    u.port = String(this.port);
    return u.toString();
  }

  cut(): void {
    for (const socket of this.sockets) socket.destroy();
  }

  stall(): void {
    this.stalled = true;
  }

  resume(): void {
    this.stalled = false;
  }

  async stop(): Promise<void> {
    this.cut();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}

export function targetOf(url: string): { host: string; port: number } {
  const u = new URL(url);
  return { host: u.hostname, port: Number(u.port || 5432) };
}

const ROOT = path.join(__dirname, '..', '..');

/**
 * The server as `npm start -- --role <role>` runs it (node with the TypeScript loader), spawned
 * directly so SIGKILL reaches the server itself and not an npm wrapper.
 */
export function startServerProcess(role: 'worker' | 'api' | 'all', env: Record<string, string>): ChildProcess {
  const child = spawn(process.execPath, ['-r', './register.js', 'src/main.ts', '--role', role], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', NODE_ENV: 'test', LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'fatal', ...env },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  return child;
}

export async function killProcess(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill(signal);
  await exited;
}

/** Polls `check` until it returns true or `timeoutMs` passes; returns the time it took, or throws. */
export async function waitUntil(what: string, timeoutMs: number, check: () => Promise<boolean>, everyMs = 200): Promise<number> {
  const started = Date.now();
  while (Date.now() - started < timeoutMs) {
    if (await check()) return Date.now() - started;
    await delay(everyMs);
  }
  throw new Error(`${what}: not within ${timeoutMs} ms`);
}

/** An organisation straight in SQL (the worker tests need no API). */
export async function seedOrganization(databaseUrl: string): Promise<string> {
  const [row] = await queryRows<{ id: string }>(databaseUrl, `INSERT INTO organizations (name) VALUES ('Fault test') RETURNING id::text AS id`);
  return row.id;
}

/**
 * `entries` funnel entries with `perEntry` outbox jobs each, in SQL. Job k of an entry carries
 * SEQ = k in its attributes, so the fake Brevo sees whether an entry's jobs arrived in order.
 */
export async function seedOutbox(databaseUrl: string, orgId: string, entries: number, perEntry: number): Promise<void> {
  await queryRows(
    databaseUrl,
    `WITH e AS (
       INSERT INTO funnel_entries (org_id, email, funnel_type, test_id)
       SELECT $1, 'fault-' || g || '@example.com', CASE WHEN g % 2 = 0 THEN 'language' ELSE 'non_language' END, 'fault-test'
         FROM generate_series(1, $2::int) g
       RETURNING id, email, funnel_type, test_id)
     INSERT INTO brevo_sync_outbox (org_id, funnel_entry_id, operation, payload)
     SELECT $1, e.id, CASE WHEN k = 1 THEN 'upsert_contact' ELSE 'update_contact' END,
            jsonb_build_object('email', e.email, 'funnelType', e.funnel_type, 'testId', e.test_id, 'attributes', jsonb_build_object('SEQ', k::text))
       FROM e CROSS JOIN generate_series(1, $3::int) k
      ORDER BY k, e.id`,
    [orgId, entries, perEntry],
  );
}

export async function outboxCounts(databaseUrl: string): Promise<{ pending: number; success: number; failed: number }> {
  const [row] = await queryRows<{ pending: number; success: number; failed: number }>(
    databaseUrl,
    `SELECT count(*) FILTER (WHERE status = 'pending')::int AS pending, count(*) FILTER (WHERE status = 'success')::int AS success,
            count(*) FILTER (WHERE status = 'failed')::int AS failed FROM brevo_sync_outbox`,
  );
  return row;
}
