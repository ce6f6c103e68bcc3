/**
 * The HTTP side of `omni-mock replay`: a plain Node server that reads each request, asks the
 * cassette which recorded exchange answers it, and writes that answer back — its status, its
 * headers (less the hop-by-hop ones and those that described the original transfer), and its body
 * as recorded: JSON re-serialised, text as text, a binary body (a recording's WAV) as the bytes
 * its Base64 holds. A request nothing answers gets a 404 in the contract's error body naming the
 * closest recorded request, so a test that drifted from its recording says where.
 *
 * @module
 */

import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type ErrorBody, type JsonValue, vicidialErrorBody } from '@omnikit/contracts';
import type { RecordedHeaders, RecordedResponse, RecordingLine } from '@omnikit/contracts/drift';
import { type LiveRequest, ReplayCassette } from './replay-cassette.js';

/** Names the seq of the recorded line that answered, so a reader of a failing test can find it. */
export const REPLAY_SEQ_HEADER = 'x-omni-replay-seq';

/** Headers that described the recorded transfer, not the answer: the replay's own transfer sets them. */
const NOT_REPLAYED = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'transfer-encoding',
  'te',
  'trailer',
  'upgrade',
  'content-length',
  'content-encoding',
  'date',
]);

export interface ReplayServerOptions {
  readonly lines: readonly RecordingLine[];
  readonly port: number;
  readonly host: string;
  /** Told of every request nothing in the recording answers (the CLI prints it). */
  readonly onMiss?: (line: string) => void;
}

export interface ReplayServer {
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
}

const isJson = (contentType: string | undefined) =>
  contentType !== undefined && /^application\/([a-z0-9.+-]*\+)?json\b/i.test(contentType.trim());

function header(headers: RecordedHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** The bytes of a recorded answer's body, or undefined for none. */
export function recordedBodyBytes(response: RecordedResponse): Buffer | undefined {
  if (response.body_base64 !== undefined) return Buffer.from(response.body_base64, 'base64');
  if (response.body === undefined) return undefined;
  if (typeof response.body === 'string' && !isJson(header(response.headers, 'content-type'))) {
    return Buffer.from(response.body, 'utf8');
  }
  return Buffer.from(JSON.stringify(response.body));
}

function liveQuery(url: URL): Record<string, string | string[]> {
  const query: Record<string, string | string[]> = {};
  for (const [name, value] of url.searchParams) {
    const had = query[name];
    query[name] = had === undefined ? value : Array.isArray(had) ? [...had, value] : [had, value];
  }
  return query;
}

function liveBody(bytes: Buffer): LiveRequest['body'] {
  if (bytes.length === 0) return { base64: '' };
  const text = bytes.toString('utf8');
  try {
    return { base64: bytes.toString('base64'), json: JSON.parse(text) as JsonValue, text };
  } catch {
    return { base64: bytes.toString('base64'), text };
  }
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function describe(line: RecordingLine): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(line.request.query)) for (const one of [v].flat()) q.append(k, one);
  const query = q.toString();
  return `${line.request.method.toUpperCase()} ${line.request.path}${query ? `?${query}` : ''} (seq ${line.seq})`;
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const bytes = Buffer.from(JSON.stringify(body));
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': bytes.length });
  res.end(bytes);
}

/** Starts serving a recording; resolves once it listens. */
export async function startReplayServer(options: ReplayServerOptions): Promise<ReplayServer> {
  const cassette = new ReplayCassette(options.lines);
  const server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://replay.invalid');
      const method = (req.method ?? 'GET').toUpperCase();
      const live: LiveRequest = {
        method,
        path: url.pathname,
        query: liveQuery(url),
        body: liveBody(await readBody(req)),
      };
      const answer = cassette.answer(live);
      if (!answer.hit) {
        const { line, differs } = answer.closest;
        const detail = `replay: no recorded exchange answers ${method} ${url.pathname}${url.search}; the closest recorded request is ${describe(line)}, which differs in its ${differs.join(', ')}`;
        options.onMiss?.(detail);
        if (url.pathname.startsWith('/vicidial/')) {
          sendJson(res, 404, vicidialErrorBody.parse({ message: detail, http_code: 404 }));
          return;
        }
        const body: ErrorBody = { success: false, detail, error_code: 'ROUTE_NOT_FOUND' };
        sendJson(res, 404, body);
        return;
      }
      const { response } = answer.line;
      const bytes = recordedBodyBytes(response);
      for (const [name, value] of Object.entries(response.headers)) {
        if (!NOT_REPLAYED.has(name.toLowerCase())) res.setHeader(name, value);
      }
      res.setHeader(REPLAY_SEQ_HEADER, String(answer.line.seq));
      res.setHeader('content-length', bytes?.length ?? 0);
      res.writeHead(response.status);
      res.end(bytes);
    })().catch((error: unknown) => {
      // Only a broken socket gets here (the cassette is pure): answer if still possible.
      if (!res.headersSent) {
        sendJson(res, 400, {
          success: false,
          detail: `replay: ${(error as Error).message}`,
          error_code: 'VALIDATION_FAILED',
        });
      } else res.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const host = options.host.includes(':') ? `[${options.host}]` : options.host;
  return {
    url: `http://${host}:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
