import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consoleError } from '../../src/shared/console-errors.js';
import { consoleRoutes } from '../../src/shared/console-routes.js';
import { ConsoleBrowser, type ConsoleFixture, startConsoleFixture } from './console-fixture.js';

let fx: ConsoleFixture;
let browser: ConsoleBrowser;

/** The id of the newest request Omni (the mock) received: unchanged means no request reached it. */
async function omniRequests(): Promise<number> {
  const res = await fx.control('GET', '/__mock/journal?limit=1');
  const body = (await res.json()) as { entries: { id: number }[] };
  return body.entries[0]?.id ?? 0;
}

beforeAll(async () => {
  fx = await startConsoleFixture();
  browser = new ConsoleBrowser(fx.url);
  await browser.signIn();
  await fx.control('POST', '/__mock/phones/1001/register');
});
afterAll(async () => {
  await fx.close();
});

/** Every mutating console route but sign-in, with a body it would accept. */
const mutating: [string, string, unknown][] = [
  ['DELETE', '/api/session', undefined],
  ['POST', '/api/login', { campaign_id: 1 }],
  ['POST', '/api/logout', undefined],
  ['POST', '/api/state', { state: 'ready' }],
  ['POST', '/api/calls', { phone_number: '0800555008' }],
  ['POST', '/api/calls/1/hold', undefined],
  ['POST', '/api/calls/1/retrieve', undefined],
  ['POST', '/api/calls/1/hangup', undefined],
  ['POST', '/api/calls/1/connect', undefined],
  ['POST', '/api/calls/1/recording', { action: 'start' }],
  ['POST', '/api/calls/1/conference', { phone_number: '0800555001' }],
  ['POST', '/api/calls/1/dispose', { disposition_code: 'SALE' }],
  ['POST', '/api/preview/next', undefined],
  ['POST', '/api/preview/skip', { lead_id: 1 }],
  ['POST', '/api/shotgun', { phone_numbers: ['0800555008'] }],
  ['POST', '/api/shotgun/1/cancel', undefined],
  ['POST', '/api/supervisor/inbound', { did: '0861000005', phone_number: '0825550101' }],
  ['POST', '/api/conversations/1/messages', { kind: 'text', text: 'Hello' }],
  ['POST', '/api/conversations/1/read', undefined],
  ['POST', '/api/conversations/1/close', { disposition_code: 'SALE' }],
  ['POST', '/api/messaging/join', { campaign_id: 1 }],
  ['POST', '/api/messaging/state', { state: 'ready' }],
  ['POST', '/api/messaging/leave', undefined],
];

describe('CSRF', () => {
  it('the list above covers every mutating route of the route table', () => {
    const table = Object.values(consoleRoutes)
      .filter((r) => r.method !== 'GET' && r.path !== '/api/session')
      .map((r) => r.method);
    // The filter leaves out sign-in and sign-out; the list holds sign-out.
    expect(mutating.length).toBe(table.length + 1);
  });

  it.each(mutating)(
    '%s %s without X-CSRF-Token: 403 CSRF_REJECTED, no request reaches Omni',
    async (method, path, body) => {
      const before = await omniRequests();
      const res = await browser.request(method, path, body, { csrf: null });
      expect(res.status).toBe(403);
      const { error } = consoleError.parse(await res.json());
      expect(error.code).toBe('CSRF_REJECTED');
      expect(error.message).toMatch(/security token/);
      expect(await omniRequests()).toBe(before);
    },
  );

  it.each(mutating)('%s %s with a wrong token: 403, no request reaches Omni', async (method, path, body) => {
    const before = await omniRequests();
    const wrong = `${browser.csrf?.slice(0, -1)}x`;
    const res = await browser.request(method, path, body, { csrf: wrong });
    expect(res.status).toBe(403);
    expect(await omniRequests()).toBe(before);
  });

  it('another session’s token does not work either', async () => {
    const other = new ConsoleBrowser(fx.url);
    await other.signIn('agent2', 'password2');
    const res = await browser.request('POST', '/api/login', { campaign_id: 1 }, { csrf: other.csrf ?? '' });
    expect(res.status).toBe(403);
    expect((await browser.json('GET', '/api/agent')).agent_state).toBe('logged_out');
  });

  it('after all the refusals the session still works and nothing changed', async () => {
    expect((await browser.json('GET', '/api/agent')).agent_state).toBe('logged_out');
    expect((await browser.request('GET', '/api/session')).status).toBe(200);
  });
});

async function expectError(
  method: string,
  path: string,
  body: unknown,
  status: number,
  code: string,
  extra: { field?: string; omniCode?: string; rawBody?: string } = {},
) {
  const res = await browser.request(method, path, body, extra.rawBody === undefined ? {} : { rawBody: extra.rawBody });
  const text = await res.text();
  expect(res.status, text).toBe(status);
  const { error } = consoleError.parse(JSON.parse(text));
  expect(error.code).toBe(code);
  expect(error.message.length).toBeGreaterThan(10);
  expect(error.message).not.toMatch(/at .*\.ts:|stack/i);
  if (extra.field !== undefined) expect(error.field).toBe(extra.field);
  if (extra.omniCode !== undefined) expect(error.omniCode).toBe(extra.omniCode);
  return error;
}

describe('bad inputs: a clear 4xx with the error body, and nothing lost', () => {
  it('login', async () => {
    await expectError('POST', '/api/login', {}, 400, 'BAD_REQUEST', { field: 'campaign_id' });
    await expectError('POST', '/api/login', { campaign_id: 'one' }, 400, 'BAD_REQUEST', { field: 'campaign_id' });
    await expectError('POST', '/api/login', { campaign_id: -1 }, 400, 'BAD_REQUEST', { field: 'campaign_id' });
    await expectError('POST', '/api/login', undefined, 400, 'BAD_REQUEST', { rawBody: 'campaign=1' });
    const e = await expectError('POST', '/api/login', { campaign_id: 999 }, 404, 'NOT_FOUND', {
      omniCode: 'NOT_FOUND',
    });
    expect(e.message).toMatch(/Omni does not know that item/);
  });

  it('state before login: 409 in words, with Omni’s code', async () => {
    const e = await expectError('POST', '/api/state', { state: 'ready' }, 409, 'CONFLICT', {
      omniCode: 'AGENT_NOT_LOGGED_IN',
    });
    expect(e.message).toMatch(/not logged in to a campaign/);
    await expectError('POST', '/api/state', { state: 'busy' }, 400, 'BAD_REQUEST', { field: 'state' });
    await expectError('POST', '/api/state', { state: 'ready', pause_code: 'BREAK' }, 400, 'BAD_REQUEST', {
      field: 'pause_code',
    });
    await expectError('POST', '/api/state', { state: 'paused', pause_code: 'coffee break' }, 400, 'BAD_REQUEST', {
      field: 'pause_code',
    });
  });

  it('dial', async () => {
    await expectError('POST', '/api/calls', { phone_number: 'abc' }, 400, 'BAD_REQUEST', { field: 'phone_number' });
    await expectError('POST', '/api/calls', { phone_number: '0800555008', lead_id: 0 }, 400, 'BAD_REQUEST', {
      field: 'lead_id',
    });
    await expectError('POST', '/api/calls', { phone_number: '0800555008' }, 409, 'CONFLICT', {
      omniCode: 'AGENT_NOT_LOGGED_IN',
    });
  });

  it('call ids in the path', async () => {
    for (const bad of ['abc', '0', '-3', '1.5', '9999999999999999'])
      await expectError('GET', `/api/calls/${bad}`, undefined, 400, 'BAD_REQUEST', { field: 'call_id' });
    await expectError('POST', '/api/calls/x/hold', undefined, 400, 'BAD_REQUEST', { field: 'call_id' });
    await expectError('GET', '/api/calls/4242', undefined, 404, 'NOT_FOUND', { omniCode: 'NOT_FOUND' });
  });

  it('call commands on a call that does not exist, and bad bodies', async () => {
    for (const command of ['hold', 'retrieve', 'hangup', 'connect']) {
      const res = await browser.request('POST', `/api/calls/4242/${command}`);
      expect([404, 409]).toContain(res.status);
      expect(consoleError.parse(await res.json()).error.omniCode).toBeDefined();
    }
    await expectError('POST', '/api/calls/4242/recording', { action: 'rewind' }, 400, 'BAD_REQUEST', {
      field: 'action',
    });
    await expectError('POST', '/api/calls/4242/conference', { phone_number: '' }, 400, 'BAD_REQUEST', {
      field: 'phone_number',
    });
    await expectError('POST', '/api/calls/4242/dispose', { disposition_code: 'sale' }, 400, 'BAD_REQUEST', {
      field: 'disposition_code',
    });
    const e = await expectError('POST', '/api/calls/4242/dispose', { disposition_code: 'CALLBK' }, 400, 'BAD_REQUEST', {
      field: 'callback_date_time',
    });
    expect(e.message).toMatch(/callback needs a date/);
    await expectError(
      'POST',
      '/api/calls/4242/dispose',
      { disposition_code: 'CALLBK', callback_date_time: 'tomorrow' },
      400,
      'BAD_REQUEST',
      { field: 'callback_date_time' },
    );
    await expectError(
      'POST',
      '/api/calls/4242/dispose',
      { disposition_code: 'SALE', notes: 'x'.repeat(2001) },
      400,
      'BAD_REQUEST',
      {
        field: 'notes',
      },
    );
  });

  it('recordings: only recording file names, proxied', async () => {
    for (const bad of ['..%2F..%2Fetc%2Fpasswd', 'x.wav', '1_2026.wav'])
      await expectError('GET', `/api/recordings/${bad}`, undefined, 400, 'BAD_REQUEST', { field: 'file' });
    await expectError('GET', '/api/recordings/77_20260105080000.wav', undefined, 404, 'NOT_FOUND');
  });

  it('leads, preview, shotgun', async () => {
    await expectError('GET', '/api/leads/lead-1', undefined, 400, 'BAD_REQUEST', { field: 'lead_id' });
    await expectError('GET', '/api/leads/999999', undefined, 404, 'NOT_FOUND', { omniCode: 'NOT_FOUND' });
    await expectError('POST', '/api/preview/skip', {}, 400, 'BAD_REQUEST', { field: 'lead_id' });
    await expectError('POST', '/api/preview/next', undefined, 409, 'CONFLICT', { omniCode: 'AGENT_NOT_LOGGED_IN' });
    await expectError('POST', '/api/shotgun', { phone_numbers: [] }, 400, 'BAD_REQUEST', { field: 'phone_numbers' });
    await expectError(
      'POST',
      '/api/shotgun',
      { phone_numbers: ['0800555001', '0800555002', '0800555003', '0800555004', '0800555005', '0800555006'] },
      400,
      'BAD_REQUEST',
      { field: 'phone_numbers' },
    );
    await expectError('POST', '/api/shotgun', { phone_numbers: ['0800555001', '0800555001'] }, 400, 'BAD_REQUEST', {
      field: 'phone_numbers.1',
    });
    await expectError('POST', '/api/shotgun', { phone_numbers: ['12'] }, 400, 'BAD_REQUEST', {
      field: 'phone_numbers.0',
    });
    await expectError('GET', '/api/shotgun/x', undefined, 400, 'BAD_REQUEST', { field: 'shotgun_id' });
    await expectError('POST', '/api/shotgun/x/cancel', undefined, 400, 'BAD_REQUEST', { field: 'shotgun_id' });
    await expectError('GET', '/api/shotgun/31337', undefined, 404, 'NOT_FOUND');
  });

  it('unknown API routes: 404 NOT_FOUND in the error body', async () => {
    await expectError('GET', '/api/nope', undefined, 404, 'NOT_FOUND');
    await expectError('PUT', '/api/session', { user_name: 'x' }, 404, 'NOT_FOUND');
  });

  it('after every refusal the session, the agent and the directory are as they were', async () => {
    expect((await browser.request('GET', '/api/session')).status).toBe(200);
    const agent = await browser.json('GET', '/api/agent');
    expect(agent).toMatchObject({ agent_state: 'logged_out', call_id: 0 });
    const { campaigns } = await browser.json<{ campaigns: unknown[] }>('GET', '/api/campaigns');
    expect(campaigns.length).toBeGreaterThan(0);
  });
});
