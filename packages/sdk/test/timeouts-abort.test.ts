import { describe, expect, it } from 'vitest';
import { OmniClient, RequestAbortedError, TimeoutError } from '../src/index.js';
import { json, omniError, T0, tokenData } from './support/fake-fetch.js';

/** A fetch that answers only when `release` is called, and honours its signal like the real one. */
function gate() {
  let attempts = 0;
  const waiting: Array<() => void> = [];
  const fetch = (request: Request) => {
    attempts += 1;
    return new Promise<Response>((resolve, reject) => {
      request.signal.addEventListener('abort', () => reject(request.signal.reason));
      waiting.push(() => resolve(json(200, { users: [] })));
    });
  };
  return {
    fetch,
    get attempts() {
      return attempts;
    },
    release: () => {
      for (const w of waiting.splice(0)) w();
    },
  };
}

function directory(
  fetch: (r: Request) => Promise<Response>,
  extra: Partial<ConstructorParameters<typeof OmniClient>[0]> = {},
) {
  const client = new OmniClient({ baseUrl: 'http://omni.test', systemKey: 'k', fetch, now: () => T0, ...extra });
  return client.withSession(client.restoreSession(tokenData('t')));
}

describe('timeouts', () => {
  it('throws TimeoutError with the route and the limit', async () => {
    const g = gate();
    const omni = directory(g.fetch, { timeoutMs: 15, maxRetries: 0 });
    const started = Date.now();
    const error = await omni.users.list().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error).toMatchObject({
      routeId: 'listUsers',
      method: 'GET',
      path: '/omni/users',
      timeoutMs: 15,
      neverSent: false,
    });
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('a per-call timeoutMs overrides the client’s', async () => {
    const g = gate();
    const omni = directory(g.fetch, { timeoutMs: 60_000, maxRetries: 0 });
    await expect(omni.users.list({ timeoutMs: 10 })).rejects.toMatchObject({ timeoutMs: 10 });
  });

  it('times out even when the injected fetch ignores its signal', async () => {
    const deaf = () => new Promise<Response>(() => {});
    const omni = directory(deaf, { timeoutMs: 10, maxRetries: 0 });
    await expect(omni.users.list()).rejects.toBeInstanceOf(TimeoutError);
  });

  it('covers the body too: a response whose body stalls times out', async () => {
    const stalled = async () =>
      new Response(new ReadableStream({ start() {} }), {
        status: 200,
        headers: { 'content-type': 'application/json' },
      });
    const omni = directory(stalled, { timeoutMs: 20, maxRetries: 0 });
    await expect(omni.users.list()).rejects.toBeInstanceOf(TimeoutError);
  });

  it('an answer inside the limit clears the timer (no late TimeoutError)', async () => {
    const omni = directory(async () => json(200, { users: [] }), { timeoutMs: 5 });
    await expect(omni.users.list()).resolves.toEqual({ users: [] });
    await new Promise((r) => setTimeout(r, 15));
  });
});

describe('cancellation with AbortSignal', () => {
  it('an already aborted signal sends nothing', async () => {
    const g = gate();
    const omni = directory(g.fetch);
    const controller = new AbortController();
    controller.abort(new Error('user left'));
    const error = await omni.users.list({ signal: controller.signal }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RequestAbortedError);
    expect((error as RequestAbortedError).cause).toEqual(new Error('user left'));
    expect(g.attempts).toBe(0);
  });

  it('aborting in flight rejects at once and is not retried, even on an idempotent route', async () => {
    const g = gate();
    const omni = directory(g.fetch, { maxRetries: 3 });
    const controller = new AbortController();
    const pending = omni.users.list({ signal: controller.signal });
    await new Promise((r) => setTimeout(r, 5));
    controller.abort();
    await expect(pending).rejects.toBeInstanceOf(RequestAbortedError);
    expect(g.attempts).toBe(1);
  });

  it('aborting while waiting to retry stops the wait', async () => {
    let attempts = 0;
    const failing = async () => {
      attempts += 1;
      return omniError(503, 'INTERNAL', 'down');
    };
    const omni = directory(failing, { maxRetries: 5, retryDelay: { baseMs: 60_000, maxMs: 60_000 } });
    const controller = new AbortController();
    const started = Date.now();
    const pending = omni.users.list({ signal: controller.signal });
    setTimeout(() => controller.abort(), 10);
    await expect(pending).rejects.toBeInstanceOf(RequestAbortedError);
    expect(attempts).toBe(1);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('a signal that never fires changes nothing', async () => {
    const omni = directory(async () => json(200, { users: [] }));
    await expect(omni.users.list({ signal: new AbortController().signal })).resolves.toEqual({ users: [] });
  });
});
