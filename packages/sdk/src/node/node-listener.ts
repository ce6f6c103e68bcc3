import type { IncomingMessage, ServerResponse } from 'node:http';
import { checkNumberOption } from '../internal/check-number-option.js';

/**
 * A web-standard handler, e.g. from `createNotificationHandler`.
 *
 * @example
 * ```ts
 * import { createServer } from 'node:http';
 * import { toNodeListener, type WebHandler } from '@omnikit/sdk/node';
 *
 * const health: WebHandler = async () => new Response('ok');
 * createServer(toNodeListener(health)).listen(3001, '127.0.0.1');
 * ```
 */
export type WebHandler = (request: Request) => Promise<Response>;

/**
 * Limits of the Node adapter.
 *
 * @example
 * ```ts
 * import { createServer } from 'node:http';
 * import { createNotificationHandler } from '@omnikit/sdk';
 * import { type NodeListenerOptions, toNodeListener } from '@omnikit/sdk/node';
 *
 * const options: NodeListenerOptions = { maxBodyBytes: 256 * 1024 };
 * const handler = createNotificationHandler({
 *   secret: 'a-long-random-secret',
 *   onNotification: (n) => console.log(n.type),
 * });
 * createServer(toNodeListener(handler, options)).listen(3000, '127.0.0.1');
 * ```
 */
export interface NodeListenerOptions {
  /** Bodies above this are refused with 413 before they are read in full. Default 1 MiB; a whole number ≥ 1. */
  readonly maxBodyBytes?: number;
}

/**
 * Adapts a web-standard `Request → Response` handler to Node's `http.createServer` (and Express,
 * which passes the same objects). Kept out of the main entry so a browser bundle never sees
 * `node:http`. The raw body is handed over byte for byte: signatures are computed over it. Mount
 * it before any body parser (`express.json()`); where one has already read the request, the bytes
 * it kept are used (`req.rawBody`, or a Buffer or string `req.body`, as `express.raw()` and
 * `express.text()` leave them), and a body parsed into an object is a 500 `body_already_read` that
 * says so (the bytes the signature covers are gone; Omni retries once the route is fixed). A request
 * whose `Host` and path make no URL is a 400.
 *
 * @example
 * ```ts
 * import { createServer } from 'node:http';
 * import { createNotificationHandler } from '@omnikit/sdk';
 * import { toNodeListener } from '@omnikit/sdk/node';
 *
 * const handler = createNotificationHandler({
 *   secret: 'a-long-random-secret',
 *   onNotification: (n) => console.log(n.type),
 * });
 * createServer(toNodeListener(handler)).listen(3000, '127.0.0.1');
 * ```
 */
export function toNodeListener(
  handler: WebHandler,
  options: NodeListenerOptions = {},
): (req: IncomingMessage, res: ServerResponse) => void {
  const maxBodyBytes =
    checkNumberOption('toNodeListener', 'maxBodyBytes', options.maxBodyBytes, 'bytes') ?? 1024 * 1024;
  let told = false;
  const tellOnce = (message: string) => {
    if (told) return;
    told = true;
    console.error(`omni: toNodeListener: ${message}`);
  };
  return (req, res) => {
    serve(handler, req, res, maxBodyBytes, tellOnce).catch((error: unknown) => {
      if (!res.headersSent) {
        res.statusCode = 500;
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify({ error: 'internal' }));
      } else {
        res.destroy(error instanceof Error ? error : undefined);
      }
    });
  };
}

const BODY_ALREADY_READ =
  'a body parser read the request before this listener and kept no raw bytes (only a parsed object): ' +
  'mount the listener before express.json(), or use express.raw({ type: "application/json" }) on its route';

async function serve(
  handler: WebHandler,
  req: IncomingMessage,
  res: ServerResponse,
  maxBodyBytes: number,
  tellOnce: (message: string) => void,
) {
  const method = req.method ?? 'GET';
  const bodiless = method === 'GET' || method === 'HEAD';
  // A stream a parser has read to its end never emits 'end' again: waiting for it would hang.
  const body = !req.readableEnded
    ? await readBody(req, maxBodyBytes)
    : bodiless
      ? null
      : bodyKeptByParser(req, maxBodyBytes);
  if (body === 'too_large') {
    res.writeHead(413, { 'content-type': 'application/json', connection: 'close' });
    res.end(JSON.stringify({ error: 'payload_too_large' }));
    return;
  }
  if (body === 'already_read') {
    tellOnce(BODY_ALREADY_READ);
    res.writeHead(500, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ error: 'body_already_read', detail: BODY_ALREADY_READ }));
    return;
  }
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    if (Array.isArray(value)) for (const v of value) headers.append(name, v);
    else headers.set(name, value);
  }
  const host = req.headers.host ?? 'localhost';
  let url: URL;
  try {
    url = new URL(`http://${host}${req.url ?? '/'}`);
  } catch {
    res.writeHead(400, { 'content-type': 'application/json', connection: 'close' });
    res.end(JSON.stringify({ error: 'bad_request', detail: 'the Host header and the path make no URL' }));
    return;
  }
  const request = new Request(url, {
    method,
    headers,
    body: bodiless ? null : body,
  });
  const response = await handler(request);
  const out: Record<string, string> = {};
  response.headers.forEach((value, name) => {
    out[name] = value;
  });
  res.writeHead(response.status, out);
  res.end(new Uint8Array(await response.arrayBuffer()));
}

/**
 * The raw bytes a body parser kept: `req.rawBody` (Google Cloud Functions, Firebase, several
 * frameworks), else a Buffer or string `req.body` (`express.raw()`, `express.text()`).
 */
function bodyKeptByParser(
  req: IncomingMessage,
  maxBodyBytes: number,
): Uint8Array<ArrayBuffer> | 'too_large' | 'already_read' {
  const { rawBody, body } = req as IncomingMessage & { rawBody?: unknown; body?: unknown };
  const kept = [rawBody, body].find((b) => typeof b === 'string' || b instanceof Uint8Array);
  if (kept === undefined) return 'already_read';
  const bytes = typeof kept === 'string' ? new TextEncoder().encode(kept) : new Uint8Array(kept as Uint8Array);
  return bytes.byteLength > maxBodyBytes ? 'too_large' : bytes;
}

function readBody(req: IncomingMessage, maxBodyBytes: number): Promise<Uint8Array<ArrayBuffer> | 'too_large'> {
  return new Promise((resolve, reject) => {
    const chunks: Uint8Array[] = [];
    let size = 0;
    let done = false;
    req.on('data', (chunk: Uint8Array) => {
      if (done) return;
      size += chunk.byteLength;
      if (size > maxBodyBytes) {
        done = true;
        req.resume();
        resolve('too_large');
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (done) return;
      done = true;
      const out = new Uint8Array(size);
      let offset = 0;
      for (const c of chunks) {
        out.set(c, offset);
        offset += c.byteLength;
      }
      resolve(out);
    });
    req.on('error', (error) => {
      if (!done) reject(error);
    });
  });
}
