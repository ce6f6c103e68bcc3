/**
 * A real HTTP server on 127.0.0.1 (a free port), recording every request it is sent, for tests
 * that must see what crossed the wire (the global fetch, no injected one). `close()` drops open
 * connections first, so a test never leaves a server or a socket behind.
 *
 * @module
 */

import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A request as the server received it. */
export interface Received {
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingMessage['headers'];
  readonly body: string;
}

export interface LocalServer {
  readonly url: string;
  readonly received: Received[];
  close(): Promise<void>;
}

export async function startLocalServer(
  handler: (request: Received, res: ServerResponse) => void,
): Promise<LocalServer> {
  const received: Received[] = [];
  const server = createServer(async (req, res) => {
    let body = '';
    for await (const chunk of req) body += chunk;
    const request: Received = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body };
    received.push(request);
    handler(request, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Answers JSON. */
export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}
