import type { OutboxService } from '../outbox/outbox.service';
import type { JobDefinition } from './job-definition';

export function processBrevoOutboxJob(outbox: OutboxService): JobDefinition {
  return {
    name: 'process-brevo-outbox',
    description: 'Delivers due Brevo outbox jobs (funnel contacts) with retries, entry order and the Brevo rate limit',
    interval: '1 minute',
    async run() {
      const r = await outbox.processDueJobs();
      if (!r.enabled) return 'Brevo delivery is off (no BREVO_API_KEY): nothing sent';
      return `${r.delivered} delivered, ${r.retried} rescheduled, ${r.failed} failed${r.rateLimited ? ', ended by a 429' : ''}`;
    },
  };
}
