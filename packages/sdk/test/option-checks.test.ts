import { afterEach, describe, expect, it } from 'vitest';
import { OmniClient, type OmniClientOptions, ServerError, TimeoutError } from '../src/index.js';
import { retryDelay } from '../src/internal/retry-policy.js';
import { tokenData } from './support/fake-fetch.js';
import { type LocalServer, startLocalServer } from './support/local-server.js';

/**
 * Numeric options are checked: each is read in a comparison or a timer, where a NaN (an unset
 * environment variable through `Number(…)`), 0, a negative value or a string did not fail but
 * meant unbounded retries or no timeout at all.
 */
const servers: LocalServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

/** A server answering 503 to everything, or (`silent`) never answering. */
async function serve(kind: 'down' | 'silent'): Promise<LocalServer> {
  const server = await startLocalServer((_, res) => {
    if (kind === 'down') {
      res.writeHead(503);
      res.end();
    }
  });
  servers.push(server);
  return server;
}

function directory(baseUrl: string, extra: Partial<OmniClientOptions>) {
  const client = new OmniClient({ baseUrl, systemKey: 'k', ...extra });
  return client.withSession(client.restoreSession(tokenData('t', Date.now() + 3600_000)));
}

const base = { baseUrl: 'http://127.0.0.1:9', systemKey: 'k' };

describe('client options', () => {
  it.each([
    ['maxRetries', { maxRetries: Number.NaN }, /OmniClient: maxRetries must be a whole number, 0 or more; got NaN/],
    ['maxRetries', { maxRetries: -1 }, /maxRetries .* got -1/],
    ['maxRetries', { maxRetries: 1.5 }, /maxRetries .* got 1\.5/],
    ['maxRetries', { maxRetries: Number.POSITIVE_INFINITY }, /maxRetries .* got Infinity/],
    ['maxRetries', { maxRetries: '2' }, /maxRetries .* got "2"/],
    ['timeoutMs', { timeoutMs: Number.NaN }, /OmniClient: timeoutMs must be a number of milliseconds above 0.*got NaN/],
    ['timeoutMs', { timeoutMs: 0 }, /timeoutMs .* got 0/],
    ['timeoutMs', { timeoutMs: -1 }, /timeoutMs .* got -1/],
    ['timeoutMs', { timeoutMs: '500' }, /timeoutMs .* got "500"/],
    ['timeoutMs', { timeoutMs: 2 ** 31 }, /timeoutMs .* got 2147483648/],
    ['refreshMarginMs', { refreshMarginMs: Number.NaN }, /OmniClient: refreshMarginMs .* got NaN/],
    ['refreshMarginMs', { refreshMarginMs: -5 }, /refreshMarginMs .* got -5/],
    ['retryDelay.baseMs', { retryDelay: { baseMs: Number.NaN } }, /OmniClient: retryDelay\.baseMs .* got NaN/],
    ['retryDelay.maxMs', { retryDelay: { maxMs: -1 } }, /retryDelay\.maxMs .* got -1/],
    [
      'retryDelay.maxRetryAfterMs',
      { retryDelay: { maxRetryAfterMs: Number.POSITIVE_INFINITY } },
      /retryDelay\.maxRetryAfterMs .* got Infinity/,
    ],
    ['retryDelay', { retryDelay: 500 }, /OmniClient: retryDelay must be an object/],
  ])('refuses a bad %s with a TypeError naming it (%o)', (_name, extra, message) => {
    const make = () => new OmniClient({ ...base, ...(extra as Partial<OmniClientOptions>) });
    expect(make).toThrow(TypeError);
    expect(make).toThrow(message);
  });

  it('takes every value the README allows: 0 retries, Infinity for no timeout, a 0 margin and 0 delays', () => {
    expect(
      () =>
        new OmniClient({
          ...base,
          maxRetries: 0,
          timeoutMs: Number.POSITIVE_INFINITY,
          refreshMarginMs: 0,
          retryDelay: { baseMs: 0, maxMs: 0, maxRetryAfterMs: 0 },
        }),
    ).not.toThrow();
    expect(() => new OmniClient({ ...base, maxRetries: 5, timeoutMs: 1, retryDelay: { baseMs: 1 } })).not.toThrow();
  });

  it('maxRetries from an unset environment variable no longer means endless retries', async () => {
    // Before: 500+ requests in 2 s against this server, and a promise that never settled.
    const down = await serve('down');
    expect(() => directory(down.url, { maxRetries: Number(process.env['OMNI_UNSET_MAX_RETRIES']) })).toThrow(
      /maxRetries/,
    );
    expect(down.received).toHaveLength(0);
  });
});

describe('per-call options', () => {
  it('a NaN maxRetries for one call is refused before any request', async () => {
    const down = await serve('down');
    const omni = directory(down.url, { retryDelay: { baseMs: 1, maxMs: 1 } });
    await expect(omni.users.list({ maxRetries: Number.NaN })).rejects.toThrow(
      /listUsers: options\.maxRetries must be a whole number, 0 or more; got NaN/,
    );
    expect(down.received).toHaveLength(0);
    // A valid one still bounds the retries: 1 attempt + 2 retries.
    await expect(omni.users.list({ maxRetries: 2 })).rejects.toBeInstanceOf(ServerError);
    expect(down.received).toHaveLength(3);
  });

  it.each([Number.NaN, 0, -1, '500'])(
    'a timeoutMs of %o for one call is refused before any request (it used to mean no timeout)',
    async (timeoutMs) => {
      const silent = await serve('silent');
      const omni = directory(silent.url, { maxRetries: 0 });
      await expect(omni.users.list({ timeoutMs: timeoutMs as number })).rejects.toThrow(
        /listUsers: options\.timeoutMs must be a number of milliseconds above 0/,
      );
      expect(silent.received).toHaveLength(0);
    },
  );

  it('a valid per-call timeout still applies over HTTP', async () => {
    const silent = await serve('silent');
    const omni = directory(silent.url, { maxRetries: 0 });
    await expect(omni.users.list({ timeoutMs: 50 })).rejects.toBeInstanceOf(TimeoutError);
  });

  it('authorize checks its per-call options too', async () => {
    const down = await serve('down');
    const client = new OmniClient({ baseUrl: down.url, systemKey: 'k' });
    await expect(client.authorize('agent1', 'password1', { timeoutMs: -1 })).rejects.toThrow(
      /authorize: options\.timeoutMs/,
    );
    expect(down.received).toHaveLength(0);
  });
});

describe('retryDelay', () => {
  it('stops on a budget that is not a number, rather than retrying forever', () => {
    const policy = { maxRetries: Number.NaN, baseMs: 1, maxMs: 1, maxRetryAfterMs: 1, random: () => 0 };
    const failure = new ServerError({
      routeId: 'listUsers',
      method: 'GET',
      path: '/omni/users',
      status: 503,
      errorCode: undefined,
      detail: 'down',
      body: '',
      headers: new Headers(),
    });
    expect(retryDelay(policy, true, failure, 0, Date.now())).toBeUndefined();
    expect(retryDelay({ ...policy, maxRetries: 1 }, true, failure, 0, Date.now())).toBe(1);
  });
});
