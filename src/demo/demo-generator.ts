import type { DemoDataset } from './demo.types';
import { makeDemoCampaigns } from './demo-campaigns';
import { makeDemoFunnels } from './demo-funnels';
import { makeCalendar } from './demo-local-time';
import { deriveSeed } from './demo-random';

export const DEMO_ORGANIZATION = { name: 'Demo Outdoor Co.', timezone: 'America/New_York' } as const;
const DEMO_SEED = 20_241_122;

/**
 * The whole demo data set, with no IO: the same `today` (the organisation's local date) always
 * gives the same data, and every date in it is relative to that day, so the demo always shows
 * the last six months.
 */
export function makeDemoDataset(today: string): DemoDataset {
  const calendar = makeCalendar(today);
  return {
    organization: { ...DEMO_ORGANIZATION },
    campaigns: makeDemoCampaigns(calendar, deriveSeed(DEMO_SEED, 0)),
    ...makeDemoFunnels(calendar, deriveSeed(DEMO_SEED, 1)),
  };
}
