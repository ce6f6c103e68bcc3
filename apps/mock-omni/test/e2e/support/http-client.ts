import { encodePassword } from '@omnikit/contracts';

/** A tiny client over real HTTP for the end-to-end tests (the mock's tests do not use the sdk). */
export class HttpClient {
  constructor(
    readonly baseUrl: string,
    readonly key: string,
  ) {}

  // biome-ignore lint/suspicious/noExplicitAny: tests read answers loosely and assert each field.
  async request<T = any>(
    method: string,
    path: string,
    body?: unknown,
    token?: string,
  ): Promise<{ status: number; body: T }> {
    const headers: Record<string, string> = { Authorization: `Key=${this.key}` };
    if (token) headers.tokenKey = token;
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    const res = await fetch(this.baseUrl + path, {
      method,
      headers,
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      // binary or text: kept as is
    }
    return { status: res.status, body: parsed as T };
  }

  async ok(method: string, path: string, body?: unknown, token?: string) {
    const res = await this.request(method, path, body, token);
    if (res.status !== 200) throw new Error(`${method} ${path} → ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  }

  async authorize(user: string, password: string): Promise<string> {
    return (await this.ok('POST', '/omni/user/authorize', { user_name: user, password: encodePassword(password) }))
      .token_key as string;
  }

  advance(ms: number) {
    return this.ok('POST', '/__mock/clock/advance', { ms });
  }

  async now(): Promise<number> {
    return (await this.ok('GET', '/__mock/clock')).now_ms as number;
  }
}
