import { createHash } from 'node:crypto';
import { assignsToHoldout } from '../campaigns/ingestion.rules';
import type { DemoAttribution, DemoCampaign, DemoRecipient } from './demo.types';
import { randomMomentOn, type DemoCalendar, type LocalMoment } from './demo-local-time';
import { deriveSeed, makeRandom, type Random } from './demo-random';

/** One demo campaign: when it dropped, to whom, at what cost, and how its recipients respond. */
interface CampaignPlan {
  key: string;
  name: (dropDate: string) => string;
  dropDaysAgo: number;
  dropWindowDays: number;
  recipients: number;
  costPerPiece: [number, number];
  holdoutPercent: number | null;
  /** Share of mailed recipients who order at all. */
  responseRate: number;
  /** The same for holdout recipients: lower, which is the lift the experiment measures. */
  controlResponseRate: number;
  /** Share of responders for whom it is their first order ever (order_count 1). */
  newCustomerShare: number;
  averageOrderValue: number;
  subscriptionShare: number;
  discountShare: number;
}

const SEASONS = ['Winter', 'Winter', 'Spring', 'Spring', 'Spring', 'Summer', 'Summer', 'Summer', 'Fall', 'Fall', 'Fall', 'Winter'];
const month = (date: string) => Number(date.slice(5, 7));
const season = (date: string) => SEASONS[month(date) - 1];
const quarter = (date: string) => `Q${Math.ceil(month(date) / 3)}`;

/**
 * Ten campaigns over the last six months, the newest still dropping (so some of its recipients
 * are not mailed yet). Seasonal names follow the drop date, so they always fit the calendar.
 * The figures are those of a real house-file programme: 0.5–5 % of mailed recipients order,
 * at 0.5–8 times the mailing cost; the two experiments are one clear win and one too close to call.
 */
const CAMPAIGN_PLANS: CampaignPlan[] = [
  { key: 'seasonal-catalog', name: (d) => `${season(d)} Catalog`, dropDaysAgo: 172, dropWindowDays: 4, recipients: 15_000, costPerPiece: [0.95, 1.2], holdoutPercent: null, responseRate: 0.032, controlResponseRate: 0, newCustomerShare: 0.7, averageOrderValue: 118, subscriptionShare: 0.06, discountShare: 0.18 },
  // The high performer without a holdout: cheap pieces, a good answer, mostly new customers.
  { key: 'clearance-postcard', name: (d) => `Clearance Postcard ${quarter(d)}`, dropDaysAgo: 158, dropWindowDays: 2, recipients: 9_000, costPerPiece: [0.45, 0.58], holdoutPercent: null, responseRate: 0.042, controlResponseRate: 0, newCustomerShare: 0.8, averageOrderValue: 64, subscriptionShare: 0.03, discountShare: 0.35 },
  // The significant experiment (p far below 0.001 under either edition of the statistics).
  { key: 'new-mover-postcard', name: (d) => `New Mover Postcard ${quarter(d)}`, dropDaysAgo: 138, dropWindowDays: 3, recipients: 15_000, costPerPiece: [0.48, 0.62], holdoutPercent: 20, responseRate: 0.04, controlResponseRate: 0.016, newCustomerShare: 1, averageOrderValue: 80, subscriptionShare: 0.08, discountShare: 0.25 },
  { key: 'win-back-postcard', name: (d) => `Win-back Postcard ${quarter(d)}`, dropDaysAgo: 121, dropWindowDays: 3, recipients: 11_000, costPerPiece: [0.52, 0.66], holdoutPercent: null, responseRate: 0.035, controlResponseRate: 0, newCustomerShare: 0, averageOrderValue: 86, subscriptionShare: 0.05, discountShare: 0.3 },
  { key: 'trail-gear-guide', name: () => 'Trail & Camp Gear Guide', dropDaysAgo: 104, dropWindowDays: 5, recipients: 12_000, costPerPiece: [0.88, 1.1], holdoutPercent: null, responseRate: 0.03, controlResponseRate: 0, newCustomerShare: 0.6, averageOrderValue: 132, subscriptionShare: 0.04, discountShare: 0.12 },
  { key: 'footwear-mailer', name: (d) => `${season(d)} Footwear Mailer`, dropDaysAgo: 88, dropWindowDays: 3, recipients: 8_000, costPerPiece: [0.6, 0.78], holdoutPercent: null, responseRate: 0.022, controlResponseRate: 0, newCustomerShare: 0.8, averageOrderValue: 109, subscriptionShare: 0.02, discountShare: 0.2 },
  // The inconclusive experiment: the true lift is small and the holdout too small to see it.
  { key: 'best-sellers-catalog', name: (d) => `${season(d)} Best-Sellers Catalog`, dropDaysAgo: 70, dropWindowDays: 4, recipients: 15_000, costPerPiece: [0.92, 1.18], holdoutPercent: 10, responseRate: 0.028, controlResponseRate: 0.026, newCustomerShare: 0.7, averageOrderValue: 124, subscriptionShare: 0.1, discountShare: 0.15 },
  // The low performer: almost nobody answers, so every order costs well over 100.
  { key: 'lapsed-buyer', name: () => 'Lapsed Buyer Reactivation', dropDaysAgo: 52, dropWindowDays: 4, recipients: 7_000, costPerPiece: [0.78, 0.95], holdoutPercent: null, responseRate: 0.009, controlResponseRate: 0, newCustomerShare: 0, averageOrderValue: 91, subscriptionShare: 0.04, discountShare: 0.28 },
  { key: 'sale-postcard', name: (d) => `${season(d)} Sale Postcard`, dropDaysAgo: 30, dropWindowDays: 2, recipients: 10_000, costPerPiece: [0.45, 0.55], holdoutPercent: null, responseRate: 0.02, controlResponseRate: 0, newCustomerShare: 0.75, averageOrderValue: 69, subscriptionShare: 0.03, discountShare: 0.4 },
  { key: 'paddle-catalog', name: () => 'Paddle Sports Catalog', dropDaysAgo: 27, dropWindowDays: 30, recipients: 6_000, costPerPiece: [0.9, 1.15], holdoutPercent: null, responseRate: 0.03, controlResponseRate: 0, newCustomerShare: 0.75, averageOrderValue: 142, subscriptionShare: 0.05, discountShare: 0.1 },
];

/** Customer numbers come from one house file, so a customer can get several campaigns. */
const CUSTOMER_POOL = 100_003; // prime: every stride walks it without repeats
const REPEAT_ORDER_CHANCE = 0.15;
const FAST_RESPONDER_SHARE = 0.6;
const MAX_LAG_DAYS = 240;
const MAX_ORDER_COUNT = 6;
const WITHDRAWAL_CHANCE = 0.015;
const SUBSCRIPTION_PRICES = [24.99, 29.99, 39.99, 49.99];

/** A stable UUID (version-5 layout) per campaign key: ids must be known before holdout assignment. */
function demoCampaignId(key: string): string {
  const bytes = createHash('sha1').update(`paperrun-demo:campaign:${key}`).digest().subarray(0, 16);
  bytes[6] = (bytes[6] & 0x0f) | 0x50;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export function makeDemoCampaigns(calendar: DemoCalendar, seed: number): DemoCampaign[] {
  return CAMPAIGN_PLANS.map((plan, index) => makeCampaign(plan, index, calendar, makeRandom(deriveSeed(seed, index))));
}

function makeCampaign(plan: CampaignPlan, index: number, calendar: DemoCalendar, random: Random): DemoCampaign {
  const id = demoCampaignId(plan.key);
  const dropDay = -plan.dropDaysAgo;
  const dropDate = calendar.date(dropDay);
  const recipients: DemoRecipient[] = [];
  const attributions: DemoAttribution[] = [];
  const start = random.int(0, CUSTOMER_POOL - 1);
  const stride = random.int(1, CUSTOMER_POOL - 1);
  for (let i = 0; i < plan.recipients; i += 1) {
    const externalId = `CUST-${String(((start + i * stride) % CUSTOMER_POOL) + 1).padStart(6, '0')}`;
    const isHoldout = plan.holdoutPercent !== null && assignsToHoldout(id, externalId, plan.holdoutPercent);
    const sendDay = dropDay + random.int(0, plan.dropWindowDays - 1);
    // Pieces planned for a later day of a drop still under way are not mailed yet.
    const mailed = !isHoldout && sendDay <= 0;
    recipients.push({
      externalId,
      isHoldout,
      sendDate: mailed ? calendar.date(sendDay) : null,
      cost: isHoldout ? '0.0000' : random.between(plan.costPerPiece[0], plan.costPerPiece[1]).toFixed(4),
    });
    if (!isHoldout && !mailed) continue;
    // Holdout customers are compared from the drop date, mailed ones from the day their piece went out.
    const firstDay = (isHoldout ? dropDay : sendDay) + 1;
    for (const order of makeOrders(plan, isHoldout, firstDay, random)) {
      attributions.push({
        recipientExternalId: externalId,
        orderId: `ORD-${String(index + 1).padStart(2, '0')}${String(attributions.length + 1).padStart(6, '0')}`,
        orderedAt: calendar.timestamp(order.at),
        withdrawnAt: order.withdrawnAt && calendar.timestamp(order.withdrawnAt),
        revenue: order.revenue,
        orderCount: order.orderCount,
        isSubscription: order.isSubscription,
        discountMatched: order.discountMatched,
      });
    }
  }
  return {
    id,
    externalId: `${dropDate.slice(0, 7)}-${plan.key}`,
    name: plan.name(dropDate),
    holdoutEnabled: plan.holdoutPercent !== null,
    holdoutPercent: plan.holdoutPercent,
    createdAt: calendar.timestamp({ day: dropDay - 14, second: 10 * 3600 }),
    recipients,
    attributions,
  };
}

interface PlannedOrder {
  at: LocalMoment;
  withdrawnAt: LocalMoment | null;
  revenue: string;
  orderCount: number;
  isSubscription: boolean;
  discountMatched: boolean;
}

/** A responder's orders: a first one days after `firstDay`, sometimes repeats; nothing after yesterday. */
function makeOrders(plan: CampaignPlan, isHoldout: boolean, firstDay: number, random: Random): PlannedOrder[] {
  if (!random.chance(isHoldout ? plan.controlResponseRate : plan.responseRate)) return [];
  const orders: PlannedOrder[] = [];
  let orderCount = random.chance(plan.newCustomerShare) ? 1 : random.int(2, 4);
  // Response to mail decays over weeks, with a long tail (a catalog stays on the kitchen table):
  // most responders order after about ten days, the rest after about two and a half months.
  const meanLagDays = random.chance(FAST_RESPONDER_SHARE) ? 10 : 75;
  let day = firstDay + Math.min(MAX_LAG_DAYS, Math.floor(-Math.log(1 - random.next()) * meanLagDays));
  while (day <= -1 && orderCount <= MAX_ORDER_COUNT) {
    const at = randomMomentOn(day, random);
    const isSubscription = random.chance(plan.subscriptionShare);
    orders.push({
      at,
      withdrawnAt: day <= -3 && random.chance(WITHDRAWAL_CHANCE) ? withdrawalAfter(day, random) : null,
      revenue: isSubscription ? random.pick(SUBSCRIPTION_PRICES).toFixed(2) : orderValue(plan.averageOrderValue, random),
      orderCount,
      isSubscription,
      discountMatched: random.chance(plan.discountShare),
    });
    if (!random.chance(REPEAT_ORDER_CHANCE)) break;
    orderCount += 1;
    day += random.int(7, 45);
  }
  return orders;
}

/** Order values are right-skewed around the campaign's average, between 20 and 250. */
function orderValue(average: number, random: Random): string {
  const value = average * Math.exp(0.45 * random.gaussian() - 0.1);
  return Math.min(250, Math.max(20, value)).toFixed(2);
}

/** A return or cancellation one to ten days after an order of `day` (at most -3), never later than yesterday. */
function withdrawalAfter(day: number, random: Random): LocalMoment {
  return randomMomentOn(Math.min(-1, day + random.int(1, 10)), random);
}
