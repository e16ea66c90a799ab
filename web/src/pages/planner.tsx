import { useState } from 'preact/hooks';
import { ApiError, requestGraphQL } from '../api/graphql-client';
import { ErrorNotice } from '../components/status';
import { formatCount, formatPercent } from '../format';
import { HoldoutPlanDocument, type HoldoutPlanQuery, type HoldoutPlanQueryVariables } from '../generated/graphql';
import { useSession } from '../session';

interface PlannerForm {
  recipients: string;
  baselinePercent: string;
  upliftPercent: string;
  powerPercent: string;
}

/** The form speaks percentages, the API fractions: the only arithmetic here is that unit change. */
function variablesOf(form: PlannerForm): HoldoutPlanQueryVariables | string {
  const recipients = Number(form.recipients.replace(/[,\s]/g, ''));
  const baseline = Number(form.baselinePercent);
  const uplift = Number(form.upliftPercent);
  const power = Number(form.powerPercent);
  if (!form.recipients.trim() || !Number.isInteger(recipients)) return 'Recipients must be a whole number.';
  if (!form.baselinePercent.trim() || !Number.isFinite(baseline)) return 'The baseline conversion must be a number (in %).';
  if (!form.upliftPercent.trim() || !Number.isFinite(uplift)) return 'The uplift to detect must be a number (in %).';
  if (!form.powerPercent.trim() || !Number.isFinite(power)) return 'The power must be a number (in %).';
  return { recipients, baselineConversionRate: baseline / 100, minimumDetectableUplift: uplift / 100, power: power / 100 };
}

function Answer({ plan, asked }: { plan: HoldoutPlanQuery['holdoutPlan']; asked: HoldoutPlanQueryVariables }) {
  const best = `With ${formatCount(asked.recipients)} recipients the best any split can detect (half held out) is an uplift of ${formatPercent(plan.minimumDetectableUpliftAtHalf)}.`;
  if (!plan.feasible || plan.holdoutPercent === null || plan.holdoutRecipients === null) {
    return (
      <section class="card answer" data-feasible="false" aria-live="polite">
        <p class="answer-line">
          No split can work: {formatCount(asked.recipients)} recipients cannot detect a {formatPercent(asked.minimumDetectableUplift)} uplift.
        </p>
        <p>{best} Mail more recipients or aim for a larger uplift.</p>
      </section>
    );
  }
  return (
    <section class="card answer" data-feasible="true" aria-live="polite">
      <p class="answer-line">
        Hold out {formatPercent(plan.holdoutPercent / 100)} — {formatCount(plan.holdoutRecipients)} recipients.
      </p>
      <p>
        That is the smallest holdout that detects a {formatPercent(asked.minimumDetectableUplift)} uplift on a {formatPercent(asked.baselineConversionRate)} baseline with {formatPercent(asked.power ?? 0.8)}{' '}
        power at the 5 % level. Set the campaign's holdoutPercent to {plan.holdoutPercent.toLocaleString('en-US', { maximumFractionDigits: 4 })}. {best}
      </p>
    </section>
  );
}

/** The holdoutPlan query as a form: how many recipients to hold out before a mailing. */
export function Planner() {
  const { apiKey } = useSession();
  const [form, setForm] = useState<PlannerForm>({ recipients: '100000', baselinePercent: '2', upliftPercent: '20', powerPercent: '80' });
  const [result, setResult] = useState<{ plan: HoldoutPlanQuery['holdoutPlan']; asked: HoldoutPlanQueryVariables } | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const submit = async (event: Event) => {
    event.preventDefault();
    setError(null);
    setResult(null);
    const variables = variablesOf(form);
    if (typeof variables === 'string') {
      setProblem(variables);
      return;
    }
    setProblem(null);
    try {
      const { holdoutPlan } = await requestGraphQL(HoldoutPlanDocument, variables, apiKey);
      setResult({ plan: holdoutPlan, asked: variables });
    } catch (caught) {
      setError(caught instanceof ApiError ? caught : new ApiError(String(caught), null));
    }
  };
  const field = (name: keyof PlannerForm, label: string, hint: string) => (
    <label>
      {label} <span class="muted">{hint}</span>
      <input name={name} inputMode="decimal" value={form[name]} onInput={(e) => setForm({ ...form, [name]: e.currentTarget.value })} />
    </label>
  );
  return (
    <main>
      <header class="page-header">
        <h1>Holdout planner</h1>
        <p class="muted">Before a mailing: how many recipients to hold out so the experiment can tell the uplift you hope for from chance.</p>
      </header>
      <form class="card planner" onSubmit={submit}>
        {field('recipients', 'Recipients', '(mailed and held out together)')}
        {field('baselinePercent', 'Baseline conversion', '(% who buy without the mailing)')}
        {field('upliftPercent', 'Uplift to detect', '(% relative, 20 = a fifth more)')}
        {field('powerPercent', 'Power', '(% chance to detect it, 50–99)')}
        <button type="submit">Plan the holdout</button>
        {problem && (
          <p class="error" role="alert">
            {problem}
          </p>
        )}
      </form>
      {error && <ErrorNotice error={error} />}
      {result && <Answer plan={result.plan} asked={result.asked} />}
    </main>
  );
}
