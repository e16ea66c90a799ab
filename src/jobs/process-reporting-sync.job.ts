import type { ReportingSyncService } from '../reporting/reporting-sync.service';
import type { JobDefinition } from './job-definition';

export function processReportingSyncJob(sync: ReportingSyncService): JobDefinition {
  return {
    name: 'process-reporting-sync',
    description: 'Rewrites the cached organisation and campaign stats of eligible organisations whose data, local day or keys call for it (4 h TTL)',
    interval: '450 seconds',
    async run() {
      const result = await sync.run();
      const where = result.threads > 0 ? ` on ${result.threads} threads` : '';
      return `${result.organizations} organisation(s), ${result.refreshed} refreshed (${result.keys} cached response(s))${where} in ${result.ms} ms`;
    },
  };
}
