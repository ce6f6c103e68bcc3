/**
 * A small HTTP server standing in for a real Omni that differs from the contracts in known ways,
 * for the proxy's tests: each route answers what the test scripts, and every request it got is
 * kept (raw headers and body) to compare with what the client sent.
 *
 * @module
 */

import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ScriptedAnswer {
  readonly status: number;
  readonly headers?: Record<string, string>;
  /** A JSON value (sent as JSON), or raw bytes (sent as they are, in several chunks). */
  readonly body?: unknown;
}

export interface GotRequest {
  readonly method: string;
  readonly url: string;
  readonly rawHeaders: readonly string[];
  readonly body: Buffer;
}

export interface ScriptedOmni {
  readonly url: string;
  readonly got: GotRequest[];
  close(): Promise<void>;
}

export type Script = (req: GotRequest) => ScriptedAnswer;

function send(res: ServerResponse, answer: ScriptedAnswer): void {
  if (Buffer.isBuffer(answer.body)) {
    res.writeHead(answer.status, answer.headers ?? {});
    // Streamed in pieces, as a large recording would be.
    const piece = 64 * 1024;
    for (let at = 0; at < answer.body.length; at += piece) res.write(answer.body.subarray(at, at + piece));
    res.end();
    return;
  }
  const text = answer.body === undefined ? '' : JSON.stringify(answer.body);
  res.writeHead(answer.status, {
    ...(answer.body === undefined ? {} : { 'Content-Type': 'application/json; charset=utf-8' }),
    ...(answer.headers ?? {}),
  });
  res.end(text);
}

export async function startScriptedOmni(script: Script): Promise<ScriptedOmni> {
  const got: GotRequest[] = [];
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const request = {
        method: req.method ?? '',
        url: req.url ?? '',
        rawHeaders: req.rawHeaders,
        body: Buffer.concat(chunks),
      };
      got.push(request);
      send(res, script(request));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    got,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
