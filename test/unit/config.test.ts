import assert from 'node:assert/strict';
import { ConfigError, loadConfig } from '../../src/config';

describe('config', () => {
  it('applies the documented defaults', () => {
    const config = loadConfig({});
    assert.equal(config.databaseUrl, null);
    assert.equal(config.redisUrl, null);
    assert.equal(config.port, 4000);
    assert.equal(config.aggregationSlidingWindowDays, 2);
    assert.equal(config.schedulerEnabled, true);
    assert.equal(config.brevo.baseUrl, 'https://api.brevo.com/v3');
    assert.equal(config.brevo.maxRetries, 5);
    assert.equal(config.brevo.rateLimitRps, 10);
    assert.equal(config.brevo.timeoutMs, 10_000);
    assert.equal(config.nodeEnv, 'development');
    assert.equal(config.demoData, true);
  });

  it('loads the demo by default only into the embedded development database, and wherever DEMO_DATA=true asks', () => {
    const url = 'postgres://u@h:5432/d';
    const table: Array<[Record<string, string>, boolean]> = [
      [{}, true],
      [{ DATABASE_URL: url }, false],
      [{ DATABASE_URL: url, DEMO_DATA: 'true' }, true],
      [{ NODE_ENV: 'production', ADMIN_API_KEY: 'a-very-long-admin-key', DATABASE_URL: url, DEMO_DATA: 'true' }, true],
      [{ DEMO_DATA: 'false' }, false],
    ];
    for (const [env, expected] of table) assert.equal(loadConfig(env).demoData, expected, JSON.stringify(env));
  });

  it('reads CORS origins, the introspection switch and the export link settings', () => {
    const config = loadConfig({ CORS_ORIGINS: 'https://app.example.com, http://localhost:5173/', GRAPHQL_INTROSPECTION: 'false', EXPORT_LINK_SECRET: 'x'.repeat(32), EXPORT_LINK_TTL_SECONDS: '120' });
    assert.deepEqual(config.corsOrigins, ['https://app.example.com', 'http://localhost:5173']);
    assert.equal(config.introspection, false);
    assert.deepEqual(config.exportLinks, { secret: 'x'.repeat(32), ttlSeconds: 120 });
    assert.deepEqual([loadConfig({}).introspection, loadConfig({ NODE_ENV: 'production', ADMIN_API_KEY: 'a-very-long-admin-key' }).introspection], [true, false]);
    assert.throws(() => loadConfig({ CORS_ORIGINS: 'https://app.example.com/path' }), /CORS_ORIGINS/);
    assert.throws(() => loadConfig({ NODE_ENV: 'production' }), /EXPORT_LINK_SECRET/);
  });

  it('parses every variable', () => {
    const config = loadConfig({
      DATABASE_URL: 'postgres://u@h:5432/d',
      REDIS_URL: 'redis://127.0.0.1:6379',
      PORT: '8080',
      ADMIN_API_KEY: 'a-very-long-admin-key',
      ORDER_AGGREGATION_SLIDING_WINDOW_DAYS: '7',
      SCHEDULER_ENABLED: 'false',
      BREVO_API_KEY: 'xkeysib-1',
      BREVO_BASE_URL: 'http://127.0.0.1:9999/v3/',
      BREVO_LIST_LANGUAGE: '3',
      BREVO_LIST_NON_LANGUAGE: '4',
      BREVO_MAX_RETRIES: '2',
      BREVO_RATE_LIMIT_RPS: '2.5',
      BREVO_TIMEOUT_MS: '500',
    });
    assert.equal(config.port, 8080);
    assert.equal(config.schedulerEnabled, false);
    assert.equal(config.aggregationSlidingWindowDays, 7);
    assert.deepEqual(config.brevo, { apiKey: 'xkeysib-1', baseUrl: 'http://127.0.0.1:9999/v3', listLanguage: 3, listNonLanguage: 4, maxRetries: 2, rateLimitRps: 2.5, timeoutMs: 500 });
  });

  it('fails with one line per bad value, naming the variable', () => {
    assert.throws(
      () => loadConfig({ PORT: 'eighty', SCHEDULER_ENABLED: 'maybe', DATABASE_URL: 'mysql://x', BREVO_RATE_LIMIT_RPS: '0', ADMIN_API_KEY: 'short', ORDER_AGGREGATION_SLIDING_WINDOW_DAYS: '0' }),
      (error: unknown) => {
        assert.ok(error instanceof ConfigError);
        const names = error.problems.map((p) => p.split('=')[0]).sort();
        assert.deepEqual(names, ['ADMIN_API_KEY', 'BREVO_RATE_LIMIT_RPS', 'DATABASE_URL', 'ORDER_AGGREGATION_SLIDING_WINDOW_DAYS', 'PORT', 'SCHEDULER_ENABLED']);
        assert.match(error.problems.find((p) => p.startsWith('PORT'))!, /PORT="eighty": must be a whole number/);
        return true;
      },
    );
  });

  it('treats empty values as unset', () => {
    assert.equal(loadConfig({ REDIS_URL: '', DATABASE_URL: ' ' }).redisUrl, null);
  });

  it('rejects a blank PORT or BREVO_API_KEY and zero job intervals, naming each', () => {
    assert.throws(
      () => loadConfig({ PORT: '', BREVO_API_KEY: '  ', OUTBOX_INTERVAL: '0 seconds', AGGREGATION_INTERVAL: '00 minutes' }),
      (error: unknown) => {
        assert.ok(error instanceof ConfigError);
        assert.deepEqual(error.problems.sort(), [
          'AGGREGATION_INTERVAL="00 minutes": must be longer than 0 (a zero interval would run the job back to back)',
          'BREVO_API_KEY="  ": is set but blank: unset it to use the default, or give a value',
          'OUTBOX_INTERVAL="0 seconds": must be longer than 0 (a zero interval would run the job back to back)',
          'PORT="": is set but blank: unset it to use the default, or give a value',
        ]);
        return true;
      },
    );
    assert.equal(loadConfig({ OUTBOX_INTERVAL: '1 second' }).intervals.outbox, '1 second');
  });

  it('reads the limits for hostile input and noisy tenants, with their defaults', () => {
    assert.deepEqual(loadConfig({}).limits, { requestsPerSecond: 20, burst: 200, authFailuresPerMinute: 10, maxExpensivePerOrg: 2, expensiveQueueMs: 10_000 });
    const limits = loadConfig({ RATE_LIMIT_REQUESTS_PER_SECOND: '5', RATE_LIMIT_BURST: '0', RATE_LIMIT_AUTH_FAILURES_PER_MINUTE: '3', MAX_EXPENSIVE_OPERATIONS_PER_ORG: '4', RATE_LIMIT_EXPENSIVE_QUEUE_MS: '500' }).limits;
    assert.deepEqual(limits, { requestsPerSecond: 5, burst: 0, authFailuresPerMinute: 3, maxExpensivePerOrg: 4, expensiveQueueMs: 500 });
    assert.throws(() => loadConfig({ RATE_LIMIT_REQUESTS_PER_SECOND: '0' }), /RATE_LIMIT_REQUESTS_PER_SECOND="0": must be at least 1/);
  });
});
