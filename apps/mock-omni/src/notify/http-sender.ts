/**
 * The HTTP side of delivery: one POST, answered or not within a wall-clock timeout. Keep-alive connections to the
 * receiver are reused (the throughput depends on it); a request that fails on a reused connection the receiver had
 * just closed is sent once more on a fresh one, since the receiver never saw it.
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

import type { Agent, Dispatcher } from 'undici';

let undici: Promise<typeof import('undici')> | undefined;

export interface SendRequest {
  url: string;
  headers: Record<string, string>;
  body: string;
  /** Wall-clock ms to get the whole answer. */
  timeoutMs: number;
}

export interface SendResult {
  /** The receiver's status; null when none came. */
  status: number | null;
  /** At most 1 KiB of the answer. */
  responseBody: string;
  error: string | null;
  timedOut: boolean;
  /** Wall-clock ms. */
  durationMs: number;
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
 * carried an earlier answer (bytes read) and closed or reset before any of this one came.
 */
function closedUnderReuse(error: unknown): boolean {
  const e = error as FailedSocket;
  return e.code === 'UND_ERR_SOCKET' && (e.socket?.bytesRead ?? 0) > 0;
}

/** Where a URL's requests go, or why they cannot. */
type Target = { origin: string; path: string } | { error: string };

export function createHttpSender(options: { maxSockets?: number; wallNow?: () => number } = {}): Sender {
  const wallNow = options.wallNow ?? Date.now;
  // Made on first use and again after `close()`, so a closed sender still sends (a worker started again).
  let agent: Agent | undefined;
  const agentNow = async (): Promise<Agent> => {
    if (agent) return agent;
    undici ??= import('undici');
    const { Agent } = await undici;
    agent ??= new Agent({ connections: options.maxSockets ?? 64, pipelining: 1 });
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

  const once = (
    dispatcher: Agent,
    request: SendRequest,
    target: { origin: string; path: string },
    started: number,
  ): Promise<SendResult & { stale: boolean }> =>
    new Promise((resolve) => {
      let settled = false;
      let status: number | null = null;
      const chunks: Buffer[] = [];
      let size = 0;
      let controller: Dispatcher.DispatchController | undefined;
      const finish = (r: Omit<SendResult, 'durationMs'>, stale = false) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        resolve({ ...r, durationMs: Math.max(0, wallNow() - started), stale });
      };
      const timer = setTimeout(() => {
        finish({ status: null, responseBody: '', error: `no answer within ${request.timeoutMs} ms`, timedOut: true });
        controller?.abort(new Error('timed out'));
      }, request.timeoutMs);
      const handler: Dispatcher.DispatchHandler = {
        onRequestStart(c) {
          controller = c;
          if (settled) c.abort(new Error('timed out'));
        },
        onResponseStart(_c, statusCode) {
          status = statusCode;
        },
        onResponseData(_c, chunk) {
          if (size < MAX_RESPONSE_BODY) chunks.push(chunk.subarray(0, MAX_RESPONSE_BODY - size));
          size += chunk.length;
        },
        onResponseEnd() {
          finish({ status, responseBody: Buffer.concat(chunks).toString('utf8'), error: null, timedOut: false });
        },
        onResponseError(_c, err) {
          const code = (err as FailedSocket).code;
          finish(
            {
              status,
              responseBody: '',
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

  return {
    async send(request: SendRequest): Promise<SendResult> {
      const started = wallNow();
      const target = targetOf(request.url);
      if ('error' in target)
        return { status: null, responseBody: '', error: target.error, timedOut: false, durationMs: 0 };
      const dispatcher = agent ?? (await agentNow());
      const first = await once(dispatcher, request, target, started);
      const result = first.stale ? await once(agent ?? (await agentNow()), request, target, started) : first;
      const { stale: _, ...rest } = result;
      return rest;
    },
    close(): void {
      const closing = agent;
      agent = undefined;
      void closing?.destroy();
    },
  };
}
