/**
 * A mock Omni (manual clock, in memory) and a console backend against it, both on real loopback
 * sockets, so notifications travel over real HTTP from the mock to the console's webhook.
 *
 * @module
 */

import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { ADMIN_KEY_HEADER } from '@omnikit/contracts/control';
import { createMockOmni, type MockOmni } from '@omnikit/mock-omni';
import { parseConsoleConfig } from '../../src/server/console-config.js';
import { type ConsoleServer, createConsoleServer } from '../../src/server/create-console-server.js';
import { CSRF_HEADER, SESSION_COOKIE } from '../../src/shared/console-routes.js';

/** What a test gets: both servers, their URLs, the console's log, and the mock's controls. */
export interface ConsoleFixture {
  mock: MockOmni;
  mockUrl: string;
  server: ConsoleServer;
  url: string;
  logs: string[];
  /** `POST /__mock/…` on the mock's control API. */
  control(method: 'GET' | 'POST' | 'PUT' | 'DELETE', path: string, body?: unknown): Promise<Response>;
  /** Moves the mock's manual clock forward. */
  advance(ms: number): Promise<void>;
  close(): Promise<void>;
}

export async function startConsoleFixture(
  options: {
    args?: string[];
    env?: Record<string, string>;
    now?: () => number;
    downstreamTimeoutMs?: number;
    /** The mock's admin key (its whole control API then wants it; `control` sends it). */
    mockAdminKey?: string;
    /** The plausible Omni the mock plays (`omni-mock --vary`). */
    vary?: string;
    /** Appended to the mock's URL in `--omni-url` (a misconfigured console). */
    omniUrlPath?: string;
    /** How often the console reads Omni's notification endpoint back (default: the server's). */
    webhookCheckMs?: number;
  } = {},
): Promise<ConsoleFixture> {
  const mock = await createMockOmni({
    clock: 'manual',
    ...(options.mockAdminKey === undefined ? {} : { adminKey: options.mockAdminKey }),
    ...(options.vary === undefined ? {} : { vary: options.vary }),
  });
  const listening = await mock.listen({ port: 0, host: '127.0.0.1' });
  const parsed = parseConsoleConfig(
    [
      '--omni-url',
      `${listening.url}${options.omniUrlPath ?? ''}`,
      '--port',
      '0',
      '--web-dir',
      '/nonexistent-web-dir',
      ...(options.args ?? []),
    ],
    options.env ?? {},
  );
  if (!parsed.ok) throw new Error(parsed.error);
  const logs: string[] = [];
  const server = createConsoleServer({
    config: parsed.config,
    log: (m) => logs.push(m),
    ...(options.now ? { now: options.now } : {}),
    ...(options.downstreamTimeoutMs === undefined ? {} : { downstreamTimeoutMs: options.downstreamTimeoutMs }),
    ...(options.webhookCheckMs === undefined ? {} : { webhookCheckMs: options.webhookCheckMs }),
  });
  const { url } = await server.listen();
  const control = (method: string, path: string, body?: unknown) =>
    fetch(`${listening.url}${path}`, {
      method,
      headers: {
        'content-type': 'application/json',
        ...(options.mockAdminKey === undefined ? {} : { [ADMIN_KEY_HEADER]: options.mockAdminKey }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  return {
    mock,
    mockUrl: listening.url,
    server,
    url,
    logs,
    control,
    async advance(ms) {
      const res = await control('POST', '/__mock/clock/advance', { ms });
      if (!res.ok) throw new Error(`advance: ${res.status} ${await res.text()}`);
    },
    async close() {
      await server.close();
      await mock.close();
    },
  };
}

/** A browser's view of the console: its cookie jar and CSRF token. */
export class ConsoleBrowser {
  cookie: string | undefined;
  csrf: string | undefined;
  lastSetCookie: string | undefined;

  constructor(readonly baseUrl: string) {}

  async request(
    method: string,
    path: string,
    body?: unknown,
    options: { csrf?: string | null; rawBody?: string } = {},
  ): Promise<Response> {
    const headers: Record<string, string> = {};
    if (this.cookie) headers.cookie = this.cookie;
    const csrf = options.csrf === undefined ? this.csrf : options.csrf;
    if (csrf !== null && csrf !== undefined) headers[CSRF_HEADER] = csrf;
    let payload: string | undefined;
    if (options.rawBody !== undefined) payload = options.rawBody;
    else if (body !== undefined) payload = JSON.stringify(body);
    if (payload !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers,
      ...(payload === undefined ? {} : { body: payload }),
    });
    const set = res.headers.get('set-cookie');
    if (set) {
      this.lastSetCookie = set;
      const value = /^([^=]+)=([^;]*)/.exec(set);
      if (value?.[1] === SESSION_COOKIE) this.cookie = value[2] === '' ? undefined : `${SESSION_COOKIE}=${value[2]}`;
    }
    return res;
  }

  async json<T = Record<string, unknown>>(method: string, path: string, body?: unknown): Promise<T> {
    const res = await this.request(method, path, body);
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text}`);
    return JSON.parse(text) as T;
  }

  async signIn(user = 'agent1', password = 'password1'): Promise<Response> {
    const res = await this.request('POST', '/api/session', { user_name: user, password });
    if (res.ok) {
      const body = (await res.clone().json()) as { csrf_token: string };
      this.csrf = body.csrf_token;
    }
    return res;
  }
}

/** Reads Server-Sent Events from a console stream. */
export class EventReader {
  readonly events: { event: string; data: unknown }[] = [];
  #controller = new AbortController();
  #done: Promise<void>;
  #waiters: (() => void)[] = [];

  private constructor(readonly response: Response) {
    this.#done = this.#read();
  }

  static async open(browser: ConsoleBrowser): Promise<EventReader> {
    const controller = new AbortController();
    const res = await fetch(`${browser.baseUrl}/api/events`, {
      headers: browser.cookie ? { cookie: browser.cookie } : {},
      signal: controller.signal,
    });
    const reader = new EventReader(res);
    reader.#controller = controller;
    return reader;
  }

  async #read(): Promise<void> {
    const body = this.response.body;
    if (!body) return;
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for await (const chunk of body) {
        buffer += decoder.decode(chunk as Uint8Array, { stream: true });
        for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          let event = 'message';
          const data: string[] = [];
          for (const line of block.split('\n')) {
            if (line.startsWith('event:')) event = line.slice(6).trim();
            else if (line.startsWith('data:')) data.push(line.slice(5).trimStart());
          }
          if (data.length === 0) continue;
          this.events.push({ event, data: JSON.parse(data.join('\n')) });
          for (const w of this.#waiters.splice(0)) w();
        }
      }
    } catch {
      // aborted
    }
    for (const w of this.#waiters.splice(0)) w();
  }

  /** Waits (wall clock, up to `ms`) until `found` holds over the events received. */
  async until(found: (events: { event: string; data: unknown }[]) => boolean, ms = 5000): Promise<void> {
    const deadline = Date.now() + ms;
    while (!found(this.events)) {
      const left = deadline - Date.now();
      if (left <= 0)
        throw new Error(
          `events: condition not met in ${ms} ms; got ${JSON.stringify(this.events.map((e) => e.event))}`,
        );
      await Promise.race([
        new Promise<void>((r) => this.#waiters.push(r)),
        new Promise<void>((r) => setTimeout(r, Math.min(left, 100))),
      ]);
    }
  }

  /** Resolves when the server ended the stream. */
  ended(): Promise<void> {
    return this.#done;
  }

  close(): void {
    this.#controller.abort();
  }
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * One request over node's own HTTP client, which (unlike fetch) sends the `Host`, `Origin` and
 * `Sec-Fetch-Site` headers it is given, as a browser or a DNS-rebinding page would.
 */
export function rawRequest(
  url: string,
  method: string,
  path: string,
  headers: Record<string, string> = {},
  body?: string,
): Promise<{ status: number; headers: IncomingHttpHeaders; text: string }> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: hostname.replace(/^\[|\]$/g, ''),
        port: Number(port),
        method,
        path,
        headers: { ...headers, ...(body === undefined ? {} : { 'content-length': String(Buffer.byteLength(body)) }) },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          text += chunk;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}
