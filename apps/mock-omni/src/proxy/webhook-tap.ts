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
import type { TapFailureKind } from '@omnikit/contracts/drift';
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
  /** How the tap failed to pass it on to the CRM, when it did (its answer to Omni is then the tap's 502 or 504). */
  readonly failure?: { readonly kind: TapFailureKind; readonly detail: string };
}

export interface TapOptions {
  /** The CRM's endpoint; none: the tap acknowledges with 204 itself. */
  readonly forwardTo: URL | undefined;
  /** The tap's name in the `Via` header it adds. */
  readonly tapName: string;
  readonly wallNow: () => number;
  /** How long the CRM may keep the tap waiting (default {@link TAP_TIMEOUT_MS}). */
  readonly timeoutMs?: number;
  /** Called once Omni has the tap's answer, with the notification as it went through. */
  readonly done: (notification: TappedNotification) => void;
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
export function tapNotification(req: IncomingMessage, res: ServerResponse, options: TapOptions): void {
  const { forwardTo, tapName, done } = options;
  const timeoutMs = options.timeoutMs ?? TAP_TIMEOUT_MS;
  const at = options.wallNow();
  const started = performance.now();
  const capture = new BodyCapture(TAP_BODY_LIMIT);
  req.on('data', (chunk: Buffer) => capture.push(chunk));
  req.on('end', () => {
    if (capture.truncated) {
      answer(res, 413, { success: false, detail: `a notification is at most ${TAP_BODY_LIMIT} bytes` });
      return;
    }
    const body = capture.bytes() ?? Buffer.alloc(0);
    const finish = (
      status: number,
      responseHeaders: readonly string[],
      responseBody: Buffer,
      failure?: TappedNotification['failure'],
    ) =>
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
          ...(failure ? { failure } : {}),
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
      timeout: timeoutMs,
    });
    let settled = false;
    const failWith = (status: number, kind: TapFailureKind, detail: string) => {
      if (settled) return;
      settled = true;
      out.destroy();
      const sent = answer(res, status, { success: false, detail: `omni-mock proxy tap: ${detail}` });
      finish(status, sent.headers, sent.bytes, { kind, detail });
    };
    out.on('timeout', () =>
      failWith(504, 'timeout', `${forwardTo.origin} did not answer within ${timeoutMs / 1000} s`),
    );
    const progress = new UpstreamProgress(out, forwardTo.protocol === 'https:');
    const broke = (error: Error) => failWith(502, progress.failureKind, progress.failure(forwardTo.origin, error));
    out.on('error', broke);
    out.on('response', (crm) => {
      const chunks: Buffer[] = [];
      crm.on('data', (chunk: Buffer) => chunks.push(chunk));
      crm.on('error', broke);
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
