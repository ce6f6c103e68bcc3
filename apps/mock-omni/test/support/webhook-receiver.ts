/**
 * A CRM's webhook endpoint for the proxy tests: a loopback HTTP server that keeps every
 * notification it gets (raw body and headers), checks its signature when it knows the secret,
 * and answers with a status the test chooses.
 *
 * @module
 */

import { createHmac } from 'node:crypto';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Received {
  readonly raw: string;
  readonly headers: IncomingHttpHeaders;
  /** Whether `X-Omni-Signature` matched the body under the receiver's secret (B.7). */
  readonly signed: boolean;
}

export interface WebhookReceiver {
  readonly url: string;
  readonly received: Received[];
  /** The status the next notifications are answered with (default 200). */
  answerWith(status: number, body?: string): void;
  close(): Promise<void>;
}

export async function startWebhookReceiver(secret?: string): Promise<WebhookReceiver> {
  const received: Received[] = [];
  let status = 200;
  let reply = '{"ok":true}';
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const timestamp = String(req.headers['x-omni-timestamp'] ?? '');
      const expected =
        secret === undefined
          ? undefined
          : `sha256=${createHmac('sha256', secret).update(`${timestamp}.${raw}`).digest('hex')}`;
      received.push({
        raw,
        headers: req.headers,
        signed: expected !== undefined && req.headers['x-omni-signature'] === expected,
      });
      res.writeHead(status, { 'Content-Type': 'application/json', 'X-Crm': 'yes' });
      res.end(reply);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/crm/hook`,
    received,
    answerWith(next, body) {
      status = next;
      if (body !== undefined) reply = body;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
