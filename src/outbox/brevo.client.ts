import type { Config } from '../config';

export type BrevoSettings = Config['brevo'];

/** The body of `POST /contacts`. */
export interface BrevoContactRequest {
  email: string;
  attributes: Record<string, string | boolean>;
  listIds?: number[];
  updateEnabled: true;
}

/** What one call came to: an HTTP answer, or no answer at all (network error, timeout). */
export type BrevoResponse =
  | { kind: 'http'; status: number; body: string; rateLimitResetSeconds: number | null }
  | { kind: 'network'; error: string };

export type DeliveryOutcome =
  | { kind: 'success' }
  | { kind: 'transient'; error: string; rateLimited: boolean; resetSeconds: number | null }
  | { kind: 'fatal'; error: string };

const BODY_PREVIEW = 300;

/** Spec §9/§11: 201/204 delivered; network, timeout, 408, 429, 5xx transient; any other answer fatal. */
export function classify(response: BrevoResponse): DeliveryOutcome {
  if (response.kind === 'network') return { kind: 'transient', error: response.error, rateLimited: false, resetSeconds: null };
  const { status } = response;
  if (status === 201 || status === 204) return { kind: 'success' };
  const error = `HTTP ${status}: ${response.body.slice(0, BODY_PREVIEW)}`.trimEnd();
  if (status === 429) return { kind: 'transient', error, rateLimited: true, resetSeconds: response.rateLimitResetSeconds };
  if (status === 408 || status >= 500) return { kind: 'transient', error, rateLimited: false, resetSeconds: null };
  return { kind: 'fatal', error };
}

function isFunnelType(value: unknown): value is 'language' | 'non_language' {
  return value === 'language' || value === 'non_language';
}

/**
 * The Brevo request for an outbox payload (docs/funnels.md "Outbox payloads"): upper-case
 * attributes (FUNNEL_TYPE, TEST_ID, USER_ID, plus the payload's own ENTERED_AT /
 * CERTIFICATE_PURCHASED / CERTIFICATE_PURCHASED_AT), the funnel type's list, updateEnabled.
 */
export function contactRequest(payload: Record<string, unknown>, settings: Pick<BrevoSettings, 'listLanguage' | 'listNonLanguage'>): BrevoContactRequest {
  const attributes: Record<string, string | boolean> = {};
  const funnelType = payload.funnelType;
  if (typeof funnelType === 'string') attributes.FUNNEL_TYPE = funnelType;
  if (typeof payload.testId === 'string') attributes.TEST_ID = payload.testId;
  if (typeof payload.userId === 'string') attributes.USER_ID = payload.userId;
  const own = payload.attributes;
  if (own !== null && typeof own === 'object' && !Array.isArray(own)) {
    for (const [key, value] of Object.entries(own)) {
      if (typeof value === 'string' || typeof value === 'boolean') attributes[key.toUpperCase()] = value;
    }
  }
  const list = isFunnelType(funnelType) ? (funnelType === 'language' ? settings.listLanguage : settings.listNonLanguage) : null;
  return {
    email: String(payload.email ?? ''),
    attributes,
    ...(list !== null ? { listIds: [list] } : {}),
    updateEnabled: true,
  };
}

/**
 * Paces calls to at most `rps` per second (0 or less: no limit) by spacing their start times;
 * callers await their slot. Shared by every worker of the process.
 */
export class RequestPacer {
  private nextSlot = 0;
  constructor(private readonly rps: number) {}

  async wait(): Promise<void> {
    if (!(this.rps > 0)) return;
    const now = Date.now();
    const slot = Math.max(now, this.nextSlot);
    this.nextSlot = slot + 1000 / this.rps;
    if (slot > now) await new Promise((resolve) => setTimeout(resolve, slot - now));
  }
}

/** `POST {baseUrl}/contacts` with the `api-key` header, a timeout and the client-side rate limit. */
export class BrevoClient {
  private readonly pacer: RequestPacer;

  constructor(private readonly settings: BrevoSettings) {
    this.pacer = new RequestPacer(settings.rateLimitRps);
  }

  get enabled(): boolean {
    return this.settings.apiKey !== null;
  }

  async createOrUpdateContact(request: BrevoContactRequest): Promise<BrevoResponse> {
    if (this.settings.apiKey === null) throw new Error('Brevo delivery is off: BREVO_API_KEY is not set');
    await this.pacer.wait();
    try {
      const response = await fetch(`${this.settings.baseUrl.replace(/\/+$/, '')}/contacts`, {
        method: 'POST',
        headers: { 'api-key': this.settings.apiKey, 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify(request),
        signal: AbortSignal.timeout(this.settings.timeoutMs),
      });
      const body = await response.text();
      const reset = Number(response.headers.get('x-sib-ratelimit-reset'));
      return {
        kind: 'http',
        status: response.status,
        body,
        rateLimitResetSeconds: response.headers.has('x-sib-ratelimit-reset') && Number.isFinite(reset) && reset >= 0 ? reset : null,
      };
    } catch (error) {
      return { kind: 'network', error: networkError(error, this.settings.timeoutMs) };
    }
  }
}

function networkError(error: unknown, timeoutMs: number): string {
  if (error instanceof Error) {
    if (error.name === 'TimeoutError' || error.name === 'AbortError') return `timeout after ${timeoutMs} ms`;
    const cause = (error as Error & { cause?: unknown }).cause;
    const detail = cause instanceof Error ? `: ${cause.message}` : '';
    return `network error: ${error.message}${detail}`.slice(0, 500);
  }
  return `network error: ${String(error)}`.slice(0, 500);
}
