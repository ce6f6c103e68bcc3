import { encodePassword } from '@omnikit/contracts';
import { ADMIN_KEY_HEADER } from '@omnikit/contracts/control';
import { createMockOmni, type MockOmni, type MockOmniOptions } from '../../src/index.js';

/** A tiny in-process client for the tests: every request goes through `mock.fetch`. */
export interface Answer<T = Record<string, unknown>> {
  status: number;
  body: T;
  headers: Headers;
}

export interface RequestOptions {
  body?: unknown;
  /** Raw body text (sent as is). */
  raw?: string;
  /** System key; `null` sends none. Default: the client's key. */
  key?: string | null;
  token?: string;
  /** The admin key; `null` sends none. Default: the client's (the mock's, from `startMock`). */
  admin?: string | null;
  headers?: Record<string, string>;
}

export class OmniTestClient {
  constructor(
    readonly mock: MockOmni,
    readonly key: string = mock.defaultSystemKey,
    readonly admin: string | undefined = undefined,
  ) {}

  withKey(key: string): OmniTestClient {
    return new OmniTestClient(this.mock, key, this.admin);
  }

  // biome-ignore lint/suspicious/noExplicitAny: tests read answers loosely and assert each field.
  async request<T = any>(method: string, path: string, opts: RequestOptions = {}): Promise<Answer<T>> {
    const headers: Record<string, string> = { ...(opts.headers ?? {}) };
    const key = opts.key === undefined ? this.key : opts.key;
    if (key !== null) headers.Authorization = `Key=${key}`;
    if (opts.token) headers.tokenKey = opts.token;
    const admin = opts.admin === undefined ? this.admin : opts.admin;
    if (admin) headers[ADMIN_KEY_HEADER] = admin;
    let body: string | undefined;
    if (opts.raw !== undefined) body = opts.raw;
    else if (opts.body !== undefined) body = JSON.stringify(opts.body);
    if (body !== undefined && !Object.keys(headers).some((h) => h.toLowerCase() === 'content-type'))
      headers['Content-Type'] = 'application/json';
    const res = await this.mock.fetch(new Request(`http://mock.local${path}`, { method, headers, body }));
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      // not JSON (docs assets): keep the text
    }
    return { status: res.status, body: parsed as T, headers: res.headers };
  }

  /** Authorizes a demo (or any) user and returns the token. */
  async login(userName = 'agent1', password = `password${userName.replace(/\D/g, '') || '1'}`): Promise<string> {
    return (await this.authorize(userName, password)).token;
  }

  /** Authorizes a demo (or any) user: its token and its user id. */
  async authorize(
    userName = 'agent1',
    password = `password${userName.replace(/\D/g, '') || '1'}`,
  ): Promise<{ token: string; userId: number }> {
    const res = await this.request('POST', '/omni/user/authorize', {
      body: { user_name: userName, password: encodePassword(password) },
    });
    if (res.status !== 200) throw new Error(`authorize ${userName} failed: ${res.status} ${JSON.stringify(res.body)}`);
    return { token: res.body.token_key as string, userId: Number(res.body.user_id) };
  }

  async advance(ms: number): Promise<Answer> {
    return this.request('POST', '/__mock/clock/advance', { body: { ms } });
  }
}

export async function startMock(options: MockOmniOptions = {}): Promise<{ mock: MockOmni; client: OmniTestClient }> {
  const mock = await createMockOmni({ clock: 'manual', logger: silentLogger, ...options });
  return { mock, client: new OmniTestClient(mock, mock.defaultSystemKey, options.adminKey) };
}

export const silentLogger = { info: () => {}, error: () => {} };
