import type { Config } from '../config';
import type { DomainServices } from '../services';
import type { JobDefinition } from './job-definition';
import { processBrevoOutboxJob } from './process-brevo-outbox.job';
import { processOrderAggregationsJob } from './process-order-aggregations.job';
import { processReportingSyncJob } from './process-reporting-sync.job';
import { pruneApiKeysJob } from './prune-api-keys.job';

/** Every background job of the app. Job bodies are thin: they call a service. */
export function makeJobDefinitions(services: DomainServices): JobDefinition[] {
  return [
    processOrderAggregationsJob(services.aggregation, services.statsCache),
    processReportingSyncJob(services.reportingSync),
    pruneApiKeysJob(services.organizations),
    processBrevoOutboxJob(services.outbox),
  ];
}

/** Interval overrides from the configuration, by job name. */
export function jobIntervals(config: Config): Record<string, string> {
  return {
    'prune-api-keys': config.intervals.apiKeyPrune,
    'process-order-aggregations': config.intervals.aggregation,
    'process-reporting-sync': config.intervals.reportingSync,
    'process-brevo-outbox': config.intervals.outbox,
  };
}
