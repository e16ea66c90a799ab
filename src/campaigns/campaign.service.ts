import type { DataSource } from 'typeorm';
import { dbOf } from '../db/db';
import { notFound, ProblemList } from '../errors';
import { isUuid } from '../organizations/organization.service';
import { CampaignRepository, type CampaignRow } from './campaign.repository';
import { identifierProblem } from './ingestion.rules';
import { RecipientRepository, type RecipientRow } from './recipient.repository';

export interface CampaignInput {
  externalId: string;
  name: string;
  holdoutEnabled: boolean;
  holdoutPercent: number | null;
}

export interface RecipientPage {
  nodes: RecipientRow[];
  endCursor: string | null;
  hasNextPage: boolean;
}

export const MAX_PAGE_SIZE = 1000;

function campaignInputProblems(input: CampaignInput): ProblemList {
  const problems = new ProblemList();
  problems.check('input.externalId', identifierProblem(input.externalId));
  if (input.name.trim().length === 0 || input.name.length > 500) problems.add('input.name', 'must be 1 to 500 characters');
  if (input.holdoutPercent !== null) {
    if (!Number.isFinite(input.holdoutPercent) || input.holdoutPercent <= 0 || input.holdoutPercent >= 100) {
      problems.add('input.holdoutPercent', 'must be strictly between 0 and 100');
    } else if (!input.holdoutEnabled) {
      problems.add('input.holdoutPercent', 'needs holdoutEnabled: true');
    }
  }
  return problems;
}

/** Cursors are opaque to clients: the base64url of the last external id on the page. */
const encodeCursor = (externalId: string) => Buffer.from(externalId, 'utf8').toString('base64url');
/**
 * The external id a cursor stands for, or null when it is not one of ours. Node decodes any
 * string leniently, so a cursor counts only when it encodes back to itself (canonical base64url
 * of valid UTF-8) and names a possible external id.
 */
function decodeCursor(cursor: string): string | null {
  const externalId = Buffer.from(cursor, 'base64url').toString('utf8');
  const canonical = cursor.length > 0 && encodeCursor(externalId) === cursor;
  return canonical && !externalId.includes('\u0000') && identifierProblem(externalId) === null ? externalId : null;
}

export class CampaignService {
  constructor(private readonly dataSource: DataSource) {}

  async upsert(orgId: string, input: CampaignInput): Promise<CampaignRow> {
    campaignInputProblems(input).throwIfAny();
    const row = await new CampaignRepository(dbOf(this.dataSource)).upsertByExternalId(orgId, { ...input, name: input.name.trim() });
    if (!row) throw new Error('campaign upsert returned no row');
    return row;
  }

  list(orgId: string): Promise<CampaignRow[]> {
    return new CampaignRepository(dbOf(this.dataSource)).listByOrg(orgId);
  }

  /** The organisation's campaign, or null for an unknown or another organisation's id. */
  async find(orgId: string, id: string): Promise<CampaignRow | null> {
    return isUuid(id) ? new CampaignRepository(dbOf(this.dataSource)).findById(orgId, id) : null;
  }

  async get(orgId: string, id: string, field = 'campaignId'): Promise<CampaignRow> {
    const campaign = await this.find(orgId, id);
    if (!campaign) throw notFound('Campaign', id, field);
    return campaign;
  }

  async recipients(orgId: string, campaignId: string, options: { isHoldout: boolean | null; first: number; after: string | null }): Promise<RecipientPage> {
    const problems = new ProblemList();
    if (!Number.isInteger(options.first) || options.first < 1 || options.first > MAX_PAGE_SIZE) problems.add('first', `must be 1 to ${MAX_PAGE_SIZE}`);
    const after = options.after === null ? null : decodeCursor(options.after);
    if (options.after !== null && after === null) problems.add('after', 'is not a cursor of this list: pass the endCursor of the previous page');
    problems.throwIfAny();
    await this.get(orgId, campaignId);
    const rows = await new RecipientRepository(dbOf(this.dataSource)).page(orgId, campaignId, {
      isHoldout: options.isHoldout,
      after,
      limit: options.first + 1,
    });
    const nodes = rows.slice(0, options.first);
    const last = nodes.at(-1);
    return { nodes, endCursor: last ? encodeCursor(last.external_id) : null, hasNextPage: rows.length > options.first };
  }
}
