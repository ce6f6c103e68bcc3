/**
 * A started mock (manual clock, seed 1) reached one of two ways: `in-process` (the mock's own
 * fetch, base URL http://mock.local) or `http` (listening on 127.0.0.1, port 0). The sdk code is
 * the same for both; only `baseUrl` and `fetch` differ, as with the real Omni.
 *
 * @module
 */

import { createMockOmni, type MockOmni, type MockOmniOptions } from '@omnikit/mock-omni';
import { OmniClient, type OmniClientOptions } from '../../src/index.js';

/** How the test reaches the mock. */
export type Transport = 'in-process' | 'http';
export const TRANSPORTS: readonly Transport[] = ['in-process', 'http'];

export interface MockTarget {
  readonly mock: MockOmni;
  readonly baseUrl: string;
  readonly systemKey: string;
  /** The fetch the sdk uses here, counting requests by `METHOD path`. */
  readonly fetch: (request: Request) => Promise<Response>;
  readonly sent: string[];
  /** The mock's virtual now (epoch ms), kept in step by `advance`. */
  now(): number;
  client(extra?: Partial<OmniClientOptions>): OmniClient;
  /** A control-API call on this target's system. */
  control(method: string, path: string, body?: unknown): Promise<Response>;
  advance(ms: number): Promise<void>;
  close(): Promise<void>;
}

const silent = { info: () => {}, error: () => {} };

/**
 * `options` go to `createMockOmni` as given, beyond the manual clock and seed 1; an option this
 * build of the mock does not know yet (a `vary` text, say) is passed through all the same.
 */
export async function startTarget(
  transport: Transport,
  options: Partial<MockOmniOptions> & Record<string, unknown> = {},
): Promise<MockTarget> {
  const mock = await createMockOmni({ clock: 'manual', seed: 1, logger: silent, ...options });
  const listening = transport === 'http' ? await mock.listen({ port: 0 }) : undefined;
  const baseUrl = listening?.url ?? 'http://mock.local';
  const inner = listening ? (r: Request) => globalThis.fetch(r) : mock.fetch;
  const sent: string[] = [];
  const fetch = (request: Request) => {
    sent.push(`${request.method} ${new URL(request.url).pathname}`);
    return inner(request);
  };
  const systemKey = mock.defaultSystemKey;
  const control = (method: string, path: string, body?: unknown) =>
    inner(
      new Request(baseUrl + path, {
        method,
        headers: { authorization: `Key=${systemKey}`, 'content-type': 'application/json' },
        body: body === undefined ? null : JSON.stringify(body),
      }),
    );
  const clock = (await (await control('GET', '/__mock/clock')).json()) as { now_ms: number };
  let now = clock.now_ms;
  return {
    mock,
    baseUrl,
    systemKey,
    fetch,
    sent,
    now: () => now,
    client: (extra = {}) => new OmniClient({ baseUrl, systemKey, fetch, now: () => now, ...extra }),
    control,
    async advance(ms) {
      const res = await control('POST', '/__mock/clock/advance', { ms });
      if (res.status !== 200) throw new Error(`advance failed: ${res.status} ${await res.text()}`);
      now = ((await res.json()) as { clock: { now_ms: number } }).clock.now_ms;
    },
    async close() {
      await listening?.close();
      await mock.close();
    },
  };
}
