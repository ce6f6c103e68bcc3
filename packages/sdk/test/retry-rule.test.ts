import { routes } from '@omnikit/contracts';
import { describe, expect, it } from 'vitest';
import {
  ConnectionError,
  type CurrentRouteId,
  METHOD_NAMES,
  OmniClient,
  RateLimitError,
  ServerError,
  TimeoutError,
} from '../src/index.js';
import { fakeFetch, json, omniError, refusedError, resetError, T0, tokenData } from './support/fake-fetch.js';

/**
 * The retry rule, route by route, written out by hand from omni-api.md B.1 (not read from the
 * contracts): true = retried on 5xx, 429, timeouts and connection errors; false = retried only
 * when the connection was refused (the request never left).
 */
const RETRIED: Record<CurrentRouteId, boolean> = {
  authorize: false,
  listUsers: true,
  getUser: true,
  login: false,
  logout: true,
  setState: true,
  makeCall: false,
  getCall: true,
  holdCall: false,
  retrieveCall: false,
  hangupCall: false,
  disposeCall: false,
  recordCall: false,
  conferenceCall: false,
  connectCall: false,
  startShotgun: false,
  getShotgun: true,
  cancelShotgun: false,
  previewNext: false,
  previewSkip: false,
  createCampaign: false,
  getCampaign: true,
  listCampaigns: true,
  updateCampaign: true,
  createList: false,
  getList: true,
  listLists: true,
  listLeads: true,
  addLead: false,
  getLead: true,
  updateLead: true,
  deleteLead: true,
  bulkUploadLeads: false,
  archiveLeads: false,
  dearchiveLeads: false,
  setNotificationEndpoint: true,
  getNotificationEndpoint: true,
  deleteNotificationEndpoint: true,
  getRecording: true,
};

type Failure = {
  name: string;
  fail: () => Response | never;
  idempotentOnly: boolean;
  kind: new (...a: never[]) => Error;
};

const FAILURES: Failure[] = [
  { name: '503', fail: () => omniError(503, 'INTERNAL', 'down'), idempotentOnly: true, kind: ServerError },
  { name: '500', fail: () => omniError(500, 'INTERNAL', 'bug'), idempotentOnly: true, kind: ServerError },
  {
    name: '429',
    fail: () => omniError(429, 'RATE_LIMITED', 'slow down', {}),
    idempotentOnly: true,
    kind: RateLimitError,
  },
  {
    name: 'connection reset',
    fail: () => {
      throw resetError();
    },
    idempotentOnly: true,
    kind: ConnectionError,
  },
  {
    name: 'connection refused',
    fail: () => {
      throw refusedError();
    },
    idempotentOnly: false,
    kind: ConnectionError,
  },
];

/** Calls route `id` through the public API with placeholder arguments. */
async function invoke(client: OmniClient, id: CurrentRouteId): Promise<unknown> {
  if (id === 'authorize') return client.authorize('agent1', 'password1');
  const session = client.restoreSession(tokenData('tok'));
  const agent = client.agent(session) as unknown as Record<string, unknown>;
  const route = routes[id];
  const holder = (route.group === 'agent' ? agent : agent[route.group]) as Record<
    string,
    (...args: unknown[]) => Promise<unknown>
  >;
  const method = holder[METHOD_NAMES[id]];
  if (!method) throw new Error(`no method for ${id}`);
  const positional = [...route.path.matchAll(/\{([a-z_]+)\}/g)]
    .map((m) => m[1])
    .filter((n) => n !== 'user_id')
    .map((n) => (n === 'file' ? '12_20260105080000.wav' : 7));
  const input = route.body ? [{}] : route.query ? [undefined] : [];
  return method(...positional, ...input);
}

function client(fetch: (r: Request) => Promise<Response>) {
  return new OmniClient({
    baseUrl: 'http://omni.test',
    systemKey: 'k',
    fetch,
    maxRetries: 1,
    validateResponses: false,
    now: () => T0,
    sleep: async () => {},
    retryDelay: { baseMs: 1 },
  });
}

describe('retry rule, route by route', () => {
  it('the table covers every current route and agrees with the contracts’ idempotent flags', () => {
    expect(Object.keys(RETRIED).sort()).toEqual(Object.keys(METHOD_NAMES).sort());
    for (const [id, retried] of Object.entries(RETRIED)) {
      expect(routes[id as CurrentRouteId].idempotent, id).toBe(retried);
    }
  });

  for (const failure of FAILURES) {
    describe(failure.name, () => {
      for (const [id, idempotent] of Object.entries(RETRIED) as [CurrentRouteId, boolean][]) {
        const retried = idempotent || !failure.idempotentOnly;
        it(`${id}: ${retried ? 'retried' : 'not retried'}`, async () => {
          const fake = fakeFetch(() => failure.fail());
          const error = await invoke(client(fake.fetch), id).then(
            () => undefined,
            (e: unknown) => e,
          );
          expect(error).toBeInstanceOf(failure.kind);
          expect(fake.seen).toHaveLength(retried ? 2 : 1);
        });
      }
    });
  }

  it('a timeout is retried on an idempotent route and not on a call', async () => {
    const hang = (request: Request) =>
      new Promise<Response>((_, reject) =>
        request.signal.addEventListener('abort', () => reject(request.signal.reason)),
      );
    let attempts = 0;
    const counting = (r: Request) => {
      attempts += 1;
      return hang(r);
    };
    const c = new OmniClient({
      baseUrl: 'http://omni.test',
      systemKey: 'k',
      fetch: counting,
      timeoutMs: 10,
      maxRetries: 2,
      sleep: async () => {},
    });
    const agent = c.agent(c.restoreSession(tokenData('tok')));
    await expect(agent.campaigns.get(1)).rejects.toBeInstanceOf(TimeoutError);
    expect(attempts).toBe(3);
    attempts = 0;
    await expect(agent.calls.make({ phone_number: '0800555001' })).rejects.toBeInstanceOf(TimeoutError);
    expect(attempts).toBe(1);
  });

  it('4xx answers are never retried', async () => {
    for (const [status, code] of [
      [400, 'VALIDATION_FAILED'],
      [401, 'INVALID_SYSTEM_KEY'],
      [403, 'FORBIDDEN_USER'],
      [404, 'NOT_FOUND'],
      [409, 'INVALID_STATE'],
      [413, 'PAYLOAD_TOO_LARGE'],
    ] as const) {
      const fake = fakeFetch(() => omniError(status, code, 'no'));
      await expect(
        client(fake.fetch)
          .agent(client(fake.fetch).restoreSession(tokenData('t')))
          .campaigns.list(),
      ).rejects.toMatchObject({
        status,
      });
      expect(fake.seen, String(status)).toHaveLength(1);
    }
  });

  it('stops after maxRetries and succeeds when a retry succeeds', async () => {
    const fake = fakeFetch((_, n) => (n < 3 ? omniError(503, 'INTERNAL', 'down') : json(200, { users: [] })));
    const c = new OmniClient({
      baseUrl: 'http://omni.test',
      systemKey: 'k',
      fetch: fake.fetch,
      maxRetries: 2,
      sleep: async () => {},
    });
    const omni = c.withSession(c.restoreSession(tokenData('t')));
    await expect(omni.users.list()).resolves.toEqual({ users: [] });
    expect(fake.seen).toHaveLength(3);
    const failing = fakeFetch(() => omniError(503, 'INTERNAL', 'down'));
    const c2 = new OmniClient({
      baseUrl: 'http://omni.test',
      systemKey: 'k',
      fetch: failing.fetch,
      maxRetries: 2,
      sleep: async () => {},
    });
    await expect(
      c2.withSession(c2.restoreSession(tokenData('t'))).users.list({ maxRetries: 0 }),
    ).rejects.toBeInstanceOf(ServerError);
    expect(failing.seen).toHaveLength(1);
  });

  it('backs off exponentially with jitter and honours Retry-After', async () => {
    const delays: number[] = [];
    const fake = fakeFetch(() => omniError(500, 'INTERNAL', 'down'));
    const c = new OmniClient({
      baseUrl: 'http://omni.test',
      systemKey: 'k',
      fetch: fake.fetch,
      maxRetries: 4,
      random: () => 1 - Number.EPSILON,
      retryDelay: { baseMs: 100, maxMs: 500 },
      sleep: async (ms) => {
        delays.push(ms);
      },
    });
    const omni = c.withSession(c.restoreSession(tokenData('t')));
    await expect(omni.lists.list()).rejects.toBeInstanceOf(ServerError);
    expect(delays).toEqual([100, 200, 400, 500]);

    delays.length = 0;
    const low = new OmniClient({
      baseUrl: 'http://omni.test',
      systemKey: 'k',
      fetch: fake.fetch,
      maxRetries: 2,
      random: () => 0,
      retryDelay: { baseMs: 100 },
      sleep: async (ms) => {
        delays.push(ms);
      },
    });
    await expect(low.withSession(low.restoreSession(tokenData('t'))).lists.list()).rejects.toBeInstanceOf(ServerError);
    expect(delays).toEqual([50, 100]);

    delays.length = 0;
    const limited = fakeFetch((_, n) =>
      n === 1 ? omniError(429, 'RATE_LIMITED', 'slow down', {}) : json(200, { lists: [] }),
    );
    const rl = new OmniClient({
      baseUrl: 'http://omni.test',
      systemKey: 'k',
      fetch: async (r) => {
        const res = await limited.fetch(r);
        if (res.status !== 429) return res;
        return new Response(await res.text(), { status: 429, headers: { 'retry-after': '7' } });
      },
      sleep: async (ms) => {
        delays.push(ms);
      },
    });
    await expect(rl.withSession(rl.restoreSession(tokenData('t'))).lists.list()).resolves.toEqual({ lists: [] });
    expect(delays).toEqual([7000]);
  });

  it('does not wait for a Retry-After beyond the limit: the RateLimitError carries it', async () => {
    const fake = fakeFetch(
      () =>
        new Response(JSON.stringify({ success: false, detail: 'later', error_code: 'RATE_LIMITED' }), {
          status: 429,
          headers: { 'retry-after': '3600' },
        }),
    );
    const c = new OmniClient({ baseUrl: 'http://omni.test', systemKey: 'k', fetch: fake.fetch, sleep: async () => {} });
    const error = await c
      .withSession(c.restoreSession(tokenData('t')))
      .users.list()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitError);
    expect((error as RateLimitError).retryAfter).toBe(3600);
    expect(fake.seen).toHaveLength(1);
  });

  it('a refused connection on a call is retried, and the call then goes through once', async () => {
    const fake = fakeFetch((_, n) => {
      if (n === 1) throw refusedError();
      return json(200, {
        call_id: 9,
        phone_number: '0800555001',
        call_state: 'initiated',
        call_start_time: '2026-01-05T08:00:00.000Z',
      });
    });
    const c = new OmniClient({ baseUrl: 'http://omni.test', systemKey: 'k', fetch: fake.fetch, sleep: async () => {} });
    const call = await c.agent(c.restoreSession(tokenData('t'))).calls.make({ phone_number: '0800555001' });
    expect(call.call_id).toBe(9);
    expect(fake.seen).toHaveLength(2);
    const err = await new OmniClient({
      baseUrl: 'http://omni.test',
      systemKey: 'k',
      fetch: async () => {
        throw refusedError();
      },
      maxRetries: 0,
    })
      .authorize('agent1', 'password1')
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConnectionError);
    expect((err as ConnectionError).neverSent).toBe(true);
  });

  it('an AggregateError of refused addresses proves the request never left; a browser’s TypeError does not', async () => {
    const refusedAll = new TypeError('fetch failed', {
      cause: new AggregateError([
        Object.assign(new Error('connect ECONNREFUSED ::1:9'), { code: 'ECONNREFUSED' }),
        Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), { code: 'ECONNREFUSED' }),
      ]),
    });
    for (const [error, attempts] of [
      [refusedAll, 2],
      [new TypeError('Failed to fetch'), 1],
    ] as const) {
      let n = 0;
      const c = new OmniClient({
        baseUrl: 'http://omni.test',
        systemKey: 'k',
        fetch: async () => {
          n += 1;
          throw error;
        },
        maxRetries: 1,
        sleep: async () => {},
      });
      await expect(c.agent(c.restoreSession(tokenData('t'))).calls.hangup(3)).rejects.toBeInstanceOf(ConnectionError);
      expect(n).toBe(attempts);
    }
  });
});
