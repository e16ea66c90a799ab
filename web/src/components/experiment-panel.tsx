import { formatCount, formatMoney, formatPercent, formatPValue, formatRatio, formatSignedPercent } from '../format';
import type { ExperimentGroup, ExperimentMetric, ExperimentStat } from '../generated/graphql';
import { UpliftBar } from './uplift-bar';
import { Value } from './value';

interface ResultRow {
  metric: ExperimentMetric;
  stat: ExperimentStat;
  group: ExperimentGroup | null;
  value: number | null;
}

interface GroupInterval {
  metric: ExperimentMetric;
  group: ExperimentGroup;
  low: number | null;
  high: number | null;
}

interface ExperimentPanelProps {
  metric: ExperimentMetric;
  rows: ResultRow[];
  /** Each group's conversion-rate interval, as the API computes it (conversionRateIntervals). */
  intervals: GroupInterval[];
  holdoutPercent: number | null;
}

const METRIC_LABEL: Record<ExperimentMetric, string> = { FIRST_ORDER: 'First orders (new customers)', ALL_ORDERS: 'All orders' };

/** TEST (mailed) against CONTROL (holdout) for one metric, exactly as the API's result rows say. */
export function ExperimentPanel({ metric, rows, intervals, holdoutPercent }: ExperimentPanelProps) {
  const look = (stat: ExperimentStat, group: ExperimentGroup | null = null) => rows.find((r) => r.metric === metric && r.stat === stat && r.group === group)?.value ?? null;
  const significant = look('SIGNIFICANT');
  const uplift = look('METRIC_UPLIFT');
  const low = look('UPLIFT_CI_LOW');
  const high = look('UPLIFT_CI_HIGH');
  const verdict =
    significant === null
      ? 'No verdict: a group has no recipients.'
      : significant === 1
        ? uplift !== null && uplift < 0
          ? 'Significant at the 5 % level: the mailed group converted less than the holdout.'
          : 'Significant at the 5 % level: the mailing lifted conversion beyond chance.'
        : 'Not significant: the difference cannot be told apart from chance at the 5 % level.';
  const id = metric.toLowerCase();
  return (
    <section class="card experiment" data-metric={metric} aria-labelledby={`experiment-${id}`}>
      <h3 id={`experiment-${id}`}>{METRIC_LABEL[metric]}</h3>
      <p class={significant === 1 ? 'verdict significant' : 'verdict'} data-significant={String(significant ?? '')}>
        {verdict}
      </p>
      {look('SAMPLE_RATIO_MISMATCH', null) === 1 && (
        <p class="warning" role="alert">
          Sample ratio mismatch: the holdout is not the planned {holdoutPercent} % of recipients (p = <Value value={look('SRM_P_VALUE')} format={formatPValue} whyNull="no planned share" />). Check how recipients were
          split before trusting these numbers.
        </p>
      )}
      <table class="groups">
        <thead>
          <tr>
            <th scope="col">Group</th>
            <th scope="col" class="num">Recipients</th>
            <th scope="col" class="num">Converters</th>
            <th scope="col" class="num">Conversion</th>
            <th scope="col" class="num">
              95 % interval
            </th>
            <th scope="col" class="num">Revenue per recipient</th>
          </tr>
        </thead>
        <tbody>
          {(['TEST', 'CONTROL'] as const).map((group) => (
            <tr key={group} data-group={group}>
              <th scope="row">{group === 'TEST' ? 'Test (mailed)' : 'Control (holdout)'}</th>
              <td class="num">
                <Value value={look('RECIPIENTS', group)} format={formatCount} whyNull="" />
              </td>
              <td class="num">
                <Value value={look('CONVERTERS', group)} format={formatCount} whyNull="" />
              </td>
              <td class="num" data-stat="CONVERSION_RATE">
                <Value value={look('CONVERSION_RATE', group)} format={formatPercent} whyNull="No recipients in this group" />
              </td>
              <GroupIntervalCell interval={intervals.find((i) => i.metric === metric && i.group === group)} />
              <td class="num">
                <Value value={look('REVENUE_PER_RECIPIENT', group)} format={formatMoney} whyNull="No recipients in this group" />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <h4>Uplift with its 95 % interval</h4>
      <p class="uplift" data-low={String(low ?? '')} data-high={String(high ?? '')} data-uplift={String(uplift ?? '')}>
        <Value value={uplift} format={formatSignedPercent} whyNull="The holdout has no converters, so there is no ratio" /> (95 % interval{' '}
        <Value value={low} format={formatSignedPercent} whyNull="A group has no recipients" /> to <Value value={high} format={formatSignedPercent} whyNull="The holdout has no converters: no upper bound" />)
      </p>
      <UpliftBar uplift={uplift} low={low} high={high} />
      <dl class="facts">
        <div>
          <dt>Win probability</dt>
          <dd data-stat="WIN_PROBABILITY">
            <Value value={look('WIN_PROBABILITY')} format={formatPercent} whyNull="A group has no recipients" />
          </dd>
        </div>
        <div>
          <dt>p-value</dt>
          <dd data-stat="P_VALUE">
            <Value value={look('P_VALUE')} format={formatPValue} whyNull="A group has no recipients" />
          </dd>
        </div>
        <div>
          <dt>Minimum detectable uplift</dt>
          <dd data-stat="MINIMUM_DETECTABLE_UPLIFT" title="The smallest relative uplift these group sizes detect with 80 % power at the 5 % level">
            <Value value={look('MINIMUM_DETECTABLE_UPLIFT')} format={formatPercent} whyNull="The holdout converts at 0 % or 100 %, so no uplift is detectable" />
          </dd>
        </div>
        <div>
          <dt>Incremental revenue</dt>
          <dd>
            <Value value={look('INCREMENTAL_REVENUE')} format={formatMoney} whyNull="A group has no recipients" />
          </dd>
        </div>
        <div>
          <dt>Incremental ROAS</dt>
          <dd>
            <Value value={look('INCREMENTAL_ROAS')} format={formatRatio} whyNull="No cost" />
          </dd>
        </div>
        {metric === 'FIRST_ORDER' && (
          <div>
            <dt>Incremental CAC</dt>
            <dd>
              <Value value={look('INCREMENTAL_CUSTOMER_ACQUISITION_COST')} format={formatMoney} whyNull="No incremental new customers: the mailing did not add any over the holdout" />
            </dd>
          </div>
        )}
      </dl>
    </section>
  );
}

/** A group's conversion rate interval, "1.82 % – 2.41 %", with the bounds as data attributes for tests. */
function GroupIntervalCell({ interval }: { interval: GroupInterval | undefined }) {
  const low = interval?.low ?? null;
  const high = interval?.high ?? null;
  return (
    <td class="num interval" data-stat="CONVERSION_RATE_INTERVAL" data-low={String(low ?? '')} data-high={String(high ?? '')} title="95 % Wilson score interval of this group's conversion rate">
      {low === null || high === null ? (
        <Value value={null} format={formatPercent} whyNull="No recipients in this group" />
      ) : (
        `${formatPercent(low)} – ${formatPercent(high)}`
      )}
    </td>
  );
}
