/**
 * The webhook tap: the endpoint a real Omni is pointed at (`POST /__proxy/webhook`). It passes
 * each notification on unchanged — the same bytes and headers, so a signature still verifies — to
 * the CRM's own endpoint, and answers the real Omni as that endpoint did (its status, headers and
 * body), so Omni's retries follow the CRM. With no endpoint set it acknowledges with 204.
 *
 * @module
 */

import { request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { BodyCapture } from './body-capture.js';
import { hostnameOf } from './forward-exchange.js';
import { endToEndHeaders } from './hop-by-hop.js';
import { UpstreamProgress } from './upstream-progress.js';

/** The largest notification the tap takes (1 MiB): Omni's envelopes are a few hundred bytes. */
export const TAP_BODY_LIMIT = 1024 * 1024;
/** How long the CRM has to answer before the tap answers 504 (Omni itself waits 5 s, B.7). */
export const TAP_TIMEOUT_MS = 30_000;

/** A notification as it went through the tap. */
export interface TappedNotification {
  readonly at: number;
  readonly url: string;
  readonly requestHeaders: readonly string[];
  readonly body: Buffer;
  readonly status: number;
  readonly responseHeaders: readonly string[];
  readonly responseBody: Buffer;
  readonly durationMs: number;
}

function answer(res: ServerResponse, status: number, body: unknown): { headers: string[]; bytes: Buffer } {
  const bytes = Buffer.from(JSON.stringify(body));
  const headers = ['Content-Type', 'application/json; charset=utf-8', 'Content-Length', String(bytes.length)];
  res.writeHead(status, headers);
  res.end(bytes);
  return { headers, bytes };
}

/**
 * Whether a request came through the tap named `name` already: each hop names itself in `Via` (RFC 9110 §7.6.3, which
 * gives the header this use: finding request loops).
 */
export function cameThrough(req: IncomingMessage, name: string): boolean {
  const via = req.headers.via;
  if (via === undefined) return false;
  return via.split(',').some((hop) => hop.trim().split(/\s+/)[1] === name);
}

/**
 * Passes one notification on to `forwardTo` (the CRM), naming the tap (`tapName`) in a `Via` header it adds after the
 * notification's own headers; everything else goes as it came.
 */
export function tapNotification(
  req: IncomingMessage,
  res: ServerResponse,
  forwardTo: URL | undefined,
  tapName: string,
  wallNow: () => number,
  done: (notification: TappedNotification) => void,
): void {
  const at = wallNow();
  const started = performance.now();
  const capture = new BodyCapture(TAP_BODY_LIMIT);
  req.on('data', (chunk: Buffer) => capture.push(chunk));
  req.on('end', () => {
    if (capture.truncated) {
      answer(res, 413, { success: false, detail: `a notification is at most ${TAP_BODY_LIMIT} bytes` });
      return;
    }
    const body = capture.bytes() ?? Buffer.alloc(0);
    const finish = (status: number, responseHeaders: readonly string[], responseBody: Buffer) =>
      setImmediate(() =>
        done({
          at,
          url: req.url ?? '/',
          requestHeaders: req.rawHeaders,
          body,
          status,
          responseHeaders,
          responseBody,
          durationMs: performance.now() - started,
        }),
      );
    if (!forwardTo) {
      res.writeHead(204);
      res.end();
      finish(204, [], Buffer.alloc(0));
      return;
    }
    const send = forwardTo.protocol === 'https:' ? httpsRequest : httpRequest;
    // The endpoint's own query first, then any the real Omni added.
    const destination = new URL(forwardTo);
    for (const [k, v] of new URL(req.url ?? '/', 'http://tap').searchParams) destination.searchParams.append(k, v);
    const path = `${destination.pathname}${destination.search}`;
    const out = send({
      protocol: forwardTo.protocol,
      hostname: hostnameOf(forwardTo),
      port: forwardTo.port || undefined,
      method: req.method,
      path,
      headers: [...endToEndHeaders(req.rawHeaders, forwardTo.host), 'Via', `1.1 ${tapName}`],
      setHost: false,
      timeout: TAP_TIMEOUT_MS,
    });
    let settled = false;
    const failWith = (status: number, detail: string) => {
      if (settled) return;
      settled = true;
      out.destroy();
      const sent = answer(res, status, { success: false, detail: `omni-mock proxy tap: ${detail}` });
      finish(status, sent.headers, sent.bytes);
    };
    out.on('timeout', () => failWith(504, `${forwardTo.origin} did not answer within ${TAP_TIMEOUT_MS / 1000} s`));
    const progress = new UpstreamProgress(out, forwardTo.protocol === 'https:');
    out.on('error', (error) => failWith(502, progress.failure(forwardTo.origin, error)));
    out.on('response', (crm) => {
      const chunks: Buffer[] = [];
      crm.on('data', (chunk: Buffer) => chunks.push(chunk));
      crm.on('error', (error) => failWith(502, progress.failure(forwardTo.origin, error)));
      crm.on('end', () => {
        if (settled) return;
        settled = true;
        const responseBody = Buffer.concat(chunks);
        const headers = endToEndHeaders(crm.rawHeaders);
        res.writeHead(crm.statusCode ?? 502, crm.statusMessage, headers);
        res.end(responseBody);
        finish(crm.statusCode ?? 502, headers, responseBody);
      });
    });
    out.end(body);
  });
}
