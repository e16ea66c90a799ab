import assert from 'node:assert/strict';
import { RecordAttributionsDocument, ResetReportingCacheDocument, RunJobDocument, WithdrawAttributionsDocument } from '../generated/graphql';
import { ADMIN_KEY, expectData, useTestApp } from '../helpers/app';
import { importRecipients, makeCampaign, makeOrganization, type TestOrganization } from '../helpers/factories';

/**
 * A StatsResponse is computed in parts, each only when the query selects it (the stats block
 * from per-campaign totals, today's rows from the last 30 days' buckets and a carry, the rolling
 * series from every day): each part alone must give the numbers of the whole response.
 */
const ROW = `date windowDays mailersSent orders revenue cost profit roas cpa conversionRate aov firstPurchaseOrders firstPurchaseRevenue firstPurchaseRoas ltv
  cumulativeOrders cumulativeRevenue cumulativeCost cumulativeProfit cumulativeRoas`;
const STATS = `stats { mailersSent campaignOrders campaignRevenue totalCost roas conversionRate cpa aov firstPurchaseOrders firstPurchaseRevenue firstPurchaseRoas
  repeatOrders repeatRevenue repeatRate subscriptionOrders subscriptionRevenue subscribers discountMatchedOrders customerConversionRate }`;
const SUMMARY = `${STATS} statsText experimentResults { metric stat group value } conversionRateIntervals { metric group recipients converters conversionRate low high } isExperiment effectiveRoas effectiveCac isLowPerforming isHighPerforming
  computedMetrics { concept value basis grade } firstOrderRoas: experimentResult(metric: FIRST_ORDER, stat: INCREMENTAL_ROAS)`;
const LATEST = `lastRollingMonthStats { ${ROW} } lastDelta7Stats { ${ROW} } firstSendDate`;
const ROLLING = `rollingMonthlyStats { ${ROW} }`;
const WHOLE = `${SUMMARY} ${LATEST} ${ROLLING} lastRefreshed`;

type Response = Record<string, unknown>;
const pick = (response: Response, fields: string[]) => Object.fromEntries(fields.map((f) => [f, response[f]]));
const SUMMARY_FIELDS = ['stats', 'statsText', 'experimentResults', 'conversionRateIntervals', 'isExperiment', 'effectiveRoas', 'effectiveCac', 'isLowPerforming', 'isHighPerforming', 'computedMetrics', 'firstOrderRoas'];
const LATEST_FIELDS = ['lastRollingMonthStats', 'lastDelta7Stats', 'firstSendDate'];

const daysAgo = (days: number, hour = 12) => new Date(Date.now() - days * 86_400_000 + (hour - 12) * 3_600_000).toISOString();
const localDay = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10);

describe('stats in parts', function () {
  this.timeout(120_000);
  const app = useTestApp();
  let org: TestOrganization;
  const campaigns: string[] = [];
  // A range ending inside the 30-day window, so in-range and whole totals differ.
  const range = { fromDate: localDay(120), toDate: localDay(10) };

  const gql = async (query: string, variables: Record<string, unknown> = {}) => expectData(await app().gql<Record<string, unknown>, Record<string, unknown>>(query, variables, org.apiKey));
  /** `campaigns { id stats { selection } }`, within the range when `ranged`. */
  const campaignList = async (selection: string, ranged = false) => {
    const query = ranged
      ? `query ($fromDate: Date, $toDate: Date) { campaigns { id stats(fromDate: $fromDate, toDate: $toDate) { ${selection} } } }`
      : `{ campaigns { id stats { ${selection} } } }`;
    const data = await gql(query, ranged ? range : {});
    return new Map((data.campaigns as { id: string; stats: Response }[]).map((c) => [c.id, c.stats]));
  };
  const statements = async () => Number(/^paperrun_db_queries_total (\d+)/m.exec(await (await fetch(`${app().url}/metrics`)).text())?.[1]);
  const reset = async () => expectData(await app().gql(ResetReportingCacheDocument, {}, org.apiKey));

  before(async () => {
    org = await makeOrganization(app(), { timezone: 'Pacific/Auckland' });
    for (const holdoutEnabled of [true, false, false]) campaigns.push(await makeCampaign(app(), org, { holdoutEnabled, holdoutPercent: holdoutEnabled ? 20 : null }));
    const [experiment, plain, unsent] = campaigns;
    const recipients = Array.from({ length: 12 }, (_, i) => ({ externalId: `r${i}`, isHoldout: i % 4 === 0, sendDate: i % 4 === 0 ? null : localDay(i < 6 ? 400 : 20), cost: 0.3 + i / 1000 }));
    await importRecipients(app(), org, experiment, recipients);
    await importRecipients(app(), org, plain, recipients.map((r) => ({ ...r, isHoldout: false, sendDate: localDay(r.externalId === 'r1' ? 3 : 200) })));
    await importRecipients(app(), org, unsent, [{ externalId: 'r0', isHoldout: false, sendDate: null, cost: 1 }]);
    // Orders on either side of each window's edge (7 and 30 days), and of the range's.
    const ages = [0, 1, 6, 7, 8, 9, 10, 11, 29, 30, 31, 45, 119, 120, 121, 300, 399];
    const attributions = [experiment, plain].flatMap((campaignId, c) =>
      ages.map((age, i) => ({
        campaignId,
        recipientExternalId: `r${(i + c) % 12}`,
        orderId: `o${c}-${i}`,
        orderDate: daysAgo(age, (i * 7) % 24),
        revenue: (1234 + i * 377) / 100,
        orderCount: i % 3 === 0 ? 1 : 2 + (i % 2),
        isSubscription: i % 4 === 1,
        discountMatched: i % 5 === 2,
      })),
    );
    expectData(await app().gql(RecordAttributionsDocument, { attributions }, org.apiKey));
    expectData(await app().gql(WithdrawAttributionsDocument, { campaignId: plain, orderIds: ['o1-3'] }, org.apiKey));
    expectData(await app().gql(RunJobDocument, { name: 'process-order-aggregations' }, ADMIN_KEY));
  });

  it('gives each part alone the numbers of the whole response (campaigns, ranged, organisation)', async () => {
    await reset();
    const summaries = await campaignList(SUMMARY);
    const latest = await campaignList(LATEST);
    const rolling = await campaignList(ROLLING);
    // The text is a part of its own (a campaign table selects none).
    const texts = await campaignList('statsText');
    const rangedTexts = await campaignList('statsText', true);
    const rangedSummaries = await campaignList(SUMMARY, true);
    const rangedLatest = await campaignList(LATEST, true);
    const organization = (await gql(`query ($fromDate: Date, $toDate: Date) { orgStats(fromDate: $fromDate, toDate: $toDate) { ${SUMMARY} ${LATEST} } }`, range)).orgStats as Response;
    const organizationSummary = (await gql(`query ($fromDate: Date, $toDate: Date) { orgStats(fromDate: $fromDate, toDate: $toDate) { ${STATS} } }`, range)).orgStats as Response;

    for (const campaignId of campaigns) {
      const whole = (await gql(`query ($id: ID!) { campaignStats(campaignId: $id) { ${WHOLE} } }`, { id: campaignId })).campaignStats as Response;
      const ranged = (await gql(`query ($id: ID!, $fromDate: Date, $toDate: Date) { campaignStats(campaignId: $id, fromDate: $fromDate, toDate: $toDate) { ${WHOLE} } }`, { id: campaignId, ...range }))
        .campaignStats as Response;
      assert.deepEqual(pick(summaries.get(campaignId)!, SUMMARY_FIELDS), pick(whole, SUMMARY_FIELDS));
      assert.deepEqual(pick(latest.get(campaignId)!, LATEST_FIELDS), pick(whole, LATEST_FIELDS));
      assert.deepEqual(rolling.get(campaignId)!.rollingMonthlyStats, whole.rollingMonthlyStats);
      assert.equal(texts.get(campaignId)!.statsText, whole.statsText);
      assert.equal(rangedTexts.get(campaignId)!.statsText, ranged.statsText);
      assert.deepEqual(pick(rangedSummaries.get(campaignId)!, SUMMARY_FIELDS), pick(ranged, SUMMARY_FIELDS));
      assert.deepEqual(pick(rangedLatest.get(campaignId)!, LATEST_FIELDS), pick(whole, LATEST_FIELDS));
    }
    const [experiment, , unsent] = campaigns;
    const wholeExperiment = (await gql(`query ($id: ID!) { campaignStats(campaignId: $id) { ${WHOLE} } }`, { id: experiment })).campaignStats as Response;
    assert.equal(wholeExperiment.isExperiment, true);
    assert.ok((wholeExperiment.lastRollingMonthStats as { orders: number }).orders > 0, 'the window has orders');
    assert.equal(latest.get(unsent)!.lastRollingMonthStats, null, 'nothing mailed yet: no row');

    const wholeOrganization = (await gql(`query ($fromDate: Date, $toDate: Date) { orgStats(fromDate: $fromDate, toDate: $toDate) { ${WHOLE} } }`, range)).orgStats as Response;
    assert.deepEqual(pick(organization, [...SUMMARY_FIELDS, ...LATEST_FIELDS]), pick(wholeOrganization, [...SUMMARY_FIELDS, ...LATEST_FIELDS]));
    assert.deepEqual(organizationSummary.stats, wholeOrganization.stats);
    const organizationText = (await gql(`query ($fromDate: Date, $toDate: Date) { orgStats(fromDate: $fromDate, toDate: $toDate) { statsText } }`, range)).orgStats as Response;
    assert.equal(organizationText.statsText, wholeOrganization.statsText);
    assert.notEqual(rangedTexts.get(experiment)!.statsText, texts.get(experiment)!.statsText, 'the text follows the range');
    assert.notDeepEqual((rangedSummaries.get(experiment)!.stats as Response).campaignOrders, (summaries.get(experiment)!.stats as Response).campaignOrders, 'the range filters');
  });

  it('reads no daily series for the stats block, writes no partial response to the cache, and serves a cached whole response to a part', async () => {
    await reset();
    const cost = async (selection: string) => {
      const before = await statements();
      await campaignList(selection);
      return (await statements()) - before;
    };
    const statsBlock = await cost(STATS);
    assert.equal(await cost(STATS), statsBlock, 'a partial miss is computed again: nothing was cached');
    const withSeries = await cost(`${STATS} ${ROLLING}`);
    assert.ok(statsBlock < withSeries, `stats block ${statsBlock} statements, with the rolling series ${withSeries}`);
    // Every part selected: the whole responses are computed and cached (20 minutes), then any part is a hit.
    await cost(WHOLE);
    const hit = await cost(STATS);
    assert.ok(hit < statsBlock, `served from the cache: ${hit} statements vs ${statsBlock}`);
  });
});
