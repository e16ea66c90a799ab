/**
 * What REDIS_URL names: one Redis server (`redis://` or `rediss://`, as ioredis reads it) or a
 * Redis Cluster, `redis+cluster://[user:password@]host:port[,host:port…]` (`rediss+cluster://`
 * for TLS). The cluster's nodes are only where to start: the client discovers every master
 * and follows the slot map from there.
 */
export type RedisTarget =
  | { kind: 'server'; url: string }
  | { kind: 'cluster'; nodes: Array<{ host: string; port: number }>; username?: string; password?: string; tls: boolean };

const CLUSTER = /^(rediss?)\+cluster:\/\/(?:([^@/]*)@)?([^/?#@]+)\/?$/;
const NODE = /^(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9.-]+):(\d{1,5})$/;

/** The target of a REDIS_URL, or a message saying what is wrong with it. */
export function parseRedisUrl(text: string): RedisTarget | { error: string } {
  const value = text.trim();
  const cluster = CLUSTER.exec(value);
  if (cluster) {
    const [, scheme, credentials, hosts] = cluster;
    const nodes: Array<{ host: string; port: number }> = [];
    for (const node of hosts.split(',')) {
      const m = NODE.exec(node.trim());
      const port = m ? Number(m[2]) : 0;
      if (!m || port < 1 || port > 65535) return { error: `cluster node ${JSON.stringify(node)} must be host:port` };
      nodes.push({ host: m[1].replace(/^\[|\]$/g, ''), port });
    }
    const [username, password] = credentials === undefined ? [] : credentials.includes(':') ? credentials.split(/:(.*)/s, 2) : [undefined, credentials];
    return {
      kind: 'cluster',
      nodes,
      ...(username ? { username: decodeURIComponent(username) } : {}),
      ...(password ? { password: decodeURIComponent(password) } : {}),
      tls: scheme === 'rediss',
    };
  }
  if (/^rediss?:\/\/.+/.test(value) && URL.canParse(value)) return { kind: 'server', url: value };
  return { error: 'must be a redis:// or rediss:// URL, or redis+cluster://host:port,host:port for a Redis Cluster' };
}
