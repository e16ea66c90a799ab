import assert from 'node:assert/strict';
import { ADMIN_KEY, expectData, expectError, useTestApp } from '../helpers/app';
import { makeOrganization, type TestOrganization } from '../helpers/factories';

const QUERY =
  'query ($recipients: Int!, $baselineConversionRate: Float!, $minimumDetectableUplift: Float!, $power: Float) { holdoutPlan(recipients: $recipients, baselineConversionRate: $baselineConversionRate, minimumDetectableUplift: $minimumDetectableUplift, power: $power) { feasible holdoutPercent holdoutRecipients minimumDetectableUpliftAtHalf } }';

interface Plan {
  feasible: boolean;
  holdoutPercent: number | null;
  holdoutRecipients: number | null;
  minimumDetectableUpliftAtHalf: number;
}

interface Args {
  recipients: number;
  baselineConversionRate: number;
  minimumDetectableUplift: number;
  power?: number | null;
}

describe('holdoutPlan (GraphQL and REST)', function () {
  this.timeout(60_000);
  const app = useTestApp();
  let org: TestOrganization;
  const plan = (args: Args, key: string | null = org.apiKey) => app().gql<{ holdoutPlan: Plan }, Args>(QUERY, args, key);
  const rest = (query: string, key: string | null = org.apiKey) =>
    fetch(`${app().url}/api/v1/reporting/holdout-plan?${query}`, { headers: key ? { authorization: `Bearer ${key}` } : {} });

  before(async () => {
    org = await makeOrganization(app());
  });

  it('plans the smallest holdout (reference values of test/reference/experiment_reference.py), power 0.8 by default', async () => {
    const feasible = expectData(await plan({ recipients: 10_000, baselineConversionRate: 0.02, minimumDetectableUplift: 0.5 })).holdoutPlan;
    assert.equal(feasible.feasible, true);
    assert.ok(Math.abs(feasible.holdoutPercent! - 18.99000851229432) < 1e-9 * 19);
    assert.equal(feasible.holdoutRecipients, 1900);
    assert.ok(Math.abs(feasible.minimumDetectableUpliftAtHalf - 0.39222193053581555) < 1e-12);
    const stronger = expectData(await plan({ recipients: 20_000, baselineConversionRate: 0.05, minimumDetectableUplift: 0.3, power: 0.95 })).holdoutPlan;
    assert.ok(Math.abs(stronger.holdoutPercent! - 16.409284535940753) < 1e-9 * 17);
    assert.equal(stronger.holdoutRecipients, 3282);
    assert.deepEqual(expectData(await plan({ recipients: 10_000, baselineConversionRate: 0.02, minimumDetectableUplift: 0.5, power: null })).holdoutPlan, feasible);
  });

  it('answers infeasible with the best any split can do', async () => {
    const infeasible = expectData(await plan({ recipients: 10_000, baselineConversionRate: 0.02, minimumDetectableUplift: 0.3 })).holdoutPlan;
    assert.deepEqual({ ...infeasible, minimumDetectableUpliftAtHalf: Math.round(infeasible.minimumDetectableUpliftAtHalf * 1e9) / 1e9 }, {
      feasible: false,
      holdoutPercent: null,
      holdoutRecipients: null,
      minimumDetectableUpliftAtHalf: 0.392221931,
    });
  });

  it('rejects each bad argument with BAD_USER_INPUT naming it', async () => {
    const good: Args = { recipients: 10_000, baselineConversionRate: 0.02, minimumDetectableUplift: 0.5, power: 0.8 };
    const cases: Array<[Partial<Args>, string]> = [
      [{ recipients: 1 }, 'recipients'],
      [{ recipients: -5 }, 'recipients'],
      [{ baselineConversionRate: 0 }, 'baselineConversionRate'],
      [{ baselineConversionRate: 1 }, 'baselineConversionRate'],
      [{ minimumDetectableUplift: 0 }, 'minimumDetectableUplift'],
      [{ power: 0.4 }, 'power'],
      [{ power: 1 }, 'power'],
    ];
    for (const [change, field] of cases) {
      const response = await plan({ ...good, ...change });
      const error = expectError(response);
      assert.equal(error.code, 'BAD_USER_INPUT', JSON.stringify(change));
      assert.equal(error.field, field);
      assert.match(error.message, new RegExp(`^${field}: `));
    }
  });

  it('is an organisation operation: no key UNAUTHENTICATED, the admin key FORBIDDEN', async () => {
    const args = { recipients: 10_000, baselineConversionRate: 0.02, minimumDetectableUplift: 0.5 };
    assert.equal(expectError(await plan(args, null)).code, 'UNAUTHENTICATED');
    assert.equal(expectError(await plan(args, ADMIN_KEY)).code, 'FORBIDDEN');
  });

  it('REST: the same plan in snake_case, 400 naming the parameter, 401 and 403', async () => {
    const graphql = expectData(await plan({ recipients: 10_000, baselineConversionRate: 0.02, minimumDetectableUplift: 0.5, power: 0.9 })).holdoutPlan;
    const response = await rest('recipients=10000&baseline_conversion_rate=0.02&minimum_detectable_uplift=0.5&power=0.9');
    assert.equal(response.status, 200);
    assert.deepEqual(await response.json(), {
      feasible: graphql.feasible,
      holdout_percent: graphql.holdoutPercent,
      holdout_recipients: graphql.holdoutRecipients,
      minimum_detectable_uplift_at_half: graphql.minimumDetectableUpliftAtHalf,
    });
    const byDefault = (await (await rest('recipients=10000&baseline_conversion_rate=0.02&minimum_detectable_uplift=0.3')).json()) as Record<string, unknown>;
    assert.deepEqual([byDefault.feasible, byDefault.holdout_percent, byDefault.holdout_recipients], [false, null, null]);
    const bad: Array<[string, string]> = [
      ['baseline_conversion_rate=0.02&minimum_detectable_uplift=0.5', 'recipients'],
      ['recipients=ten&baseline_conversion_rate=0.02&minimum_detectable_uplift=0.5', 'recipients'],
      ['recipients=100.5&baseline_conversion_rate=0.02&minimum_detectable_uplift=0.5', 'recipients'],
      ['recipients=10000&baseline_conversion_rate=2&minimum_detectable_uplift=0.5', 'baseline_conversion_rate'],
      ['recipients=10000&baseline_conversion_rate=Infinity&minimum_detectable_uplift=0.5', 'baseline_conversion_rate'],
      ['recipients=10000&baseline_conversion_rate=0.02', 'minimum_detectable_uplift'],
      ['recipients=10000&baseline_conversion_rate=0.02&minimum_detectable_uplift=1e999', 'minimum_detectable_uplift'],
      ['recipients=10000&baseline_conversion_rate=0.02&minimum_detectable_uplift=0.5&power=NaN', 'power'],
      ['recipients=10000&baseline_conversion_rate=0.02&minimum_detectable_uplift=0.5&power=1', 'power'],
      ['recipients=10000&baseline_conversion_rate=0.02&minimum_detectable_uplift=0.5&power=0.5&power=0.6', 'power'],
    ];
    for (const [query, parameter] of bad) {
      const rejected = await rest(query);
      assert.equal(rejected.status, 400, query);
      const body = (await rejected.json()) as { error: string; code: string };
      assert.equal(body.code, 'BAD_USER_INPUT');
      assert.match(body.error, new RegExp(`^${parameter}: `), query);
    }
    assert.equal((await rest('recipients=10000&baseline_conversion_rate=0.02&minimum_detectable_uplift=0.5', null)).status, 401);
    assert.equal((await rest('recipients=10000&baseline_conversion_rate=0.02&minimum_detectable_uplift=0.5', ADMIN_KEY)).status, 403);
  });
});
