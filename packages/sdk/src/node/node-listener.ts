import type { IncomingMessage, ServerResponse } from 'node:http';

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
  /** Bodies above this are refused with 413 before they are read in full. Default 1 MiB. */
  readonly maxBodyBytes?: number;
}

/**
 * Adapts a web-standard `Request → Response` handler to Node's `http.createServer` (and Express,
 * which passes the same objects). Kept out of the main entry so a browser bundle never sees
 * `node:http`. The raw body is handed over byte for byte: signatures are computed over it.
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
  const maxBodyBytes = options.maxBodyBytes ?? 1024 * 1024;
  return (req, res) => {
    serve(handler, req, res, maxBodyBytes).catch((error: unknown) => {
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

async function serve(handler: WebHandler, req: IncomingMessage, res: ServerResponse, maxBodyBytes: number) {
  const body = await readBody(req, maxBodyBytes);
  if (body === 'too_large') {
    res.writeHead(413, { 'content-type': 'application/json', connection: 'close' });
    res.end(JSON.stringify({ error: 'payload_too_large' }));
    return;
  }
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    if (Array.isArray(value)) for (const v of value) headers.append(name, v);
    else headers.set(name, value);
  }
  const host = req.headers.host ?? 'localhost';
  const method = req.method ?? 'GET';
  const request = new Request(`http://${host}${req.url ?? '/'}`, {
    method,
    headers,
    body: method === 'GET' || method === 'HEAD' ? null : body,
  });
  const response = await handler(request);
  const out: Record<string, string> = {};
  response.headers.forEach((value, name) => {
    out[name] = value;
  });
  res.writeHead(response.status, out);
  res.end(new Uint8Array(await response.arrayBuffer()));
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
