import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Redis } from 'ioredis';

export interface LocalRedisCluster {
  ports: number[];
  /** REDIS_URL naming the cluster by two of its nodes (the client discovers the third). */
  url: string;
  stop(): Promise<void>;
}

/** Whether a TCP port can be listened on now. */
function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/** `count` free ports whose cluster bus ports (port + 10000) are free too. */
async function freeClusterPorts(count: number): Promise<number[]> {
  const ports: number[] = [];
  for (let port = 20_000 + (process.pid % 1_000) * 20; ports.length < count && port < 55_000; port += 1) {
    if ((await portIsFree(port)) && (await portIsFree(port + 10_000))) ports.push(port);
  }
  if (ports.length < count) throw new Error('no free ports for a local Redis Cluster');
  return ports;
}

async function waitFor(check: () => Promise<boolean>, what: string): Promise<void> {
  for (let i = 0; i < 100; i += 1) {
    if (await check().catch(() => false)) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/**
 * A three-master Redis Cluster from the machine's redis-server (no replicas, no persistence,
 * in a temporary directory), created with `redis-cli --cluster create`; null when redis-server
 * or redis-cli is missing. `stop()` ends the servers and removes the directory.
 */
export async function startLocalRedisCluster(): Promise<LocalRedisCluster | null> {
  if (spawnSync('redis-server', ['--version']).status !== 0 || spawnSync('redis-cli', ['--version']).status !== 0) return null;
  const dir = mkdtempSync(path.join(tmpdir(), 'paperrun-redis-cluster-'));
  const ports = await freeClusterPorts(3);
  const servers: ChildProcess[] = ports.map((port) =>
    spawn(
      'redis-server',
      ['--port', String(port), '--bind', '127.0.0.1', '--cluster-enabled', 'yes', '--cluster-config-file', `nodes-${port}.conf`, '--dir', dir, '--save', '', '--appendonly', 'no'],
      { stdio: 'ignore' },
    ),
  );
  const stop = async () => {
    await Promise.all(
      servers.map(
        (server) =>
          new Promise<void>((resolve) => {
            if (server.exitCode !== null) return resolve();
            server.once('exit', () => resolve());
            server.kill('SIGTERM');
          }),
      ),
    );
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    const clients = ports.map((port) => new Redis({ port, host: '127.0.0.1', lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => 100 }));
    // Refused connections while the servers start are expected: the pings retry.
    for (const client of clients) client.on('error', () => undefined);
    try {
      for (const client of clients) await waitFor(async () => (await client.ping()) === 'PONG', 'the cluster nodes to start');
      const created = spawnSync('redis-cli', ['--cluster', 'create', ...ports.map((p) => `127.0.0.1:${p}`), '--cluster-replicas', '0', '--cluster-yes'], { encoding: 'utf8' });
      if (created.status !== 0) throw new Error(`redis-cli --cluster create failed: ${created.stdout}${created.stderr}`);
      for (const client of clients) await waitFor(async () => /cluster_state:ok/.test(await client.cluster('INFO')), 'the cluster to agree');
    } finally {
      for (const client of clients) client.disconnect();
    }
  } catch (error) {
    await stop();
    throw error;
  }
  return { ports, url: `redis+cluster://127.0.0.1:${ports[0]},127.0.0.1:${ports[1]}`, stop };
}
