import type { ReportingSyncService } from '../reporting/reporting-sync.service';
import type { JobDefinition } from './job-definition';

export function processReportingSyncJob(sync: ReportingSyncService): JobDefinition {
  return {
    name: 'process-reporting-sync',
    description: 'Refreshes the cached organisation and campaign stats of every eligible organisation (4 h TTL)',
    interval: '450 seconds',
    async run() {
      const result = await sync.run();
      return `${result.organizations} organisation(s), ${result.keys} cached response(s) refreshed in ${result.ms} ms`;
    },
  };
}
