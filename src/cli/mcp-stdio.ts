import 'reflect-metadata';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { Command } from 'commander';
import pino from 'pino';
import { makeCache } from '../cache/make-cache';
import { makeDataSource } from '../db/data-source';
import { resolveDatabase } from '../db/database-url';
import { dbOf } from '../db/db';
import type { Logger } from '../logger';
import { makeMcpServer } from '../mcp/mcp-server';
import { authenticate } from '../organizations/auth';
import { CampaignService } from '../campaigns/campaign.service';
import { FunnelService } from '../funnels/funnel.service';
import { StatsCacheService } from '../reporting/stats-cache.service';
import { StatsService } from '../reporting/stats.service';
import { loadCliConfig } from './cli-database';

/**
 * `npm run mcp -- --api-key <organisation key>` (or PAPERRUN_API_KEY): the MCP server on
 * stdio for local agent clients, bound to the key's organisation. stdout carries only MCP
 * messages; every log line goes to stderr. Reads the configured database (DATABASE_URL, else
 * the embedded one, which must already be migrated) and the same reporting cache (REDIS_URL).
 * Exit codes: 0 when the client closes stdin, 2 for a bad configuration or key.
 */
async function main(argv: string[]): Promise<number> {
  const program = new Command()
    .name('mcp')
    .description('Serve the PaperRun MCP tools on stdio for one organisation')
    .option('--api-key <key>', "the organisation's API key (default: $PAPERRUN_API_KEY)")
    .exitOverride()
    .configureOutput({ writeOut: (text) => process.stderr.write(text), writeErr: (text) => process.stderr.write(text) });
  try {
    program.parse(argv, { from: 'user' });
  } catch {
    return 2;
  }
  const apiKey = program.opts<{ apiKey?: string }>().apiKey ?? process.env.PAPERRUN_API_KEY;
  if (!apiKey) {
    process.stderr.write('mcp: --api-key <organisation API key> (or PAPERRUN_API_KEY) is required\n');
    return 2;
  }
  const config = loadCliConfig();
  if (!config) return 2;
  const logger: Logger = pino({ level: config.logLevel === 'info' ? 'warn' : config.logLevel, base: undefined }, pino.destination(2));
  const database = await resolveDatabase(config, logger);
  const dataSource = makeDataSource(database.url, 4);
  const cache = makeCache(config.redisUrl, logger);
  try {
    await dataSource.initialize();
    const principal = await authenticate(dbOf(dataSource), `Bearer ${apiKey}`, config.adminApiKey);
    if (principal.kind !== 'organization') {
      process.stderr.write(
        principal.kind === 'admin' ? 'mcp: the admin key has no organisation; use an organisation API key\n' : 'mcp: invalid, revoked or expired API key\n',
      );
      return 2;
    }
    // Only the read services the tools use (the same classes and cache keys as the API).
    const stats = new StatsService(dataSource);
    const services = {
      campaigns: new CampaignService(dataSource),
      stats,
      statsCache: new StatsCacheService(cache, stats, logger),
      funnels: new FunnelService(dataSource, logger),
    };
    const server = makeMcpServer(services, principal.orgId, logger);
    const transport = new StdioServerTransport();
    const closed = new Promise<void>((resolve) => {
      transport.onclose = () => resolve();
      process.stdin.once('end', () => resolve());
    });
    await server.connect(transport);
    logger.info({ orgId: principal.orgId }, 'MCP server listening on stdio');
    await closed;
    await server.close();
    return 0;
  } finally {
    await cache.close();
    if (dataSource.isInitialized) await dataSource.destroy();
    await database.stop();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`mcp: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
