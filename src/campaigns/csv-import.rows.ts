import { copyTextLine } from '../db/copy-text';
import { isUuid } from '../organizations/organization.service';
import { parseBooleanCell, parseMoneyCell, parseOrderCountCell, parseOrderDateCell, parseSendDateCell, type Cell } from './csv-import.cells';
import type { CsvLayout, CsvRecord } from './csv-import.reader';
import type { LineProblems } from './csv-import.report';
import { assignsToHoldout, identifierProblem } from './ingestion.rules';

/**
 * The two file kinds: their columns, and how one line is checked cell by cell (the rules that
 * need no other line) and turned into its staging row. A cell that fails is staged as null;
 * the file is rejected then anyway, and the SQL checks still see the rest of the line.
 */

export type RecipientColumn = 'external_id' | 'is_holdout' | 'send_date' | 'cost';
export type AttributionColumn =
  | 'campaign_id'
  | 'recipient_external_id'
  | 'order_id'
  | 'order_date'
  | 'revenue'
  | 'order_count'
  | 'is_subscription'
  | 'discount_matched';

export const RECIPIENT_LAYOUT: CsvLayout<RecipientColumn> = {
  columns: ['external_id', 'is_holdout', 'send_date', 'cost'],
  optional: [],
};

/** campaign_id may be left out when the import names the campaign (`--campaign`). */
export function attributionLayout(campaignGiven: boolean): CsvLayout<AttributionColumn> {
  return {
    columns: ['campaign_id', 'recipient_external_id', 'order_id', 'order_date', 'revenue', 'order_count', 'is_subscription', 'discount_matched'],
    optional: campaignGiven ? ['campaign_id'] : [],
  };
}

/** The cell's value, or null after recording its problem under the column's name. */
function valueOrProblem<T>(cell: Cell<T>, line: number, column: string, problems: LineProblems): T | null {
  if (cell.ok) return cell.value;
  problems.add(line, column, cell.problem);
  return null;
}

export interface RecipientLineRules {
  campaignId: string;
  /** Null when the campaign assigns no holdouts (holdout disabled or no percentage). */
  holdoutPercent: number | null;
  /** The organisation's local today, YYYY-MM-DD. */
  today: string;
}

/** A recipient line as a row of RECIPIENT_STAGING_COLUMNS (COPY text). */
export function stagedRecipientLine(record: CsvRecord<RecipientColumn>, rules: RecipientLineRules, problems: LineProblems): string {
  const { line } = record;
  const externalId = record.cell('external_id');
  problems.check(line, 'external_id', identifierProblem(externalId));
  const isHoldout = valueOrProblem(parseBooleanCell(record.cell('is_holdout'), null, 'empty keeps the stored group or lets the server assign one'), line, 'is_holdout', problems);
  const sendDateText = record.cell('send_date');
  const sendDate = valueOrProblem(parseSendDateCell(sendDateText, rules.today), line, 'send_date', problems);
  const cost = valueOrProblem(parseMoneyCell(record.cell('cost'), 4), line, 'cost', problems);
  // Worked out here because the rule is a JS hash; SQL uses it only if the recipient is new.
  const assignedHoldout = isHoldout === null && rules.holdoutPercent !== null && assignsToHoldout(rules.campaignId, externalId, rules.holdoutPercent);
  return copyTextLine([line, externalId, isHoldout, assignedHoldout, sendDate, sendDateText.trim() === '', cost]);
}

export interface AttributionLineRules {
  /** The import's campaign (`--campaign`), filling empty campaign_id cells; null when none. */
  campaignId: string | null;
  /** Epoch ms: order dates after this are rejected. */
  latestOrderDate: number;
}

/** A row's campaign id (lower-cased); an empty cell takes the import's campaign when it has one. */
function parseCampaignCell(text: string, importCampaignId: string | null): Cell<string> {
  const id = text.trim().toLowerCase();
  if (id === '') return importCampaignId ? { ok: true, value: importCampaignId } : { ok: false, problem: 'must not be empty' };
  // A malformed id cannot name any campaign; said the way GraphQL says it.
  if (!isUuid(id)) return { ok: false, problem: `campaign ${JSON.stringify(text.trim())} not found` };
  if (importCampaignId !== null && id !== importCampaignId) return { ok: false, problem: `names another campaign than the import's (${importCampaignId})` };
  return { ok: true, value: id };
}

/** An attribution line as a row of ATTRIBUTION_STAGING_COLUMNS (COPY text). */
export function stagedAttributionLine(record: CsvRecord<AttributionColumn>, rules: AttributionLineRules, problems: LineProblems): string {
  const { line } = record;
  const campaignId = valueOrProblem(parseCampaignCell(record.cell('campaign_id'), rules.campaignId), line, 'campaign_id', problems);
  const orderId = record.cell('order_id');
  problems.check(line, 'order_id', identifierProblem(orderId));
  const orderDate = valueOrProblem(parseOrderDateCell(record.cell('order_date'), rules.latestOrderDate), line, 'order_date', problems);
  const revenue = valueOrProblem(parseMoneyCell(record.cell('revenue'), 2), line, 'revenue', problems);
  const orderCount = valueOrProblem(parseOrderCountCell(record.cell('order_count')), line, 'order_count', problems);
  const isSubscription = valueOrProblem(parseBooleanCell(record.cell('is_subscription'), false, 'empty = false'), line, 'is_subscription', problems);
  const discountMatched = valueOrProblem(parseBooleanCell(record.cell('discount_matched'), false, 'empty = false'), line, 'discount_matched', problems);
  return copyTextLine([line, campaignId, record.cell('recipient_external_id'), orderId, orderDate, revenue, orderCount, isSubscription, discountMatched]);
}
