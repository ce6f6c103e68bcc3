/**
 * `omni-mock proxy`: an HTTP server in front of a real Omni that forwards every request
 * unchanged, records and checks each exchange against the contracts once its answer is out (and
 * reports each one the target did not answer in time or failed otherwise), and
 * serves its own few routes under `/__proxy`: the live drift report, its JSON, the webhook tap and
 * the tap's target, each behind {@link ProxyRouteGuard} (no DNS-rebinding page reads or sets them).
 *
 * @module
 */

import { randomBytes } from 'node:crypto';
import {
  createServer,
  Agent as HttpAgent,
  type Server as HttpServer,
  type IncomingMessage,
  type ServerResponse,
} from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { ErrorBody, ErrorCode, FieldError } from '@omnikit/contracts';
import {
  checkExchange,
  type DriftReport,
  matchRoute,
  omniDriftContracts,
  RECORDING_VERSION,
  type RecordingLine,
} from '@omnikit/contracts/drift';
import { BodyCapture } from './body-capture.js';
import { DriftTracker } from './drift-tracker.js';
import type { CapturedExchange, TargetFault } from './forward-exchange.js';
import { forwardExchange, TARGET_TIMEOUT_MS } from './forward-exchange.js';
import { headerRecord } from './hop-by-hop.js';
import { parseHttpUrl } from './parse-http-url.js';
import { ProxyRouteGuard } from './proxy-route-guard.js';
import { recordedBody, withRecordedLength } from './recorded-body.js';
import { RecordingWriter } from './recording-writer.js';
import { Redactor } from './redactor.js';
import { renderDriftPage } from './render-drift-page.js';
import { originForm, targetUrl } from './request-target.js';
import { cameThrough, type TappedNotification, tapNotification } from './webhook-tap.js';

/** Where the proxy's own routes live; everything else is forwarded. */
export const PROXY_PREFIX = '/__proxy';
export const TAP_PATH = `${PROXY_PREFIX}/webhook`;
/** The largest body `PUT /__proxy/tap` takes. */
const TAP_SETTING_LIMIT = 16 * 1024;

export interface ProxyOptions {
  readonly target: URL;
  readonly port?: number;
  readonly host?: string;
  /** JSON Lines file to record to (replaced once the proxy listens; left as it was when it cannot start). */
  readonly record?: string | undefined;
  readonly keepNumbers?: boolean;
  /** Drift report file, `.md` or `.json` (written once the proxy listens; left as it was when it cannot start). */
  readonly report?: string | undefined;
  readonly tapForward?: URL | undefined;
  /** One line per new difference and per failure (stderr in the CLI). */
  readonly say?: (line: string) => void;
  /** The wall clock, injected for tests. */
  readonly wallNow?: () => number;
  /** How long `close()` lets exchanges in flight finish before it cuts them off (default {@link STOP_GRACE_MS}). */
  readonly stopGraceMs?: number;
  /**
   * How long the target may keep an exchange waiting — to connect, to take the request's body, to
   * begin its answer once the request is sent, and silent in the middle of it — before the client
   * gets 504 (or, its answer begun, is cut off); each such exchange is in the report's `timeouts`.
   * Default {@link TARGET_TIMEOUT_MS}.
   */
  readonly targetTimeoutMs?: number;
  /** How long the tap's CRM may keep a notification waiting before Omni gets 504 (default `TAP_TIMEOUT_MS`; for tests). */
  readonly tapTimeoutMs?: number;
}

/**
 * How long a stopping proxy waits for the exchanges in flight: long enough for a slow answer, short
 * enough that Ctrl-C stops a proxy whose target never answers (nothing else would end the wait).
 */
export const STOP_GRACE_MS = 10_000;

export interface RunningProxy {
  readonly url: string;
  readonly port: number;
  /** The report as it stands. */
  report(): DriftReport;
  /** `drift: N documented, M inferred`. */
  summaryLine(): string;
  /**
   * Whether the `report` file holds the report: after `close()`, false when its last write failed (the proxy has said
   * so); false without a report file.
   */
  reportSaved(): boolean;
  /** Where the tap forwards notifications now. */
  tap(): URL | undefined;
  setTap(url: URL | undefined): void;
  /** Every exchange seen so far has been checked and recorded (they are handled after their answer). */
  settled(): Promise<void>;
  /**
   * Stops listening, lets the exchanges in flight finish (for `stopGraceMs` at most, then cuts
   * them off), closes every client connection (a keep-alive client's idle one too), writes the
   * report a last time and closes the recording.
   */
  close(): Promise<void>;
}

function isLoopbackPeer(req: IncomingMessage): boolean {
  const address = req.socket.remoteAddress ?? '';
  return /^(127\.|::1$|::ffff:127\.)/.test(address);
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
  });
  res.end(text);
}

function sendError(res: ServerResponse, status: number, code: ErrorCode, detail: string, errors?: FieldError[]): void {
  // The proxy's own refusals (`/__proxy/*`) in the contracts' Omni error body (B.2).
  const body: ErrorBody = { success: false, detail, error_code: code, ...(errors ? { errors } : {}) };
  sendJson(res, status, body);
}

/** Listens, or rejects with the system's error (`EADDRINUSE`, `EADDRNOTAVAIL`, …). */
function listen(server: HttpServer, port: number, host: string): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

/**
 * Takes the files a started proxy writes: the recording opened as it is, the report written at
 * start, and only then the recording emptied — a failure on the way leaves both as they were.
 */
function openSessionFiles(record: string | undefined, tracker: DriftTracker): RecordingWriter | undefined {
  const recorder = record ? new RecordingWriter(record) : undefined;
  try {
    tracker.flush();
    recorder?.begin();
  } catch (error) {
    recorder?.abandon();
    throw error;
  }
  return recorder;
}

function queryRecord(url: URL): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [k, v] of url.searchParams) {
    const had = out[k];
    out[k] = had === undefined ? v : Array.isArray(had) ? [...had, v] : [had, v];
  }
  return out;
}

export async function startProxy(options: ProxyOptions): Promise<RunningProxy> {
  const say = options.say ?? ((line: string) => console.error(line));
  const wallNow = options.wallNow ?? Date.now;
  const target = options.target;
  const shownTarget = target.href.replace(/\/$/, '');
  const contracts = omniDriftContracts();
  const agent = target.protocol === 'https:' ? new HttpsAgent({ keepAlive: true }) : new HttpAgent({ keepAlive: true });
  /** Opened once the proxy listens. */
  let recorder: RecordingWriter | undefined;
  const redactor = new Redactor(options.keepNumbers === true);
  const tracker = new DriftTracker({
    target: shownTarget,
    reportPath: options.report,
    now: () => new Date(wallNow()),
    say,
  });
  const guard = new ProxyRouteGuard(options.host ?? '127.0.0.1');
  let tapUrl = options.tapForward;
  // This tap's name in the `Via` of what it forwards: a notification that comes back carrying it went round a loop.
  const tapName = `omni-mock-tap-${randomBytes(6).toString('hex')}`;
  let stopping = false;
  let seq = 0;
  let pending = 0;
  let idle: (() => void)[] = [];
  /** Counts an exchange in flight until the function it answers is called (once). */
  const begin = (): (() => void) => {
    pending++;
    let open = true;
    return () => {
      if (!open) return;
      open = false;
      pending--;
      if (pending === 0) for (const resolve of idle.splice(0)) resolve();
    };
  };

  /** Redacts, records and checks one exchange (answered as recorded); a failure here is said, never answered. */
  const handle = (build: () => RecordingLine): RecordingLine | undefined => {
    try {
      const redacted = redactor.redact(build());
      const line = {
        ...redacted,
        request: withRecordedLength(redacted.request),
        response: withRecordedLength(redacted.response),
      };
      recorder?.write(line);
      tracker.observe(line);
      return line;
    } catch (error) {
      say(`omni-mock proxy: could not check or record an exchange: ${(error as Error).message}`);
      return undefined;
    }
  };

  const onExchange = (ex: CapturedExchange) => {
    const url = targetUrl(ex.url);
    if (ex.requestBody.truncated || ex.responseBody.truncated) {
      say(`omni-mock proxy: ${ex.method} ${url.pathname}: a body over the capture limit, not checked or recorded`);
      return;
    }
    handle(() => {
      const request = recordedBody(headerRecord(ex.requestHeaders), ex.requestBody.bytes());
      const response = recordedBody(headerRecord(ex.responseHeaders), ex.responseBody.bytes());
      seq += 1;
      return {
        v: RECORDING_VERSION,
        seq,
        at: new Date(ex.at).toISOString(),
        kind: 'rest',
        route_id: matchRoute(contracts, ex.method, url.pathname)?.id ?? null,
        request: { method: ex.method, path: url.pathname, query: queryRecord(url), ...request },
        response: { status: ex.status, ...response },
        duration_ms: Math.round(ex.durationMs * 1000) / 1000,
      };
    });
  };

  /** Reports how the target failed an exchange: Omni said nothing, but a route that hangs or breaks is a fact. */
  const onTargetFault = (method: string, path: string, message: string, fault: TargetFault) => {
    try {
      const asked = redactor.text(targetUrl(path).pathname);
      if ('timeout' in fault) tracker.timedOut({ method, path: asked, stage: fault.timeout });
      else tracker.targetFailed({ method, path: asked, kind: fault.failure, detail: redactor.text(message) });
    } catch (error) {
      say(`omni-mock proxy: could not report a failure of the target: ${(error as Error).message}`);
    }
  };

  const onNotification = (n: TappedNotification) => {
    const line = handle(() => {
      const url = targetUrl(n.url);
      const request = recordedBody(headerRecord(n.requestHeaders), n.body);
      const response = recordedBody(headerRecord(n.responseHeaders), n.responseBody);
      seq += 1;
      return {
        v: RECORDING_VERSION,
        seq,
        at: new Date(n.at).toISOString(),
        kind: 'notification',
        route_id: null,
        request: { method: 'POST', path: url.pathname, query: queryRecord(url), ...request },
        response: { status: n.status, ...response },
        duration_ms: Math.round(n.durationMs * 1000) / 1000,
      };
    });
    if (!n.failure) return;
    try {
      const type = line ? checkExchange(line).notification_type : null;
      tracker.tapFailed({ notification_type: type, kind: n.failure.kind, detail: redactor.text(n.failure.detail) });
    } catch (error) {
      say(`omni-mock proxy: could not report a failure of the tap: ${(error as Error).message}`);
    }
  };

  const setTapFromBody = (req: IncomingMessage, res: ServerResponse) => {
    if (!isLoopbackPeer(req)) {
      sendError(res, 403, 'FORBIDDEN_ORIGIN', 'the tap’s target is set from this machine only');
      req.resume();
      return;
    }
    const capture = new BodyCapture(TAP_SETTING_LIMIT);
    req.on('data', (chunk: Buffer) => capture.push(chunk));
    req.on('end', () => {
      if (capture.truncated)
        return sendError(res, 413, 'PAYLOAD_TOO_LARGE', `the body is at most ${TAP_SETTING_LIMIT} bytes`);
      let body: unknown;
      try {
        body = JSON.parse(capture.bytes()?.toString('utf8') ?? '');
      } catch {
        return sendError(res, 400, 'VALIDATION_FAILED', 'the body must be JSON: { "url": "http://…" | null }', [
          { field: 'body', message: 'not JSON' },
        ]);
      }
      const url =
        typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as { url?: unknown }).url : undefined;
      if (url === null) {
        tapUrl = undefined;
        return sendJson(res, 200, {
          success: true,
          detail: 'the tap acknowledges notifications itself (204)',
          url: null,
        });
      }
      if (typeof url !== 'string') {
        return sendError(res, 400, 'VALIDATION_FAILED', 'url must be an http(s) URL or null', [
          { field: 'url', message: url === undefined ? 'required' : 'must be a string or null' },
        ]);
      }
      const parsed = parseHttpUrl('url', url, true);
      if (typeof parsed === 'string')
        return sendError(res, 400, 'VALIDATION_FAILED', parsed, [{ field: 'url', message: parsed }]);
      tapUrl = parsed;
      sendJson(res, 200, { success: true, detail: `notifications are forwarded to ${parsed.href}`, url: parsed.href });
    });
  };

  const own = (req: IncomingMessage, res: ServerResponse, path: string) => {
    const method = req.method ?? 'GET';
    const headers = { host: req.headers.host, origin: req.headers.origin };
    const refusal = path === TAP_PATH && method === 'POST' ? guard.webhookRefusal(headers) : guard.pageRefusal(headers);
    if (refusal !== undefined) {
      req.resume();
      return sendError(res, 403, 'FORBIDDEN_ORIGIN', refusal);
    }
    if (path === TAP_PATH && method === 'POST') {
      if (cameThrough(req, tapName)) {
        // The tap's target leads back to the tap (its own URL, or a tunnel to it): the copy that came round is
        // refused, and the first hop answers Omni with this refusal as the "CRM's" answer; nothing else is recorded.
        req.resume();
        say(`omni-mock proxy tap: the tap's target ${tapUrl?.href ?? ''} leads back to the tap: a loop, not forwarded`);
        return sendJson(res, 508, {
          success: false,
          detail: `omni-mock proxy tap: the tap’s target leads back to the tap itself (a loop): set it to the CRM’s endpoint`,
        });
      }
      const end = begin();
      res.on('close', () => setImmediate(end));
      return tapNotification(req, res, {
        forwardTo: tapUrl,
        tapName,
        wallNow,
        ...(options.tapTimeoutMs === undefined ? {} : { timeoutMs: options.tapTimeoutMs }),
        done: (n) => {
          onNotification(n);
          end();
        },
      });
    }
    if ((path === PROXY_PREFIX || path === `${PROXY_PREFIX}/`) && method === 'GET') {
      const html = renderDriftPage(tracker.report, tapUrl?.href);
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' });
      return res.end(html);
    }
    if (path === `${PROXY_PREFIX}/report.json` && method === 'GET') return sendJson(res, 200, tracker.report);
    if (path === `${PROXY_PREFIX}/tap` && method === 'GET') return sendJson(res, 200, { url: tapUrl?.href ?? null });
    if (path === `${PROXY_PREFIX}/tap` && method === 'PUT') return setTapFromBody(req, res);
    req.resume();
    sendError(res, 404, 'ROUTE_NOT_FOUND', `the proxy has no ${method} ${path}`);
  };

  const server: HttpServer = createServer({ noDelay: true }, (req, res) => {
    // Forwarded, recorded and routed alike from here on.
    req.url = originForm(req.url ?? '/');
    const path = req.url.split('?')[0] as string;
    if (path === PROXY_PREFIX || path.startsWith(`${PROXY_PREFIX}/`)) return own(req, res, path);
    const end = begin();
    forwardExchange(req, res, {
      target,
      agent,
      wallNow,
      timeoutMs: options.targetTimeoutMs ?? TARGET_TIMEOUT_MS,
      done: (exchange) => {
        onExchange(exchange);
        end();
      },
      failed: (message, fault) => {
        say(
          `omni-mock proxy: ${req.method} ${path}: ${stopping ? 'cut off: the proxy stopped before its answer was complete' : message}`,
        );
        // Omni said nothing, so nothing is checked or recorded; but a route that hangs or breaks is reported.
        if (fault !== undefined && !stopping) onTargetFault(req.method ?? 'GET', path, message, fault);
        end();
      },
    });
  });
  // A forwarded request may take as long as the target does.
  server.requestTimeout = 0;
  // The port first, the files after: a proxy that cannot listen (a busy port, an address not this
  // machine's) must not empty a recording or replace a report, least of all a running proxy's.
  try {
    await listen(server, options.port ?? 4011, options.host ?? '127.0.0.1');
    recorder = openSessionFiles(options.record, tracker);
  } catch (error) {
    agent.destroy();
    if (server.listening) await new Promise<void>((resolve) => server.close(() => resolve()));
    throw error;
  }
  const address = server.address() as AddressInfo;
  const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  let closing: Promise<void> | undefined;
  return {
    url: `http://${shownHost}:${address.port}`,
    port: address.port,
    report: () => tracker.report,
    summaryLine: () => tracker.summaryLine(),
    reportSaved: () => tracker.saved,
    tap: () => tapUrl,
    setTap: (url) => {
      tapUrl = url;
    },
    settled: () => (pending === 0 ? Promise.resolve() : new Promise<void>((resolve) => idle.push(resolve))),
    close: () => {
      closing ??= (async () => {
        const closed = new Promise<void>((resolve) => server.close(() => resolve()));
        server.closeIdleConnections();
        if (pending > 0) {
          const grace = options.stopGraceMs ?? STOP_GRACE_MS;
          let timer: NodeJS.Timeout | undefined;
          const drained = await Promise.race([
            new Promise<boolean>((resolve) => idle.push(() => resolve(true))),
            new Promise<boolean>((resolve) => {
              timer = setTimeout(() => resolve(false), grace);
            }),
          ]);
          clearTimeout(timer);
          if (!drained)
            say(
              `omni-mock proxy: stopping: ${pending} ${pending === 1 ? 'exchange' : 'exchanges'} still in flight after ${grace / 1000} s, cut off`,
            );
        }
        // A connection idle since close() began (a keep-alive client's) would hold the server open
        // for as long as the client likes; one still busy is past its grace.
        stopping = true;
        server.closeAllConnections();
        await closed;
        if (pending > 0) await new Promise<void>((resolve) => idle.push(resolve));
        agent.destroy();
        tracker.close();
        recorder?.close();
        idle = [];
      })();
      return closing;
    },
  };
}
