import type { DataSource } from 'typeorm';
import { withTransaction, type Db } from '../db/db';
import { dateBoundsProblem, instantBoundsProblem, isLocalDate, localDateOf } from '../dates';
import { notFound, ProblemList } from '../errors';
import { isUuid } from '../organizations/organization.service';
import { OrganizationRepository } from '../organizations/organization.repository';
import { AttributionRepository, type AttributionWrite } from './attribution.repository';
import { CampaignRepository, type CampaignRow } from './campaign.repository';
import {
  assignsToHoldout,
  identifierProblem,
  inLockOrder,
  MAX_BATCH_SIZE,
  MAX_ORDER_FUTURE_MS,
  moneyProblem,
  moneyText,
} from './ingestion.rules';
import { RecipientRepository, type RecipientWrite } from './recipient.repository';

export interface RecipientInput {
  externalId: string;
  /** Omitted: keep the stored group, or let the server assign a new recipient (spec §5). */
  isHoldout?: boolean | null;
  sendDate?: string | null;
  cost: number;
}

export interface AttributionInput {
  campaignId: string;
  recipientExternalId: string;
  orderId: string;
  orderDate: Date;
  revenue: number;
  orderCount: number;
  isSubscription?: boolean | null;
  discountMatched?: boolean | null;
}

export interface ImportResult {
  created: number;
  updated: number;
  unchanged: number;
}

function checkBatchSize(problems: ProblemList, field: string, size: number): void {
  if (size > MAX_BATCH_SIZE) problems.add(field, `a batch holds at most ${MAX_BATCH_SIZE.toLocaleString('en-US')} items (got ${size.toLocaleString('en-US')})`);
}

function countResult(total: number, written: Array<{ inserted: boolean }>): ImportResult {
  const created = written.filter((w) => w.inserted).length;
  return { created, updated: written.length - created, unchanged: total - written.length };
}

/**
 * The ingestion mutations. Each validates the whole batch first (collecting every problem),
 * then writes in one transaction; any rejection writes nothing.
 */
export class IngestionService {
  constructor(private readonly dataSource: DataSource) {}

  private async organizationToday(db: Db, orgId: string): Promise<string> {
    const organization = await new OrganizationRepository(db).findById(orgId);
    if (!organization) throw notFound('Organization', orgId);
    return localDateOf(new Date(), organization.timezone);
  }

  private async lockCampaign(db: Db, orgId: string, campaignId: string): Promise<CampaignRow> {
    const campaign = isUuid(campaignId) ? await new CampaignRepository(db).lockForImport(orgId, campaignId) : null;
    if (!campaign) throw notFound('Campaign', campaignId, 'campaignId');
    return campaign;
  }

  async importRecipients(orgId: string, campaignId: string, recipients: RecipientInput[]): Promise<ImportResult> {
    const shape = new ProblemList();
    checkBatchSize(shape, 'recipients', recipients.length);
    shape.throwIfAny();
    return withTransaction(this.dataSource, async (db) => {
      const campaign = await this.lockCampaign(db, orgId, campaignId);
      const today = await this.organizationToday(db, orgId);
      const stored = new Map(
        (await new RecipientRepository(db).lockByExternalIds(orgId, campaignId, recipients.map((r) => r.externalId))).map((r) => [r.external_id, r]),
      );
      const problems = new ProblemList();
      const firstIndex = new Map<string, number>();
      const writes: RecipientWrite[] = [];
      recipients.forEach((input, i) => {
        const at = `recipients[${i}]`;
        problems.check(`${at}.externalId`, identifierProblem(input.externalId));
        const seen = firstIndex.get(input.externalId);
        if (seen !== undefined) problems.add(`${at}.externalId`, `duplicate of recipients[${seen}] (${JSON.stringify(input.externalId)})`);
        else firstIndex.set(input.externalId, i);
        const costProblem = moneyProblem(input.cost, 4);
        problems.check(`${at}.cost`, costProblem);
        const sendDate = input.sendDate ?? null;
        if (sendDate !== null && !isLocalDate(sendDate)) problems.add(`${at}.sendDate`, 'must be a date written YYYY-MM-DD');
        else if (sendDate !== null && sendDate > today) problems.add(`${at}.sendDate`, `must not be in the future (the organisation's today is ${today})`);
        else if (sendDate !== null) problems.check(`${at}.sendDate`, dateBoundsProblem(sendDate));

        const existing = stored.get(input.externalId);
        let isHoldout: boolean;
        if (existing) {
          isHoldout = existing.is_holdout;
          if (input.isHoldout != null && input.isHoldout !== existing.is_holdout) {
            problems.add(`${at}.isHoldout`, `recipient ${JSON.stringify(input.externalId)} is ${existing.is_holdout ? 'holdout' : 'treatment'} for good; its group cannot change`);
          }
          if (existing.send_date !== null && sendDate === null && existing.has_active_attributions) {
            problems.add(`${at}.sendDate`, `recipient ${JSON.stringify(input.externalId)} has attributed orders, so its send date cannot be removed`);
          }
        } else if (input.isHoldout != null) {
          isHoldout = input.isHoldout;
          if (isHoldout && !campaign.holdout_enabled) problems.add(`${at}.isHoldout`, `campaign ${JSON.stringify(campaign.external_id)} has no holdout (holdoutEnabled is false)`);
        } else {
          isHoldout = campaign.holdout_enabled && campaign.holdout_percent !== null && assignsToHoldout(campaign.id, input.externalId, campaign.holdout_percent);
        }
        if (isHoldout && sendDate !== null) {
          const why = existing || input.isHoldout != null ? 'is a holdout recipient' : 'was assigned to the holdout group by the server';
          problems.add(`${at}.sendDate`, `recipient ${JSON.stringify(input.externalId)} ${why}; holdout recipients are never mailed, so they have no send date`);
        }
        writes.push({ externalId: input.externalId, isHoldout, sendDate, cost: costProblem ? '0' : moneyText(input.cost) });
      });
      problems.throwIfAny();
      if (writes.length === 0) return { created: 0, updated: 0, unchanged: 0 };
      return countResult(writes.length, await new RecipientRepository(db).upsert(orgId, campaignId, inLockOrder(writes, (w) => [w.externalId])));
    });
  }

  async recordAttributions(orgId: string, attributions: AttributionInput[]): Promise<ImportResult> {
    const shape = new ProblemList();
    checkBatchSize(shape, 'attributions', attributions.length);
    shape.throwIfAny();
    if (attributions.length === 0) return { created: 0, updated: 0, unchanged: 0 };
    return withTransaction(this.dataSource, async (db) => {
      const campaignIds = [...new Set(attributions.map((a) => a.campaignId))];
      const known = new Set((await new CampaignRepository(db).findByIds(orgId, campaignIds.filter(isUuid))).map((c) => c.id));
      const unknownAt = attributions.findIndex((a) => !known.has(a.campaignId));
      if (unknownAt >= 0) throw notFound('Campaign', attributions[unknownAt].campaignId, `attributions[${unknownAt}].campaignId`);

      const recipients = await new RecipientRepository(db).lockForAttribution(
        orgId,
        attributions.map((a) => ({ campaignId: a.campaignId, externalId: a.recipientExternalId })),
      );
      const recipientOf = new Map(recipients.map((r) => [`${r.campaign_id}\0${r.external_id}`, r]));
      const latestOrderDate = Date.now() + MAX_ORDER_FUTURE_MS;
      const problems = new ProblemList();
      const firstIndex = new Map<string, number>();
      const writes: AttributionWrite[] = [];
      attributions.forEach((input, i) => {
        const at = `attributions[${i}]`;
        problems.check(`${at}.orderId`, identifierProblem(input.orderId));
        const key = `${input.campaignId}\0${input.orderId}`;
        const seen = firstIndex.get(key);
        if (seen !== undefined) problems.add(`${at}.orderId`, `duplicate of attributions[${seen}] (order ${JSON.stringify(input.orderId)} in the same campaign)`);
        else firstIndex.set(key, i);
        if (Number.isNaN(input.orderDate.getTime())) problems.add(`${at}.orderDate`, 'must be a valid date-time');
        else if (input.orderDate.getTime() > latestOrderDate) problems.add(`${at}.orderDate`, 'must not be more than 24 hours in the future');
        else problems.check(`${at}.orderDate`, instantBoundsProblem(input.orderDate));
        const revenueProblem = moneyProblem(input.revenue, 2);
        problems.check(`${at}.revenue`, revenueProblem);
        if (!Number.isInteger(input.orderCount) || input.orderCount < 1) problems.add(`${at}.orderCount`, 'must be a whole number of at least 1 (1 = first purchase)');

        const recipient = recipientOf.get(`${input.campaignId}\0${input.recipientExternalId}`);
        if (!recipient) {
          problems.add(`${at}.recipientExternalId`, `no recipient ${JSON.stringify(input.recipientExternalId)} in campaign ${input.campaignId}`);
          return;
        }
        if (!recipient.is_holdout && recipient.send_date === null) {
          problems.add(`${at}.recipientExternalId`, `recipient ${JSON.stringify(input.recipientExternalId)} has not been mailed (no send date), so no order can be attributed to it`);
          return;
        }
        writes.push({
          campaignId: input.campaignId,
          recipientId: recipient.id,
          orderId: input.orderId,
          orderDate: input.orderDate,
          revenue: revenueProblem ? '0' : moneyText(input.revenue),
          orderCount: input.orderCount,
          isSubscription: input.isSubscription ?? false,
          discountMatched: input.discountMatched ?? false,
        });
      });
      problems.throwIfAny();
      return countResult(writes.length, await new AttributionRepository(db).upsert(orgId, inLockOrder(writes, (w) => [w.campaignId, w.orderId])));
    });
  }

  async withdrawAttributions(orgId: string, campaignId: string, orderIds: string[]): Promise<ImportResult> {
    const shape = new ProblemList();
    checkBatchSize(shape, 'orderIds', orderIds.length);
    shape.throwIfAny();
    return withTransaction(this.dataSource, async (db) => {
      await this.lockCampaign(db, orgId, campaignId);
      const repository = new AttributionRepository(db);
      const stored = new Map((await repository.lockOrders(orgId, campaignId, orderIds)).map((o) => [o.order_id, o.withdrawn]));
      const problems = new ProblemList();
      const firstIndex = new Map<string, number>();
      orderIds.forEach((orderId, i) => {
        const seen = firstIndex.get(orderId);
        if (seen !== undefined) problems.add(`orderIds[${i}]`, `duplicate of orderIds[${seen}] (${JSON.stringify(orderId)})`);
        else firstIndex.set(orderId, i);
        if (!stored.has(orderId)) problems.add(`orderIds[${i}]`, `no order ${JSON.stringify(orderId)} in campaign ${campaignId}`);
      });
      problems.throwIfAny();
      const withdrawn = orderIds.length === 0 ? 0 : await repository.withdraw(orgId, campaignId, orderIds);
      return { created: 0, updated: withdrawn, unchanged: orderIds.length - withdrawn };
    });
  }
}
