import { useState } from 'preact/hooks';
import { downloadLink, requestGraphQL } from '../api/graphql-client';
import { useQuery } from '../api/use-query';
import { ExperimentPanel } from '../components/experiment-panel';
import { RollingChart } from '../components/rolling-chart';
import { ErrorNotice, Loading } from '../components/status';
import { Value } from '../components/value';
import { formatCount, formatDate, formatDateTime, formatMoney, formatPercent, formatRatio, formatSignedPercent } from '../format';
import { CampaignDetailDocument, ExportLinkDocument } from '../generated/graphql';
import { hrefOf } from '../routes';
import { useSession } from '../session';
import { basisLabel, conceptLabel, gradeLabel } from '../words';

/** How a computed metric's number reads, by its concept and basis. */
function formatConceptValue(concept: string, basis: string): (value: number) => string {
  if (concept === 'return_on_spend') return formatRatio;
  if (concept === 'conversion_rate') return basis === 'INCREMENTAL' ? formatSignedPercent : formatPercent;
  return formatMoney;
}

function Downloads({ campaignId }: { campaignId: string }) {
  const { apiKey } = useSession();
  const [problem, setProblem] = useState<string | null>(null);
  // A signed link (createExportLink): the server streams the file, and the key never enters a URL.
  const download = (kind: 'orders' | 'recipients') => {
    setProblem(null);
    requestGraphQL(ExportLinkDocument, { campaignId, kind: kind === 'orders' ? 'ORDERS' : 'RECIPIENTS' }, apiKey).then(
      ({ createExportLink }) => downloadLink(createExportLink.url),
      (error: unknown) => setProblem(error instanceof Error ? error.message : String(error)),
    );
  };
  return (
    <div class="downloads">
      <button type="button" data-download="orders" onClick={() => download('orders')}>
        Download orders (CSV)
      </button>
      <button type="button" data-download="recipients" onClick={() => download('recipients')}>
        Download mailing list (CSV)
      </button>
      {problem && (
        <span class="error" role="alert">
          {problem}
        </span>
      )}
    </div>
  );
}

/** One campaign: its numbers, trend, graded metrics and, for an experiment, the holdout comparison. */
export function CampaignPage({ id }: { id: string }) {
  const state = useQuery(CampaignDetailDocument, { id });
  if (state.status === 'loading') return <Loading what="the campaign" />;
  if (state.status === 'error') return <ErrorNotice error={state.error} />;
  const campaign = state.data.campaign;
  if (!campaign) {
    return (
      <main>
        <h1>Campaign not found</h1>
        <p>
          No campaign of this organisation has that id. <a href={hrefOf({ page: 'campaigns' })}>All campaigns</a>
        </p>
      </main>
    );
  }
  const { stats } = campaign;
  const s = stats.stats;
  return (
    <main>
      <header class="page-header">
        <p>
          <a href={hrefOf({ page: 'campaigns' })}>← Campaigns</a>
        </p>
        <h1>
          {campaign.name}
          {stats.isExperiment && <span class="badge experiment">Experiment</span>}
          {stats.isHighPerforming && <span class="badge high">High performer</span>}
          {stats.isLowPerforming && <span class="badge low">Low performer</span>}
        </h1>
        <p class="muted">
          {campaign.externalId}
          {stats.firstSendDate && ` · first mailed ${formatDate(stats.firstSendDate)}`}
          {campaign.holdoutPercent !== null && ` · ${campaign.holdoutPercent} % planned holdout`}
        </p>
        <Downloads campaignId={campaign.id} />
      </header>
      {stats.statsText && <p class="summary">{stats.statsText}</p>}
      <div class="kpis">
        {[
          ['Mailers', <Value value={s.mailersSent} format={formatCount} whyNull="" />],
          ['Cost', <Value value={s.totalCost} format={formatMoney} whyNull="" />],
          ['Orders', <Value value={s.campaignOrders} format={formatCount} whyNull="" />],
          ['Revenue', <Value value={s.campaignRevenue} format={formatMoney} whyNull="" />],
          ['ROAS', <Value value={s.roas} format={formatRatio} whyNull="No cost yet" />],
          ['Conversion', <Value value={s.conversionRate} format={formatPercent} whyNull="Nothing mailed yet" />],
          ['CPA', <Value value={s.cpa} format={formatMoney} whyNull="No orders yet" />],
        ].map(([label, value]) => (
          <section class="kpi" key={String(label)}>
            <h3>{label}</h3>
            <p class="kpi-value">{value}</p>
          </section>
        ))}
      </div>
      <section class="card">
        <h2>Rolling 30 days</h2>
        <RollingChart rows={stats.rollingMonthlyStats} title={`${campaign.name}: revenue and ROAS over the trailing 30 days, with cumulative ROAS`} />
      </section>
      <div class="columns">
        <section class="card">
          <h2>First vs repeat purchases</h2>
          <table class="compact">
            <thead>
              <tr>
                <th scope="col" />
                <th scope="col" class="num">Orders</th>
                <th scope="col" class="num">Revenue</th>
              </tr>
            </thead>
            <tbody>
              <tr>
                <th scope="row">First purchase</th>
                <td class="num">{formatCount(s.firstPurchaseOrders)}</td>
                <td class="num">{formatMoney(s.firstPurchaseRevenue)}</td>
              </tr>
              <tr>
                <th scope="row">Repeat</th>
                <td class="num">{formatCount(s.repeatOrders)}</td>
                <td class="num">{formatMoney(s.repeatRevenue)}</td>
              </tr>
            </tbody>
          </table>
          <p>
            First-purchase ROAS <Value value={s.firstPurchaseRoas} format={formatRatio} whyNull="No cost yet" /> · repeat rate{' '}
            <Value value={s.repeatRate} format={formatPercent} whyNull="No first purchases yet" />
          </p>
        </section>
        <section class="card">
          <h2>Subscriptions</h2>
          <dl class="facts">
            <div>
              <dt>Subscription orders</dt>
              <dd>{formatCount(s.subscriptionOrders)}</dd>
            </div>
            <div>
              <dt>Subscription revenue</dt>
              <dd>{formatMoney(s.subscriptionRevenue)}</dd>
            </div>
            <div>
              <dt>New subscribers</dt>
              <dd>{formatCount(s.subscribers)}</dd>
            </div>
          </dl>
        </section>
      </div>
      <section class="card">
        <h2>Graded metrics</h2>
        <table class="computed-metrics">
          <thead>
            <tr>
              <th scope="col">Concept</th>
              <th scope="col" class="num">Value</th>
              <th scope="col">Basis</th>
              <th scope="col">Grade</th>
            </tr>
          </thead>
          <tbody>
            {stats.computedMetrics.map((m) => (
              <tr key={m.concept}>
                <th scope="row">{conceptLabel(m.concept)}</th>
                <td class="num">
                  <Value value={m.value} format={formatConceptValue(m.concept, m.basis)} whyNull="The API has no number for this yet (a zero denominator)" />
                </td>
                <td>{basisLabel(m.basis)}</td>
                <td>
                  <span class={`grade ${m.grade.toLowerCase()}`}>{gradeLabel(m.grade)}</span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      {stats.isExperiment && (
        <section class="experiments" aria-labelledby="experiment-heading">
          <h2 id="experiment-heading">Experiment: mailed against the holdout</h2>
          <div class="columns">
            <ExperimentPanel metric="FIRST_ORDER" rows={stats.experimentResults} intervals={stats.conversionRateIntervals} holdoutPercent={campaign.holdoutPercent} />
            <ExperimentPanel metric="ALL_ORDERS" rows={stats.experimentResults} intervals={stats.conversionRateIntervals} holdoutPercent={campaign.holdoutPercent} />
          </div>
        </section>
      )}
      <p class="muted refreshed">Last refreshed {formatDateTime(stats.lastRefreshed)}</p>
    </main>
  );
}
