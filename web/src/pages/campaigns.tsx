import { useMemo, useState } from 'preact/hooks';
import { useQuery } from '../api/use-query';
import { ErrorNotice, Loading } from '../components/status';
import { Value } from '../components/value';
import { formatCount, formatMoney, formatRatio } from '../format';
import { CampaignTableDocument, type CampaignTableQuery } from '../generated/graphql';
import { hrefOf } from '../routes';
import { gradeLabel, GRADE_ORDER } from '../words';

type CampaignRow = CampaignTableQuery['campaigns'][number];

interface Column {
  key: string;
  label: string;
  value(row: CampaignRow): number | null;
  format: (value: number) => string;
  whyNull: string;
}

const gradeOf = (row: CampaignRow) => row.stats.computedMetrics.find((m) => m.concept === 'return_on_spend')?.grade ?? 'INSUFFICIENT_DATA';

const COLUMNS: Column[] = [
  { key: 'mailers', label: 'Mailers', value: (r) => r.stats.stats.mailersSent, format: formatCount, whyNull: '' },
  { key: 'cost', label: 'Cost', value: (r) => r.stats.stats.totalCost, format: formatMoney, whyNull: '' },
  { key: 'orders', label: 'Orders', value: (r) => r.stats.stats.campaignOrders, format: formatCount, whyNull: '' },
  { key: 'revenue', label: 'Revenue', value: (r) => r.stats.stats.campaignRevenue, format: formatMoney, whyNull: '' },
  { key: 'roas', label: 'ROAS', value: (r) => r.stats.stats.roas, format: formatRatio, whyNull: 'No cost yet' },
  { key: 'effectiveRoas', label: 'Effective ROAS', value: (r) => r.stats.effectiveRoas, format: formatRatio, whyNull: 'No cost yet' },
  { key: 'cpa', label: 'CPA', value: (r) => r.stats.stats.cpa, format: formatMoney, whyNull: 'No orders yet' },
  { key: 'effectiveCac', label: 'Effective CAC', value: (r) => r.stats.effectiveCac, format: formatMoney, whyNull: 'No (incremental) new customers, so no cost per customer' },
];

type SortKey = 'name' | 'grade' | (typeof COLUMNS)[number]['key'];
const PAGE_SIZE = 50;

/** Sorts by one column; rows without a value stay last whichever way, ties go by name. */
function compareRows(key: SortKey, descending: boolean, a: CampaignRow, b: CampaignRow): number {
  const sign = descending ? -1 : 1;
  if (key === 'name') return sign * a.name.localeCompare(b.name);
  if (key === 'grade') return sign * (GRADE_ORDER.indexOf(gradeOf(b)) - GRADE_ORDER.indexOf(gradeOf(a))) || a.name.localeCompare(b.name);
  const column = COLUMNS.find((c) => c.key === key)!;
  const [x, y] = [column.value(a), column.value(b)];
  if (x === null || y === null) return x === y ? a.name.localeCompare(b.name) : x === null ? 1 : -1;
  return sign * (x - y) || a.name.localeCompare(b.name);
}

/** Every campaign, sortable by every column, 50 to a page (fast at 1,000 campaigns). */
export function Campaigns() {
  const state = useQuery(CampaignTableDocument, {});
  const [sort, setSort] = useState<{ key: SortKey; descending: boolean }>({ key: 'revenue', descending: true });
  const [page, setPage] = useState(0);
  const rows = useMemo(() => {
    if (state.status !== 'done') return [];
    return [...state.data.campaigns].sort((a, b) => compareRows(sort.key, sort.descending, a, b));
  }, [state, sort]);
  const pages = Math.max(1, Math.ceil(rows.length / PAGE_SIZE));
  const shown = rows.slice(page * PAGE_SIZE, (page + 1) * PAGE_SIZE);
  const sortBy = (key: SortKey) => {
    setSort((current) => ({ key, descending: current.key === key ? !current.descending : key !== 'name' }));
    setPage(0);
  };
  const header = (key: SortKey, label: string, numeric: boolean) => (
    <th scope="col" class={numeric ? 'num' : undefined} aria-sort={sort.key === key ? (sort.descending ? 'descending' : 'ascending') : 'none'}>
      <button type="button" class="sort" data-sort={key} onClick={() => sortBy(key)}>
        {label}
        <span aria-hidden="true">{sort.key === key ? (sort.descending ? ' ▼' : ' ▲') : ''}</span>
      </button>
    </th>
  );
  return (
    <main>
      <header class="page-header">
        <h1>Campaigns</h1>
        <p class="muted">Whole campaigns. Effective ROAS and CAC are incremental for experiments and first-purchase otherwise.</p>
      </header>
      {state.status === 'loading' && <Loading what="campaigns" />}
      {state.status === 'error' && <ErrorNotice error={state.error} />}
      {state.status === 'done' && (
        <section class="card table-card">
          <table class="campaigns">
            <caption class="visually-hidden">Campaigns, sorted by {sort.key}</caption>
            <thead>
              <tr>
                {header('name', 'Campaign', false)}
                {COLUMNS.map((c) => header(c.key, c.label, true))}
                {header('grade', 'Grade', false)}
              </tr>
            </thead>
            <tbody>
              {shown.map((row) => (
                <tr key={row.id} data-campaign={row.id}>
                  <th scope="row">
                    <a href={hrefOf({ page: 'campaign', id: row.id })}>{row.name}</a>
                    {row.stats.isExperiment && <span class="badge experiment">Experiment</span>}
                    {row.stats.isHighPerforming && <span class="badge high">High performer</span>}
                    {row.stats.isLowPerforming && <span class="badge low">Low performer</span>}
                  </th>
                  {COLUMNS.map((c) => (
                    <td class="num" data-column={c.key} data-raw={String(c.value(row) ?? '')}>
                      <Value value={c.value(row)} format={c.format} whyNull={c.whyNull} />
                    </td>
                  ))}
                  <td data-column="grade">
                    <span class={`grade ${gradeOf(row).toLowerCase()}`}>{gradeLabel(gradeOf(row))}</span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {pages > 1 && (
            <nav class="pager" aria-label="Pages">
              <button type="button" disabled={page === 0} onClick={() => setPage(page - 1)}>
                Previous
              </button>
              <span>
                Page {page + 1} of {pages} ({formatCount(rows.length)} campaigns)
              </span>
              <button type="button" disabled={page + 1 >= pages} onClick={() => setPage(page + 1)}>
                Next
              </button>
            </nav>
          )}
        </section>
      )}
    </main>
  );
}
