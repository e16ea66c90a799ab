import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One scripted answer of the fake Brevo. */
export interface FakeAnswer {
  status: number;
  body?: string;
  headers?: Record<string, string>;
  /** Wait this long before answering (beyond the client's timeout: a timeout). */
  delayMs?: number;
}

export interface FakeRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: { email: string; attributes: Record<string, unknown>; listIds?: number[]; updateEnabled: boolean };
  at: number;
}

/**
 * The test suite's Brevo: a real HTTP server on loopback speaking `POST /contacts`. Each test
 * scripts it with `respond` (a function of the request); every request is recorded.
 */
export class FakeBrevo {
  readonly requests: FakeRequest[] = [];
  respond: (request: FakeRequest, index: number) => FakeAnswer = () => ({ status: 201, body: '{"id":1}' });
  private server: Server | null = null;
  url = '';

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        const request: FakeRequest = { method: req.method ?? '', path: req.url ?? '', headers: req.headers, body: text ? JSON.parse(text) : {}, at: Date.now() };
        const index = this.requests.length;
        this.requests.push(request);
        const answer = this.respond(request, index);
        const send = () => {
          if (res.destroyed) return;
          res.writeHead(answer.status, { 'content-type': 'application/json', ...(answer.headers ?? {}) });
          res.end(answer.status === 204 ? undefined : (answer.body ?? ''));
        };
        if (answer.delayMs) setTimeout(send, answer.delayMs);
        else send();
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/v3`;
    return this;
  }

  reset(): void {
    this.requests.length = 0;
    this.respond = () => ({ status: 201, body: '{"id":1}' });
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
