import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';

/**
 * Prometheus metrics of one process, served at /metrics. Created once per app instance. The
 * project's own metrics are named `paperrun_…` (before 2026-12-02 they had no prefix, e.g.
 * `db_queries_total`); prom-client's process_* and nodejs_* defaults keep their standard names.
 */
export class Metrics {
  readonly registry = new Registry();

  readonly httpDuration = new Histogram({
    name: 'paperrun_http_request_duration_seconds',
    help: 'HTTP request latency by method, route and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });

  readonly graphqlDuration = new Histogram({
    name: 'paperrun_graphql_operation_duration_seconds',
    help: 'GraphQL operation latency by operation type and outcome',
    labelNames: ['operation', 'outcome'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });

  readonly dbQueries = new Counter({
    name: 'paperrun_db_queries_total',
    help: 'SQL statements sent by the app\'s DataSource',
    registers: [this.registry],
  });

  readonly jobRuns = new Counter({
    name: 'paperrun_job_runs_total',
    help: 'Background job runs by job, trigger (schedule or manual) and outcome',
    labelNames: ['job', 'trigger', 'outcome'] as const,
    registers: [this.registry],
  });

  readonly jobDuration = new Histogram({
    name: 'paperrun_job_duration_seconds',
    help: 'Background job run time',
    labelNames: ['job'] as const,
    buckets: [0.01, 0.1, 0.5, 1, 5, 15, 60, 300, 900],
    registers: [this.registry],
  });

  readonly outboxDeliveries = new Counter({
    name: 'paperrun_brevo_outbox_deliveries_total',
    help: 'Brevo outbox attempts by outcome (success, retry, rate_limited, failed = transient out of retries, fatal)',
    labelNames: ['outcome'] as const,
    registers: [this.registry],
  });

  constructor(options: { collectProcessMetrics?: boolean } = {}) {
    if (options.collectProcessMetrics) collectDefaultMetrics({ register: this.registry });
  }

  /**
   * The Brevo outbox backlog across all organisations (totals only: no tenant data), read once
   * per scrape: the jobs gauge (registered, hence collected, first) reads, the age gauge uses
   * that read. A failed read leaves the gauges empty for that scrape instead of failing
   * /metrics; `onError` hears about it.
   */
  observeOutbox(read: () => Promise<OutboxBacklog>, onError: (err: unknown) => void): void {
    let latest: Promise<OutboxBacklog | null> | null = null;
    const readNow = () =>
      read().catch((err: unknown) => {
        onError(err);
        return null;
      });
    new Gauge({
      name: 'paperrun_brevo_outbox_jobs',
      help: 'Brevo outbox jobs waiting to be sent: pending (all), due (pending and due now)',
      labelNames: ['state'] as const,
      registers: [this.registry],
      async collect() {
        this.reset();
        latest = readNow();
        const b = await latest;
        if (!b) return;
        this.set({ state: 'pending' }, b.pending);
        this.set({ state: 'due' }, b.due);
      },
    });
    new Gauge({
      name: 'paperrun_brevo_outbox_oldest_pending_age_seconds',
      help: 'Age of the oldest pending Brevo outbox job (0 when none is pending)',
      registers: [this.registry],
      async collect() {
        this.reset();
        const b = await (latest ?? readNow());
        if (b) this.set(b.oldestPendingAgeSeconds ?? 0);
      },
    });
  }
}

export interface OutboxBacklog {
  pending: number;
  due: number;
  oldestPendingAgeSeconds: number | null;
}
