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
 * A kept-alive connection the target closes just as the proxy sends the next request on it (its
 * keep-alive timeout racing the request) fails that request before any byte of an answer: an
 * idempotent one is sent once more, on another connection, as browsers and HTTP clients do.
 *
 * @module
 */

import {
  type ClientRequest,
  type Agent as HttpAgent,
  request as httpRequest,
  type IncomingMessage,
  type ServerResponse,
} from 'node:http';
import { type Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import type { TargetFailureKind, TimeoutStage } from '@omnikit/contracts/drift';
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
   * off; `fault` says how the target failed, when it is the one that did (not when the client went away).
   */
  readonly failed: (message: string, fault?: TargetFault) => void;
}

/** How the target failed an exchange: the stage at which it ran out of `timeoutMs`, or another kind of failure. */
export type TargetFault = { readonly timeout: TimeoutStage } | { readonly failure: TargetFailureKind };

/**
 * The methods RFC 9110 §9.2.2 calls idempotent: the only requests a proxy may send again on its own
 * ("A proxy MUST NOT automatically retry non-idempotent requests").
 */
export const IDEMPOTENT_METHODS: ReadonlySet<string> = new Set(['GET', 'HEAD', 'OPTIONS', 'TRACE', 'PUT', 'DELETE']);

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
  const method = req.method ?? 'GET';
  const requestBody = new BodyCapture();
  const tls = target.protocol === 'https:';
  const seconds = `${options.timeoutMs / 1000} s`;
  let answered = false;
  let timer: NodeJS.Timeout | undefined;
  /** The request to the target now: a second one when the first went out on a kept-alive connection that closed. */
  let upstream: ClientRequest;
  let progress: UpstreamProgress;
  /** The current request is all sent. */
  let sent = false;
  let replayed = false;
  const wait = (then: () => void) => {
    clearTimeout(timer);
    timer = setTimeout(then, options.timeoutMs);
  };
  const fail = (message: string, status: number, fault?: TargetFault) => {
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
    options.failed(message, fault);
  };
  const timedOut = (message: string, stage: TimeoutStage) => fail(message, 504, { timeout: stage });
  const answerDue = () =>
    wait(() => timedOut(`${target.origin} did not answer within ${seconds} (--target-timeout)`, 'answer'));
  // The target has stopped taking the request's body: what it has not read waits in the proxy.
  const intake = () =>
    wait(() => timedOut(`${target.origin} stopped taking the request for ${seconds} (--target-timeout)`, 'request'));
  /** While the request goes out: the target's turn when it holds the upload back, else the client's. */
  const uploading = () => {
    if (sent || progress.responded || !progress.isReady) return;
    if (upstream.writableNeedDrain) intake();
    else clearTimeout(timer);
  };
  /**
   * Whether a request that failed with `error` may go to the target once more: only the first, only
   * one sent on a kept-alive connection that closed (reset) before any byte of an answer came — the
   * race of the target's keep-alive timeout with this request, which browsers and HTTP clients
   * answer by sending it again — and only an idempotent one whose body the proxy still holds whole.
   * A fresh connection that fails is the target's failure; a POST may have been acted on.
   */
  const mayReplay = (error: NodeJS.ErrnoException) =>
    !replayed &&
    upstream.reusedSocket &&
    !progress.heardAnything &&
    (error.code === 'ECONNRESET' || error.code === 'EPIPE') &&
    IDEMPOTENT_METHODS.has(method) &&
    !requestBody.truncated;

  const open = (replay: boolean) => {
    const send = tls ? httpsRequest : httpRequest;
    const request = send({
      protocol: target.protocol,
      hostname: hostnameOf(target),
      port: target.port || undefined,
      method,
      path: targetPath(target, url),
      headers: endToEndHeaders(req.rawHeaders, target.host),
      setHost: false,
      agent: options.agent,
    });
    const attempt = new UpstreamProgress(request, tls);
    upstream = request;
    progress = attempt;
    sent = false;
    /** Events of a request given up for another are no longer this exchange's. */
    const current = () => upstream === request;
    // A TCP connection taken whose TLS handshake never ends is no connection yet, but said as what it is.
    wait(() =>
      timedOut(
        attempt.connected
          ? `connected to ${target.origin}, but the TLS handshake did not complete within ${seconds} (--target-timeout)`
          : `cannot connect to ${target.origin}: no connection within ${seconds} (--target-timeout)`,
        'connect',
      ),
    );
    // Connected: the client's upload takes what it takes; once it is all sent, the answer is due.
    attempt.whenReady(() => {
      if (!current() || attempt.responded) return;
      if (sent) answerDue();
      else uploading();
    });
    request.on('drain', () => current() && uploading());
    request.on('finish', () => {
      if (!current()) return;
      sent = true;
      if (attempt.isReady && !attempt.responded) answerDue();
    });
    // Headers and a small body go out at once: no waiting on Nagle for the last bytes of a request.
    request.on('socket', (socket) => socket.setNoDelay(true));
    request.on('error', (error) => {
      if (!current() || answered) return;
      if (mayReplay(error)) {
        replayed = true;
        request.destroy();
        open(true);
        return;
      }
      fail(attempt.failure(target.origin, error), 502, { failure: attempt.failureKind });
    });
    request.on('response', (answer) => current() && respond(answer));
    if (!replay) return void req.pipe(request);
    // The body as far as the client sent it, then the rest as it comes.
    const body = requestBody.bytes();
    if (req.readableEnded) request.end(body);
    else {
      if (body) request.write(body);
      req.pipe(request);
    }
  };

  const respond = (answer: IncomingMessage) => {
    const status = answer.statusCode ?? 502;
    const responseHeaders = endToEndHeaders(answer.rawHeaders);
    const responseBody = new BodyCapture();
    res.writeHead(status, answer.statusMessage, responseHeaders);
    // Silence in the middle of the answer: the target's, unless the client is the one not reading.
    const silent = () => {
      if (res.writableNeedDrain) wait(silent);
      else
        timedOut(
          `${target.origin} fell silent for ${seconds} in the middle of its answer (--target-timeout): cut off`,
          'answer-body',
        );
    };
    wait(silent);
    answer.on('data', (chunk: Buffer) => {
      responseBody.push(chunk);
      wait(silent);
    });
    answer.on('end', () => clearTimeout(timer));
    answer.on('error', (error) => fail(progress.failure(target.origin, error), 502, { failure: 'cut-off' }));
    answer.pipe(res);
    res.on('finish', () => {
      clearTimeout(timer);
      if (answered) return;
      answered = true;
      const exchange: CapturedExchange = {
        at,
        method,
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
  };

  req.on('data', (chunk: Buffer) => requestBody.push(chunk));
  req.on('aborted', () => upstream.destroy());
  open(false);
  // After the pipe's own listener: each chunk is written by now, and the target's backpressure shows.
  req.on('data', uploading);
  res.on('close', () => {
    clearTimeout(timer);
    if (res.writableFinished) return;
    upstream.destroy();
    if (answered) return;
    answered = true;
    options.failed('the client went away before the answer was complete');
  });
}
