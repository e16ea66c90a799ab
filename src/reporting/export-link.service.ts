import { createHmac, randomBytes } from 'node:crypto';
import type { CampaignService } from '../campaigns/campaign.service';
import type { Config } from '../config';
import { badUserInput } from '../errors';
import { exportLinkUrl, verifyExportLink, type ExportKindValue, type ExportLinkRequest } from './export-link';

/**
 * The key that signs export links. EXPORT_LINK_SECRET when set; otherwise derived from
 * ADMIN_API_KEY (so every API process sharing that key verifies every other's links); with
 * neither — which config refuses in production — a random key for this one process.
 */
export function exportLinkSecret(config: Pick<Config, 'exportLinks' | 'adminApiKey'>): Buffer {
  if (config.exportLinks.secret !== null) return Buffer.from(config.exportLinks.secret, 'utf8');
  if (config.adminApiKey !== null) return createHmac('sha256', config.adminApiKey).update('paperrun export link key').digest();
  return randomBytes(32);
}

/** Short-lived signed links to the CSV exports, for browsers that cannot send a Bearer header to a download. */
export class ExportLinkService {
  constructor(
    private readonly campaigns: CampaignService,
    private readonly secret: Buffer,
    private readonly ttlSeconds: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** A link to one export of one of the caller's campaigns; another organisation's campaign is NOT_FOUND. */
  async create(orgId: string, campaignId: string, kind: ExportKindValue, holdout: boolean | null): Promise<{ url: string; expiresAt: Date }> {
    if (kind === 'ORDERS' && holdout !== null) throw badUserInput([{ field: 'holdout', message: 'applies to RECIPIENTS exports only' }]);
    await this.campaigns.get(orgId, campaignId, 'campaignId');
    const expires = Math.floor(this.now() / 1000) + this.ttlSeconds;
    return { url: exportLinkUrl(this.secret, { orgId, campaignId, kind, holdout, expires }), expiresAt: new Date(expires * 1000) };
  }

  /** The organisation a link on the export route grants (see verifyExportLink for the refusals). */
  verify(request: ExportLinkRequest): string {
    return verifyExportLink(this.secret, request, this.now());
  }
}
