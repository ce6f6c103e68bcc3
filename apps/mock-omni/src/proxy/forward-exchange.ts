/**
 * Forwards one request to the target and streams its answer back untouched, keeping a copy of
 * both bodies beside the streams. What happens to the copy (checking, recording) is the caller's,
 * after the answer is out: nothing here waits for it, and nothing of it can reach the client.
 *
 * @module
 */

import { type Agent as HttpAgent, request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import { type Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { BodyCapture } from './body-capture.js';
import { endToEndHeaders } from './hop-by-hop.js';

/** One exchange as it went through, bodies as far as they were captured. */
export interface CapturedExchange {
  /** Wall-clock ms when the request arrived. */
  readonly at: number;
  readonly method: string;
  /** The path and query as the client asked them (before the target's base path is put in front). */
  readonly url: string;
  readonly requestHeaders: readonly string[];
  readonly requestBody: BodyCapture;
  readonly status: number;
  readonly responseHeaders: readonly string[];
  readonly responseBody: BodyCapture;
  readonly durationMs: number;
}

export interface ForwardOptions {
  readonly target: URL;
  readonly agent: HttpAgent | HttpsAgent;
  readonly wallNow: () => number;
  /** Called once the client has the whole answer. */
  readonly done: (exchange: CapturedExchange) => void;
  /** Called when the target could not be reached or the exchange broke off. */
  readonly failed: (message: string) => void;
}

/** The target's host name as `http.request` takes it (IPv6 without brackets). */
export function hostnameOf(url: URL): string {
  return url.hostname.replace(/^\[(.*)\]$/, '$1');
}

/** The path to ask the target for: its base path, then the client's path and query. */
export function targetPath(target: URL, url: string): string {
  const base = target.pathname.replace(/\/+$/, '');
  return `${base}${url.startsWith('/') ? url : `/${url}`}`;
}

export function forwardExchange(req: IncomingMessage, res: ServerResponse, options: ForwardOptions): void {
  const { target } = options;
  const at = options.wallNow();
  const started = performance.now();
  const url = req.url ?? '/';
  const requestBody = new BodyCapture();
  const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
  const upstream = send({
    protocol: target.protocol,
    hostname: hostnameOf(target),
    port: target.port || undefined,
    method: req.method,
    path: targetPath(target, url),
    headers: endToEndHeaders(req.rawHeaders, target.host),
    setHost: false,
    agent: options.agent,
  });
  let answered = false;
  const fail = (message: string) => {
    if (answered) return;
    answered = true;
    if (!res.headersSent) {
      const body = JSON.stringify({ success: false, detail: `omni-mock proxy: ${message}` });
      res.writeHead(502, {
        'Content-Type': 'application/json; charset=utf-8',
        'Content-Length': Buffer.byteLength(body),
      });
      res.end(body);
    } else res.destroy();
    options.failed(message);
  };
  upstream.on('error', (error) => fail(`cannot reach ${target.origin}: ${error.message}`));
  req.on('data', (chunk: Buffer) => requestBody.push(chunk));
  req.on('aborted', () => upstream.destroy());
  req.pipe(upstream);
  upstream.on('response', (answer) => {
    const status = answer.statusCode ?? 502;
    const responseHeaders = endToEndHeaders(answer.rawHeaders);
    const responseBody = new BodyCapture();
    res.writeHead(status, answer.statusMessage, responseHeaders);
    answer.on('data', (chunk: Buffer) => responseBody.push(chunk));
    answer.on('error', (error) => fail(`the answer broke off: ${error.message}`));
    answer.pipe(res);
    res.on('finish', () => {
      if (answered) return;
      answered = true;
      const exchange: CapturedExchange = {
        at,
        method: req.method ?? 'GET',
        url,
        requestHeaders: req.rawHeaders,
        requestBody,
        status,
        responseHeaders,
        responseBody,
        durationMs: performance.now() - started,
      };
      // Off the answer's path: the client already has everything.
      setImmediate(() => options.done(exchange));
    });
  });
  res.on('close', () => {
    if (res.writableFinished) return;
    upstream.destroy();
    if (answered) return;
    answered = true;
    options.failed('the client went away before the answer was complete');
  });
}
