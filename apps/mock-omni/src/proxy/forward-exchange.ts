/**
 * Forwards one request to the target and streams its answer back untouched, keeping a copy of
 * both bodies beside the streams. What happens to the copy (checking, recording) is the caller's,
 * after the answer is out: nothing here waits for it, and nothing of it can reach the client.
 *
 * The target has `timeoutMs` to connect (TCP, and TLS for https), may not stop taking the
 * request's body for longer than that, has `timeoutMs` from the end of the request to the start
 * of its answer, and may not fall silent for longer than that in the middle of it: a target that
 * takes the connection and never answers (or never reads) would otherwise hold the client for
 * ever. The client's own pace (a slow upload, a slow reader) is never counted against the target.
 *
 * @module
 */

import { type Agent as HttpAgent, request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import { type Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import type { TimeoutStage } from '@omnikit/contracts/drift';
import { BodyCapture } from './body-capture.js';
import { endToEndHeaders } from './hop-by-hop.js';
import { UpstreamProgress } from './upstream-progress.js';

/**
 * How long the proxy waits on a silent target by default: far beyond any answer of Omni's (a
 * recording's download keeps sending), short enough that a target that took the connection and
 * never answers does not hold the client for ever. Inferred: Omni documents no answer time.
 */
export const TARGET_TIMEOUT_MS = 30_000;

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
  /** How long the target may keep the proxy waiting (to connect, to begin its answer, within it). */
  readonly timeoutMs: number;
  /** Called once the client has the whole answer. */
  readonly done: (exchange: CapturedExchange) => void;
  /**
   * Called when the target could not be reached, did not answer in time, or the exchange broke
   * off; `timedOut` is the stage at which the target ran out of `timeoutMs`, when that is what happened.
   */
  readonly failed: (message: string, timedOut?: TimeoutStage) => void;
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
  const progress = new UpstreamProgress(upstream, target.protocol === 'https:');
  const seconds = `${options.timeoutMs / 1000} s`;
  let answered = false;
  let timer: NodeJS.Timeout | undefined;
  const wait = (then: () => void) => {
    clearTimeout(timer);
    timer = setTimeout(then, options.timeoutMs);
  };
  const fail = (message: string, status = 502, timedOut?: TimeoutStage) => {
    clearTimeout(timer);
    if (answered) return;
    answered = true;
    upstream.destroy();
    if (!res.headersSent) {
      // Not an Omni error (the target said nothing): no error_code of the contracts' list.
      const body = JSON.stringify({ success: false, detail: `omni-mock proxy: ${message}` });
      res.writeHead(status, {
        'Content-Type': 'application/json; charset=utf-8',
        'Content-Length': Buffer.byteLength(body),
      });
      res.end(body);
    } else res.destroy();
    options.failed(message, timedOut);
  };
  const answerDue = () =>
    wait(() => fail(`${target.origin} did not answer within ${seconds} (--target-timeout)`, 504, 'answer'));
  // A TCP connection taken whose TLS handshake never ends is no connection yet, but said as what it is.
  wait(() =>
    fail(
      progress.connected
        ? `connected to ${target.origin}, but the TLS handshake did not complete within ${seconds} (--target-timeout)`
        : `cannot connect to ${target.origin}: no connection within ${seconds} (--target-timeout)`,
      504,
      'connect',
    ),
  );
  // The target has stopped taking the request's body: what it has not read waits in the proxy.
  const intake = () =>
    wait(() => fail(`${target.origin} stopped taking the request for ${seconds} (--target-timeout)`, 504, 'request'));
  let sent = false;
  /** While the request goes out: the target's turn when it holds the upload back, else the client's. */
  const uploading = () => {
    if (sent || progress.responded || !progress.isReady) return;
    if (upstream.writableNeedDrain) intake();
    else clearTimeout(timer);
  };
  // Connected: the client's upload takes what it takes; once it is all sent, the answer is due.
  progress.whenReady(() => {
    if (progress.responded) return;
    if (sent) answerDue();
    else uploading();
  });
  upstream.on('drain', uploading);
  upstream.on('finish', () => {
    sent = true;
    if (progress.isReady && !progress.responded) answerDue();
  });
  // Headers and a small body go out at once: no waiting on Nagle for the last bytes of a request.
  upstream.on('socket', (socket) => socket.setNoDelay(true));
  upstream.on('error', (error) => fail(progress.failure(target.origin, error)));
  req.on('data', (chunk: Buffer) => requestBody.push(chunk));
  req.on('aborted', () => upstream.destroy());
  req.pipe(upstream);
  // After the pipe's own listener: each chunk is written by now, and the target's backpressure shows.
  req.on('data', uploading);
  upstream.on('response', (answer) => {
    const status = answer.statusCode ?? 502;
    const responseHeaders = endToEndHeaders(answer.rawHeaders);
    const responseBody = new BodyCapture();
    res.writeHead(status, answer.statusMessage, responseHeaders);
    // Silence in the middle of the answer: the target's, unless the client is the one not reading.
    const silent = () => {
      if (res.writableNeedDrain) wait(silent);
      else
        fail(
          `${target.origin} fell silent for ${seconds} in the middle of its answer (--target-timeout): cut off`,
          504,
          'answer-body',
        );
    };
    wait(silent);
    answer.on('data', (chunk: Buffer) => {
      responseBody.push(chunk);
      wait(silent);
    });
    answer.on('end', () => clearTimeout(timer));
    answer.on('error', (error) => fail(progress.failure(target.origin, error)));
    answer.pipe(res);
    res.on('finish', () => {
      clearTimeout(timer);
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
    clearTimeout(timer);
    if (res.writableFinished) return;
    upstream.destroy();
    if (answered) return;
    answered = true;
    options.failed('the client went away before the answer was complete');
  });
}
