/**
 * The HTTP side of delivery: one POST, answered or not within a wall-clock timeout. Keep-alive connections to the
 * receiver are reused (the throughput depends on it); a request that fails with no answer on a reused connection the
 * receiver closed under it is sent once more on a fresh one, within what is left of the same timeout, and that first
 * send is returned too (`earlier`) so that it is recorded: the receiver may have read it.
 *
 * The timeout counts from the first byte sent to the final status line: a 2xx status that came in time acknowledges
 * even when its body is still coming (what came of it within the timeout is kept). Informational answers (1xx) are
 * skipped while waiting for the final one — an unsolicited `100 Continue` included, which undici's parser would
 * otherwise take for a broken connection, so each connection's reads drop it before undici sees them. A status line
 * below 100 is an invalid answer.
 *
 * The client is undici's, driven through its lowest layer (`Agent.dispatch` with a handler: no streams, no
 * AbortController, no `ClientRequest`): it costs well under half of node:http's CPU per request, and delivery is
 * mostly that. On the wire nothing differs from a node:http POST but the order and case of the two headers the client
 * adds itself (`host`, `connection: keep-alive`, first rather than last): the same header values, the body's bytes and
 * a `content-length` of their UTF-8 length. undici is loaded on the first send, not with the module: its entry point
 * is 110 modules (about 95 ms of CPU), which the mock's start-up does not need.
 *
 * @module
 */

import type { Socket } from 'node:net';
import type { Agent, Dispatcher } from 'undici';

let undici: Promise<typeof import('undici')> | undefined;

export interface SendRequest {
  url: string;
  headers: Record<string, string>;
  body: string;
  /** Wall-clock ms from the first byte sent to the final status line. */
  timeoutMs: number;
}

export interface SendResult {
  /** The receiver's final status; null when none came. */
  status: number | null;
  /** At most 1 KiB of the answer. */
  responseBody: string;
  error: string | null;
  /** No final status line came within the timeout. */
  timedOut: boolean;
  /** Wall-clock ms. */
  durationMs: number;
  /**
   * The first send of this request, when a kept-alive connection closed under it with no answer and this result is
   * its resend on a fresh connection (within the same timeout).
   */
  earlier?: SendResult;
}

export interface Sender {
  send(request: SendRequest): Promise<SendResult>;
  /** Closes idle connections. */
  close(): void;
}

const MAX_RESPONSE_BODY = 1024;

/** What undici tells of the connection a request failed on (its socket errors carry it). */
interface FailedSocket {
  code?: string;
  socket?: { bytesRead?: number };
}

/**
 * Whether a request with no answer failed because a kept-alive connection was closed under it: the connection had
 * carried an earlier answer (bytes read) and closed or reset before any of this one came. (The receiver may still
 * have read the request: the resend is recorded as an attempt of its own.)
 */
function closedUnderReuse(error: unknown): boolean {
  const e = error as FailedSocket;
  return e.code === 'UND_ERR_SOCKET' && (e.socket?.bytesRead ?? 0) > 0;
}

const REQUEST_LINE = /^[A-Z]+ \S+ HTTP\/1\.1\r\n/;
const CONTINUE_LINES = ['HTTP/1.1 100', 'HTTP/1.0 100'];
/** A `100` head longer than this is not skipped (undici then refuses it). */
const MAX_CONTINUE_HEAD = 8 * 1024;

/**
 * Makes a connection's reads drop a `100 Continue` answer that comes before a request's final answer: the mock never
 * sends `Expect: 100-continue`, so such an answer is unsolicited, and RFC 9110 (15.2) has the client skip it; undici
 * destroys the connection instead. A request's head written on the connection starts the watch; the first bytes that
 * are not a `100` head end it, so a body is never looked into.
 */
function skipContinue(socket: Socket): void {
  let watching = false;
  let held: Buffer | null = null;
  const write = socket.write;
  socket.write = function (this: Socket, chunk: unknown, ...rest: unknown[]) {
    if (typeof chunk === 'string' && REQUEST_LINE.test(chunk)) {
      watching = true;
      held = null;
    }
    return (write as (...args: unknown[]) => boolean).call(this, chunk, ...rest);
  } as Socket['write'];
  const read = socket.read.bind(socket);
  socket.read = ((size?: number) => {
    for (;;) {
      const chunk = read(size) as Buffer | string | null;
      if (!watching || chunk === null || typeof chunk === 'string') return chunk;
      let data = held ? Buffer.concat([held, chunk]) : chunk;
      held = null;
      while (data.length > 0) {
        const start = data.subarray(0, 12).toString('latin1');
        if (!CONTINUE_LINES.some((line) => line.startsWith(start))) break;
        const end = data.indexOf('\r\n\r\n');
        if (end < 0 && data.length < MAX_CONTINUE_HEAD) {
          held = data;
          data = data.subarray(data.length);
          break;
        }
        if (end < 0) break;
        data = data.subarray(end + 4);
      }
      if (held === null && data.length > 0) {
        watching = false;
        return data;
      }
      // Everything read so far was skipped or is held: read on (null once the socket has nothing more).
    }
  }) as Socket['read'];
}

/** Where a URL's requests go, or why they cannot. */
type Target = { origin: string; path: string } | { error: string };

type Exchange = SendResult & { stale: boolean };

export function createHttpSender(options: { maxSockets?: number; wallNow?: () => number } = {}): Sender {
  const wallNow = options.wallNow ?? Date.now;
  // Made on first use and again after `close()`, so a closed sender still sends (a worker started again).
  let agent: Agent | undefined;
  const agentNow = async (): Promise<Agent> => {
    if (agent) return agent;
    undici ??= import('undici');
    const { Agent, buildConnector } = await undici;
    const connector = buildConnector({});
    agent ??= new Agent({
      connections: options.maxSockets ?? 64,
      pipelining: 1,
      connect: (opts, callback) =>
        connector(opts, (error, socket) => {
          if (socket) skipContinue(socket);
          (callback as (e: Error | null, s: Socket | null) => void)(error, socket);
        }),
    });
    return agent;
  };
  // A system's endpoint is one URL sent to thousands of times: parsed once.
  const targets = new Map<string, Target>();
  const targetOf = (url: string): Target => {
    let t = targets.get(url);
    if (t === undefined) {
      try {
        const u = new URL(url);
        t =
          u.protocol === 'http:' || u.protocol === 'https:'
            ? { origin: u.origin, path: u.pathname + u.search }
            : { error: `not an http(s) URL: ${url}` };
      } catch {
        t = { error: `not a URL: ${url}` };
      }
      if (targets.size >= 1_000) targets.clear();
      targets.set(url, t);
    }
    return t;
  };

  /** One exchange, given `waitMs` for its final status line (`timeoutMs` is what the error names). */
  const once = (
    dispatcher: Agent,
    request: SendRequest,
    target: { origin: string; path: string },
    waitMs: number,
  ): Promise<Exchange> =>
    new Promise((resolve) => {
      const started = wallNow();
      let settled = false;
      let status: number | null = null;
      const chunks: Buffer[] = [];
      let size = 0;
      let controller: Dispatcher.DispatchController | undefined;
      const body = () => Buffer.concat(chunks).toString('utf8');
      const finish = (r: Omit<SendResult, 'durationMs'>, stale = false) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        resolve({ ...r, durationMs: Math.max(0, wallNow() - started), stale });
      };
      const timer = setTimeout(() => {
        // A final status that came in time stands (B.7: the 2xx acknowledges); only its body was slow.
        if (status !== null)
          finish({
            status,
            responseBody: body(),
            error: `the answer's body did not end within ${request.timeoutMs} ms (its start is kept)`,
            timedOut: false,
          });
        else
          finish({ status: null, responseBody: '', error: `no answer within ${request.timeoutMs} ms`, timedOut: true });
        controller?.abort(new Error('timed out'));
      }, waitMs);
      const handler: Dispatcher.DispatchHandler = {
        onRequestStart(c) {
          controller = c;
          if (settled) c.abort(new Error('timed out'));
        },
        onResponseStart(c, statusCode) {
          if (statusCode < 100) {
            finish({
              status: null,
              responseBody: '',
              error: `invalid status line: status ${String(statusCode).padStart(3, '0')} is not an HTTP status`,
              timedOut: false,
            });
            c.abort(new Error('invalid status line'));
            return;
          }
          // 1xx: informational, the final answer is still to come.
          if (statusCode >= 200) status = statusCode;
        },
        onResponseData(_c, chunk) {
          if (size < MAX_RESPONSE_BODY) chunks.push(chunk.subarray(0, MAX_RESPONSE_BODY - size));
          size += chunk.length;
        },
        onResponseEnd() {
          finish({ status, responseBody: body(), error: null, timedOut: false });
        },
        onResponseError(_c, err) {
          const code = (err as FailedSocket).code;
          finish(
            {
              status,
              responseBody: status === null ? '' : body(),
              error: code ? `${code}: ${err.message}` : err.message,
              timedOut: false,
            },
            status === null && closedUnderReuse(err),
          );
        },
      };
      dispatcher.dispatch(
        { origin: target.origin, path: target.path, method: 'POST', headers: request.headers, body: request.body },
        handler,
      );
    });

  const plain = ({ stale: _, ...result }: Exchange): SendResult => result;

  return {
    async send(request: SendRequest): Promise<SendResult> {
      const target = targetOf(request.url);
      if ('error' in target)
        return { status: null, responseBody: '', error: target.error, timedOut: false, durationMs: 0 };
      const dispatcher = agent ?? (await agentNow());
      const deadline = wallNow() + request.timeoutMs;
      const first = await once(dispatcher, request, target, request.timeoutMs);
      const left = deadline - wallNow();
      if (!first.stale || left <= 0) return plain(first);
      // The connection closed under the request: once more on a fresh one, in what is left of the same timeout.
      const again = await once(agent ?? (await agentNow()), request, target, left);
      const earlier = plain(first);
      return {
        ...plain(again),
        earlier: {
          ...earlier,
          error: `${earlier.error} (a kept-alive connection closed under the request: sent again on a fresh connection)`,
        },
      };
    },
    close(): void {
      const closing = agent;
      agent = undefined;
      void closing?.destroy();
    },
  };
}
