import { routes } from '@omnikit/contracts';
import { describe, expect, it } from 'vitest';
import { type CurrentRouteId, METHOD_NAMES, OmniClient, ResponseValidationError } from '../src/index.js';
import { fakeFetch, json, type Seen, T0, tokenData } from './support/fake-fetch.js';

function setup(answer: (req: Seen) => Response, extra: { validateResponses?: boolean } = {}) {
  const fake = fakeFetch(answer);
  const client = new OmniClient({
    baseUrl: 'http://omni.test/base/',
    systemKey: 'sys-key',
    fetch: fake.fetch,
    now: () => T0,
    ...extra,
  });
  const session = client.restoreSession(tokenData('tok-1', T0 + 3600_000, 2));
  return { fake, client, session, agent: client.agent(session), omni: client.withSession(session) };
}

const ok = () => json(200, { success: true, detail: 'done' });

describe('generated methods', () => {
  it('one method per current route, none for the deprecated aliases', () => {
    const { agent } = setup(ok);
    const bag = agent as unknown as Record<string, unknown>;
    const found: string[] = [];
    for (const [id, route] of Object.entries(routes)) {
      const name = (METHOD_NAMES as Record<string, string>)[id];
      if (route.deprecated) {
        expect(name, id).toBeUndefined();
        continue;
      }
      expect(name, id).toBeTypeOf('string');
      if (id === 'authorize') continue;
      const holder = (route.group === 'agent' ? bag : bag[route.group]) as Record<string, unknown>;
      expect(holder[name as string], id).toBeTypeOf('function');
      found.push(id);
    }
    const current = Object.entries(routes).filter(([, r]) => !r.deprecated).length;
    expect(found).toHaveLength(current - 1);
    const deprecated = Object.values(routes)
      .filter((r) => r.deprecated)
      .map((r) => r.id);
    expect(deprecated.sort()).toEqual([
      'archiveLeadsLegacy',
      'authorizeLegacyLogin',
      'authorizeLegacyLoginAuthorize',
      'bulkUploadLeadsLegacy',
      'dearchiveLeadsLegacy',
      'loginLegacy',
    ]);
  });

  it('withSession holds the directory only; agent adds the agent’s own routes', () => {
    const { omni, agent } = setup(ok);
    expect(Object.keys(omni).sort()).toEqual(
      [
        'archive',
        'campaigns',
        'leads',
        'lists',
        'messagingCampaigns',
        'notifications',
        'recordings',
        'session',
        'templates',
        'users',
      ].sort(),
    );
    expect(omni).not.toHaveProperty('messaging');
    expect(omni).not.toHaveProperty('conversations');
    for (const key of [
      'get',
      'login',
      'logout',
      'state',
      'calls',
      'shotgun',
      'preview',
      'messaging',
      'conversations',
      'messages',
      'userId',
      'campaigns',
      'templates',
    ]) {
      expect(agent, key).toHaveProperty(key);
    }
    expect(agent.userId).toBe(2);
  });

  it('the archive service gets the system key only (A.3): no tokenKey, with a session or without', async () => {
    const { fake, client, omni } = setup(() =>
      json(200, {
        message: 'lead_ids batch was successfully processed',
        select_count: 0,
        insert_count: 0,
        update_count: 0,
        delete_count: 0,
        http_code: 200,
      }),
    );
    const body = { insert_leads: true, update_leads: false, delete_leads: true, lead_ids: [0, 1] };
    await client.archive.archive(body);
    await client.archive.dearchive({ insert_leads: true, delete_leads: true, lead_ids: [3] });
    await omni.archive.archive(body);
    const paths = fake.seen.map((s) => s.url.pathname);
    expect(paths).toEqual([
      '/base/vicidial/leads/archive',
      '/base/vicidial/leads/dearchive',
      '/base/vicidial/leads/archive',
    ]);
    for (const s of fake.seen) {
      expect(s.method).toBe('POST');
      expect(s.headers.get('authorization')).toBe('Key=sys-key');
      expect(s.headers.get('content-type')).toBe('application/json');
      expect(s.headers.get('tokenkey')).toBeNull();
    }
    expect(JSON.parse((fake.seen[0] as Seen).body)).toEqual(body);
  });

  it('sends Authorization: Key=, tokenKey, JSON bodies, positional ids and queries', async () => {
    const { fake, agent, omni } = setup((req) =>
      req.url.pathname.endsWith('/leads')
        ? json(200, { list_id: 3, page: 2, page_size: 10, total: 0, leads: [] })
        : ok(),
    );
    await agent.login({ campaign_id: 1, extension: '1002' });
    await agent.state({ state: 'paused', pause_code: 'BREAK' });
    await agent.calls.dispose(55, { disposition_code: 'SALE', notes: 'n' });
    await omni.campaigns.update(4, { HoursPerWorkingDay: 6, ProgressiveThreshold: 2 });
    await omni.lists.leads(3, { status: 'NEW', page: 2, page_size: 10 });
    await omni.leads.delete(8);
    const [login, state, dispose, update, leads, del] = fake.seen as [Seen, Seen, Seen, Seen, Seen, Seen];
    for (const s of fake.seen) {
      expect(s.headers.get('authorization')).toBe('Key=sys-key');
      expect(s.headers.get('tokenkey')).toBe('tok-1');
      expect(s.headers.get('accept')).toBe('application/json');
    }
    expect([login.method, login.url.pathname, JSON.parse(login.body)]).toEqual([
      'POST',
      '/base/omni/users/2/login',
      { campaign_id: 1, extension: '1002' },
    ]);
    expect(login.headers.get('content-type')).toBe('application/json');
    expect([state.url.pathname, JSON.parse(state.body)]).toEqual([
      '/base/omni/users/2/state',
      { state: 'paused', pause_code: 'BREAK' },
    ]);
    expect([dispose.url.pathname, JSON.parse(dispose.body)]).toEqual([
      '/base/omni/voice/2/call/55/dispose',
      { disposition_code: 'SALE', notes: 'n' },
    ]);
    expect([update.method, update.url.pathname, JSON.parse(update.body)]).toEqual([
      'PUT',
      '/base/omni/campaign/4',
      { HoursPerWorkingDay: 6, ProgressiveThreshold: 2 },
    ]);
    expect([leads.method, leads.url.pathname, leads.url.search]).toEqual([
      'GET',
      '/base/omni/list/3/leads',
      '?status=NEW&page=2&page_size=10',
    ]);
    expect(leads.body).toBe('');
    expect(leads.headers.get('content-type')).toBeNull();
    expect([del.method, del.url.pathname]).toEqual(['DELETE', '/base/omni/lead/8']);
  });

  it('sends the documented misspelling outboud_cli untouched when the caller uses it', async () => {
    const { fake, agent } = setup(() =>
      json(200, {
        call_id: 1,
        phone_number: '0800555001',
        call_state: 'initiated',
        call_start_time: '2026-01-05T08:00:00.000Z',
      }),
    );
    await agent.calls.make({ phone_number: '0800555001', outboud_cli: '442071234567', unique_id: 'crm-1' });
    expect(JSON.parse((fake.seen[0] as Seen).body)).toEqual({
      phone_number: '0800555001',
      outboud_cli: '442071234567',
      unique_id: 'crm-1',
    });
  });

  it('percent-encodes path values', async () => {
    const { fake, omni } = setup(
      () => new Response(new Uint8Array([82, 73, 70, 70]), { headers: { 'content-type': 'audio/wav' } }),
    );
    const blob = await omni.recordings.get('12_20260105080000.wav');
    expect(blob).toBeInstanceOf(Blob);
    expect(blob.type).toBe('audio/wav');
    expect(new Uint8Array(await blob.arrayBuffer())).toEqual(new Uint8Array([82, 73, 70, 70]));
    await omni.recordings.get('a/b?c').catch(() => undefined);
    expect((fake.seen[1] as Seen).url.pathname).toBe('/base/omni/recording/a%2Fb%3Fc');
  });

  it('rejects a missing path argument before sending', async () => {
    const { fake, omni } = setup(ok);
    const get = omni.campaigns.get as unknown as (...a: unknown[]) => Promise<unknown>;
    expect(() => get()).toThrow(/campaigns\.get: argument 1 \(campaign_id\)/);
    expect(fake.seen).toHaveLength(0);
  });
});

const campaign = {
  campaign_id: 1,
  campaign_name: 'Spring sale',
  campaign_type: 1,
  description: '',
  teleparam_plan_id: 0,
  caller_id: '',
  target_drop_percentage: 3,
  message_of_the_day: '',
  default_list_id: 1,
  default_phone_type: 1,
  auto_record: false,
  is_blended: false,
  degrade_to_progressive: false,
  not_ready_wait_time: 0,
  zip_tone: 0,
  zip_tone_beep: 0,
  zip_tone_wav: '',
  max_lines: 1,
  schedule_plan_id: 0,
  HoursPerWorkingDay: 8,
  ProgressiveThreshold: 0,
  wrapup_seconds: 30,
  no_answer_seconds: 25,
  amd_enabled: false,
  max_attempts: 3,
  recycle_delay_minutes: 60,
  pause_codes: ['BREAK'],
  dispositions: ['SALE'],
  inbound_dids: [],
};

describe('response validation', () => {
  it('passes a valid body through untouched, extra fields and PascalCase names included', async () => {
    const { omni } = setup(() => json(200, { ...campaign, added_by_server: 'x' }), { validateResponses: true });
    const got = await omni.campaigns.get(1);
    expect(got).toEqual({ ...campaign, added_by_server: 'x' });
    expect(got.HoursPerWorkingDay).toBe(8);
  });

  it('throws ResponseValidationError on a body that breaks the contract', async () => {
    const { omni } = setup(() => json(200, { ...campaign, campaign_type: 'progressive' }), { validateResponses: true });
    const error = (await omni.campaigns.get(1).catch((e: unknown) => e)) as ResponseValidationError;
    expect(error).toBeInstanceOf(ResponseValidationError);
    expect(error.issues[0]?.path).toBe('campaign_type');
    expect(error).toMatchObject({ routeId: 'getCampaign', status: 200, path: '/omni/campaign/1' });
  });

  it('with validation off the same body is returned as is', async () => {
    const { omni } = setup(() => json(200, { ...campaign, campaign_type: 'progressive' }), {
      validateResponses: false,
    });
    await expect(omni.campaigns.get(1)).resolves.toMatchObject({ campaign_type: 'progressive' });
  });

  it('defaults: on in tests, off when NODE_ENV is production', async () => {
    const answer = () => json(200, { users: 'nope' });
    await expect(setup(answer).omni.users.list()).rejects.toBeInstanceOf(ResponseValidationError);
    const before = process.env['NODE_ENV'];
    process.env['NODE_ENV'] = 'production';
    try {
      await expect(setup(answer).omni.users.list()).resolves.toEqual({ users: 'nope' });
    } finally {
      process.env['NODE_ENV'] = before;
    }
  });

  it('a 2xx that is not JSON is always an error', async () => {
    const { omni } = setup(() => new Response('OK', { status: 200 }), { validateResponses: false });
    await expect(omni.users.list()).rejects.toBeInstanceOf(ResponseValidationError);
  });
});

describe('client options', () => {
  it('rejects a missing base URL or key', () => {
    expect(() => new OmniClient({ baseUrl: 'omni.test', systemKey: 'k' })).toThrow(/baseUrl/);
    expect(() => new OmniClient({ baseUrl: 'http://omni.test', systemKey: '' })).toThrow(/systemKey/);
  });

  it('names every current route id in METHOD_NAMES', () => {
    const ids = Object.entries(routes)
      .filter(([, r]) => !r.deprecated)
      .map(([id]) => id as CurrentRouteId);
    expect(Object.keys(METHOD_NAMES).sort()).toEqual([...ids].sort());
  });
});
