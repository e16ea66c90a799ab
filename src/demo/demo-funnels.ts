import type { DemoFunnelEntry, DemoOutboxJob, FunnelType } from './demo.types';
import { compareMoments, momentAfter, randomMomentOn, type DemoCalendar, type LocalMoment } from './demo-local-time';
import { makeRandom, type Random } from './demo-random';

const TESTS: Record<FunnelType, string[]> = {
  language: ['english-b2', 'english-c1', 'spanish-a2', 'german-b1', 'french-a2'],
  non_language: ['typing-speed', 'excel-basics', 'first-aid', 'project-management'],
};
/** Repeats weight the pick; null is an entry that came in without a source. */
const SOURCES: Record<FunnelType, Array<string | null>> = {
  language: ['email_language_v1', 'email_language_v1', 'email_language_v2', 'paid_social', null],
  non_language: ['email_non_language_v1', 'email_non_language_v1', 'paid_social', null],
};
const FIRST_NAMES = ['anna', 'ben', 'carla', 'david', 'elena', 'farid', 'grace', 'hugo', 'ines', 'jonas', 'kate', 'luis', 'maya', 'noah', 'olga', 'pablo', 'quinn', 'rosa', 'sam', 'tara'];
const LAST_NAMES = ['adams', 'brooks', 'chen', 'diaz', 'evans', 'fischer', 'garcia', 'hansen', 'ivanova', 'jones', 'kim', 'lopez', 'meyer', 'novak', 'okafor', 'patel'];
/** Reserved example domains: the demo never names a real mailbox. */
const DOMAINS = ['example.com', 'example.org', 'example.net'];

const PEOPLE = 340;
const SECOND_FUNNEL_CHANCE = 0.18;
const PURCHASE_CHANCE = 0.27;
const WAKING_DAY_SECONDS = 16 * 3600;
/** Backoff of five failed retries (5 + 10 + 15 + 20 + 25 minutes) before a job fails for good. */
const EXHAUSTED_RETRIES_SECONDS = 75 * 60;

interface PlannedEntry {
  email: string;
  funnelType: FunnelType;
  testId: string;
  userId: string | null;
  source: string | null;
  enteredAt: LocalMoment;
  purchasedAt: LocalMoment | null;
}

interface PlannedJob {
  entry: PlannedEntry;
  operation: DemoOutboxJob['operation'];
  createdAt: LocalMoment;
  outcome: JobOutcome;
}

type JobOutcome =
  | { status: 'success' }
  | { status: 'pending'; retryCount: number; lastError: string | null }
  | { status: 'failed'; retryCount: number; lastError: string; secondsToFailure: number };

/** Funnel entries of the last 90 days and the Brevo outbox jobs they wrote, most delivered. */
export function makeDemoFunnels(calendar: DemoCalendar, seed: number): { funnelEntries: DemoFunnelEntry[]; outboxJobs: DemoOutboxJob[] } {
  const random = makeRandom(seed);
  const entries = makeEntries(random).sort((a, b) => compareMoments(a.enteredAt, b.enteredAt));
  const jobs = planJobs(entries).sort((a, b) => compareMoments(a.createdAt, b.createdAt));
  return {
    funnelEntries: entries.map((e) => ({
      email: e.email,
      funnelType: e.funnelType,
      testId: e.testId,
      userId: e.userId,
      source: e.source,
      enteredAt: calendar.timestamp(e.enteredAt),
      purchasedAt: e.purchasedAt && calendar.timestamp(e.purchasedAt),
    })),
    outboxJobs: jobs.map((job) => toOutboxJob(job, calendar, random)),
  };
}

function makeEntries(random: Random): PlannedEntry[] {
  const entries: PlannedEntry[] = [];
  const seen = new Set<string>();
  for (let person = 0; person < PEOPLE; person += 1) {
    const email = `${random.pick(FIRST_NAMES)}.${random.pick(LAST_NAMES)}${person + 1}@${random.pick(DOMAINS)}`;
    const userId = random.chance(0.7) ? `u${100_000 + person * 7}` : null;
    const funnels = random.chance(SECOND_FUNNEL_CHANCE) ? 2 : 1;
    for (let n = 0; n < funnels; n += 1) {
      const funnelType: FunnelType = random.chance(0.6) ? 'language' : 'non_language';
      const testId = random.pick(TESTS[funnelType]);
      const key = `${email}|${funnelType}|${testId}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const enteredAt = randomMomentOn(-random.int(1, 90), random);
      entries.push({ email, funnelType, testId, userId, source: random.pick(SOURCES[funnelType]), enteredAt, purchasedAt: purchaseAfter(enteredAt, random) });
    }
  }
  return entries;
}

/** Most buyers buy within a few days of entering; a purchase that would fall after yesterday has not happened yet. */
function purchaseAfter(enteredAt: LocalMoment, random: Random): LocalMoment | null {
  if (!random.chance(PURCHASE_CHANCE)) return null;
  const delay = 300 + Math.floor(-Math.log(1 - random.next()) * 2 * WAKING_DAY_SECONDS);
  const purchasedAt = momentAfter(enteredAt, delay);
  return purchasedAt.day <= -1 ? purchasedAt : null;
}

/**
 * One upsert per entry and one update per purchase. Nearly all delivered; the newest few are
 * still pending (some after failed attempts), and two older ones failed for good.
 */
function planJobs(entries: PlannedEntry[]): PlannedJob[] {
  const outcomes = new Map<PlannedEntry, JobOutcome>();
  const newest = entries.slice(-6);
  newest.forEach((entry, i) =>
    outcomes.set(entry, i < 3 ? { status: 'pending', retryCount: i + 1, lastError: i === 0 ? 'network error: connect ETIMEDOUT api.brevo.com:443' : '503 {"message":"Service Unavailable"}' } : { status: 'pending', retryCount: 0, lastError: null }),
  );
  const unpurchased = entries.filter((e) => e.purchasedAt === null && !outcomes.has(e));
  outcomes.set(unpurchased[Math.floor(unpurchased.length * 0.3)], { status: 'failed', retryCount: 1, lastError: '401 {"code":"unauthorized","message":"Key not found"}', secondsToFailure: 2 });
  outcomes.set(unpurchased[Math.floor(unpurchased.length * 0.7)], { status: 'failed', retryCount: 6, lastError: 'network error: getaddrinfo EAI_AGAIN api.brevo.com', secondsToFailure: EXHAUSTED_RETRIES_SECONDS });

  const jobs: PlannedJob[] = [];
  for (const entry of entries) {
    const upsert = outcomes.get(entry) ?? { status: 'success' };
    jobs.push({ entry, operation: 'upsert_contact', createdAt: entry.enteredAt, outcome: upsert });
    if (entry.purchasedAt) {
      // Jobs of one entry are delivered in order: an update waits behind a pending upsert.
      const update: JobOutcome = upsert.status === 'pending' ? { status: 'pending', retryCount: 0, lastError: null } : { status: 'success' };
      jobs.push({ entry, operation: 'update_contact', createdAt: entry.purchasedAt, outcome: update });
    }
  }
  return jobs;
}

function toOutboxJob(job: PlannedJob, calendar: DemoCalendar, random: Random): DemoOutboxJob {
  const { entry, outcome } = job;
  const createdAt = calendar.timestamp(job.createdAt);
  const date = (moment: LocalMoment) => calendar.date(moment.day);
  const attributes =
    job.operation === 'upsert_contact'
      ? { ENTERED_AT: date(entry.enteredAt) }
      : { CERTIFICATE_PURCHASED: true, CERTIFICATE_PURCHASED_AT: date(job.createdAt) };
  const common = {
    entry: { email: entry.email, funnelType: entry.funnelType, testId: entry.testId },
    operation: job.operation,
    // The shape the server writes (docs/funnels.md).
    payload: { email: entry.email, funnelType: entry.funnelType, testId: entry.testId, userId: entry.userId, source: entry.source, attributes },
    createdAt,
  };
  switch (outcome.status) {
    case 'success': {
      const processedAt = calendar.timestamp(momentAfter(job.createdAt, random.int(1, 40)));
      return { ...common, status: 'success', retryCount: 0, lastError: null, updatedAt: processedAt, processedAt, nextAttemptInSeconds: null };
    }
    case 'pending':
      // A retried job waits out its backoff: retry_count × 5 minutes.
      return { ...common, status: 'pending', retryCount: outcome.retryCount, lastError: outcome.lastError, updatedAt: createdAt, processedAt: null, nextAttemptInSeconds: outcome.retryCount > 0 ? outcome.retryCount * 300 : null };
    case 'failed':
      return { ...common, status: 'failed', retryCount: outcome.retryCount, lastError: outcome.lastError, updatedAt: calendar.timestamp(momentAfter(job.createdAt, outcome.secondsToFailure)), processedAt: null, nextAttemptInSeconds: null };
  }
}
