/**
 * The HTTP side of delivery: one POST, answered or not within a wall-clock timeout. Keep-alive agents reuse
 * connections to the receiver (the throughput depends on it); a request that fails on a reused connection the receiver
 * had just closed is sent once more on a fresh one, since the receiver never saw it. Node's TLS stack (`node:https`) is
 * loaded the first time a receiver's URL is https: a mock whose webhooks are plain http (or that sends none) starts
 * without compiling it.
 *
 * @module
 */

import http from 'node:http';
import type https from 'node:https';

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

export function createHttpSender(options: { maxSockets?: number; wallNow?: () => number } = {}): Sender {
  const wallNow = options.wallNow ?? Date.now;
  const agentOptions = { keepAlive: true, maxSockets: options.maxSockets ?? 64, scheduling: 'lifo' as const };
  const httpAgent = new http.Agent(agentOptions);
  let secure: { module: typeof https; agent: https.Agent } | undefined;
  const tls = () => {
    if (!secure) {
      const module = process.getBuiltinModule('node:https');
      secure = { module, agent: new module.Agent(agentOptions) };
    }
    return secure;
  };

  const once = (request: SendRequest, url: URL, started: number): Promise<SendResult & { reused: boolean }> =>
    new Promise((resolve) => {
      const over = url.protocol === 'https:' ? tls() : { module: http, agent: httpAgent };
      const body = Buffer.from(request.body);
      let settled = false;
      let reused = false;
      const finish = (r: Omit<SendResult, 'durationMs'>) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        resolve({ ...r, durationMs: Math.max(0, wallNow() - started), reused });
      };
      const req = over.module.request(url, {
        method: 'POST',
        agent: over.agent,
        headers: { ...request.headers, 'content-length': String(body.length) },
      });
      const timer = setTimeout(() => {
        finish({
          status: null,
          responseBody: '',
          error: `no answer within ${request.timeoutMs} ms`,
          timedOut: true,
        });
        req.destroy();
      }, request.timeoutMs);
      req.on('socket', () => {
        reused = req.reusedSocket;
      });
      req.on('response', (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          if (size < MAX_RESPONSE_BODY) chunks.push(chunk.subarray(0, MAX_RESPONSE_BODY - size));
          size += chunk.length;
        });
        res.on('end', () =>
          finish({
            status: res.statusCode ?? null,
            responseBody: Buffer.concat(chunks).toString('utf8'),
            error: null,
            timedOut: false,
          }),
        );
        res.on('error', (err) =>
          finish({ status: res.statusCode ?? null, responseBody: '', error: err.message, timedOut: false }),
        );
      });
      req.on('error', (err: NodeJS.ErrnoException) =>
        finish({
          status: null,
          responseBody: '',
          error: err.code ? `${err.code}: ${err.message}` : err.message,
          timedOut: false,
        }),
      );
      req.end(body);
    });

  return {
    async send(request: SendRequest): Promise<SendResult> {
      const started = wallNow();
      let url: URL;
      try {
        url = new URL(request.url);
      } catch {
        return { status: null, responseBody: '', error: `not a URL: ${request.url}`, timedOut: false, durationMs: 0 };
      }
      const first = await once(request, url, started);
      const staleConnection = first.reused && first.status === null && !first.timedOut;
      const result = staleConnection ? await once(request, url, started) : first;
      const { reused: _, ...rest } = result;
      return rest;
    },
    close(): void {
      httpAgent.destroy();
      secure?.agent.destroy();
    },
  };
}
