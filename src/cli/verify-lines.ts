import type { VerifyResult } from '../reporting/aggregation.service';

/**
 * What `aggregates:verify` prints for one organisation: its pending changes (not drift: the
 * next run applies them) and each bucket that still differs from raw once they are accounted
 * for (drift), and each row of the totals kept with the buckets that differs from their sums (drift).
 */
export function verifyLines(orgId: string, result: VerifyResult): string[] {
  const lines: string[] = [];
  if (result.pendingRebuild) lines.push(`pending: org ${orgId}: never aggregated, the next run rebuilds it from raw`);
  if (result.pendingChanges > 0) {
    lines.push(`pending: org ${orgId}: ${result.pendingChanges} change(s) not yet aggregated, campaign(s) ${result.pendingCampaignIds.join(', ')}`);
  }
  for (const d of result.differences) {
    lines.push(
      `drift: org ${orgId} campaign ${d.campaign_id} day ${d.day} ${d.is_holdout ? 'holdout' : 'treatment'}: ` +
        `stored ${JSON.stringify(d.stored)}, expected ${JSON.stringify(d.expected)}`,
    );
  }
  for (const d of result.totalsDifferences) {
    lines.push(`drift: org ${orgId} totals of ${d.scope}: stored ${JSON.stringify(d.stored)}, expected from the buckets ${JSON.stringify(d.expected)}`);
  }
  return lines;
}
