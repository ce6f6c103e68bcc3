/**
 * The real-target path in CI: a mock in --strict mode (no control API, no magic numbers, a real
 * clock) on a free port, reached exactly as a real Omni is — through the environment variables —
 * with the agent's phone a real SIP registration. Scenarios needing the mock are `not run`.
 *
 * @module
 */

import { createMockOmni, DEMO_SYSTEM_KEY, type Listening, type MockOmni, STRICT_TEST_LINES } from '@omnikit/mock-omni';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatContractTable, runContractSuite } from '../../src/contract-suite/run-contract-suite.js';
import { library } from '../../src/library/index.js';
import { formatSuiteTable, runSuite } from '../../src/runner/run-suite.js';
import { createRealTarget, readRealTargetConfig } from '../../src/target/real-target.js';

describe('the library and the contract suite on a strict mock, configured as a real Omni', () => {
  let mock: MockOmni;
  let server: Listening;
  let env: Record<string, string>;
  beforeAll(async () => {
    mock = await createMockOmni({
      strict: true,
      clock: 'real',
      clockStart: new Date().toISOString(),
      logger: { info: () => {}, error: () => {} },
    });
    server = await mock.listen({ port: 0 });
    env = {
      OMNI_BASE_URL: server.url,
      OMNI_SYSTEM_KEY: DEMO_SYSTEM_KEY,
      OMNI_AGENT_USER: 'agent1',
      OMNI_AGENT_PASSWORD: 'password1',
      OMNI_AGENT_EXTENSION: '1001',
      OMNI_AGENT_WEBRTC_PASSWORD: 'webrtc1',
      OMNI_TEST_NUMBERS: STRICT_TEST_LINES.join(','),
    };
  });
  afterAll(async () => {
    await server.close();
    await mock.close();
  });

  it('reads its configuration from the environment, and says what is missing', () => {
    expect(readRealTargetConfig({})).toEqual({ ok: false, error: 'OMNI_BASE_URL and OMNI_SYSTEM_KEY must be set' });
    expect(readRealTargetConfig({ ...env, OMNI_AGENT_WEBRTC_PASSWORD: '' })).toEqual({
      ok: false,
      error: 'OMNI_AGENT_WEBRTC_PASSWORD not set',
    });
    expect(readRealTargetConfig({ ...env, OMNI_TEST_NUMBERS: '0870000001,call-me' })).toMatchObject({ ok: false });
    const ok = readRealTargetConfig(env);
    expect(ok.ok && ok.config.sipServer).toBe(`${server.url.replace('http', 'ws')}/ws`);
  });

  it('runs the library: what needs the mock is not run (with the reason), the rest passes', async () => {
    const config = readRealTargetConfig(env);
    if (!config.ok) throw new Error(config.error);
    // The system's own endpoint, which the run must put back.
    const headers = {
      authorization: `Key=${DEMO_SYSTEM_KEY}`,
      tokenKey: await token(server.url),
      'content-type': 'application/json',
    };
    await fetch(`${server.url}/omni/notification/endpoint`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ url: 'https://crm.example.com/omni/hook', notification_types: ['cdr', 'inbound'] }),
    });
    const before = await (await fetch(`${server.url}/omni/notification/endpoint`, { headers })).json();
    // Every request the runner sends, to check what it dials and what it changes.
    const sent: { method: string; path: string; body: Record<string, unknown> | undefined; answer: unknown }[] = [];
    const recording = async (request: Request) => {
      const text = request.body ? await request.clone().text() : '';
      const res = await globalThis.fetch(request);
      const answer = res.headers.get('content-type')?.includes('json') ? await res.clone().json() : undefined;
      sent.push({
        method: request.method,
        path: new URL(request.url).pathname,
        body: text ? JSON.parse(text) : undefined,
        answer,
      });
      return res;
    };
    const report = await runSuite(library, { target: createRealTarget(config.config, recording) });
    console.log(formatSuiteTable(report));
    const byName = Object.fromEntries(report.scenarios.map((s) => [s.name, s]));
    expect(report.counts.failed).toBe(0);
    expect(report.counts.notRun).toBeGreaterThan(0);
    expect(report.counts.passed).toBeGreaterThanOrEqual(5);
    for (const name of [
      'click-2-dial happy path',
      'hold and retrieve',
      'recording',
      'conference and connect',
      'preview',
      'SIP phone drop mid-call',
    ])
      expect(byName[name]?.status, name).toBe('passed');
    expect(byName['failure: busy']).toMatchObject({
      status: 'not run',
      reason: expect.stringContaining('dials 0800555002, a magic number'),
    });
    expect(byName['token expiry and re-authorize']).toMatchObject({
      status: 'not run',
      reason: expect.stringContaining("advancing the clock by 481 min needs the mock's control API"),
    });
    expect(byName['shotgun won']?.reason).toContain('given.calleeRules');
    // Messaging: TForge publishes no API for it, so its scenarios say so — never failed.
    for (const name of [
      'whatsapp: reply read inside the window',
      'whatsapp: window closed, template required',
      'sms: STOP opts the customer out',
      'sms: long and unicode texts in segments',
      'email: a bounce suppresses the address',
    ])
      expect(byName[name], name).toMatchObject({
        status: 'not run',
        reason: expect.stringContaining('messaging (SMS, WhatsApp, email, Messenger): not published by TForge'),
      });
    expect(sent.filter((r) => r.path.startsWith('/omni/messaging'))).toEqual([]);
    // The system's notification endpoint is put back as it was.
    const after = await (await fetch(`${server.url}/omni/notification/endpoint`, { headers })).json();
    expect(before).toMatchObject({ url: 'https://crm.example.com/omni/hook' });
    expect(after).toEqual(before);
    // Safety: only OMNI_TEST_NUMBERS were dialled…
    const dialled = sent.flatMap((r) =>
      /\/omni\/voice\/\d+\/(call|shotgun|call\/\d+\/conference)$/.test(r.path) && r.method === 'POST'
        ? [r.body?.phone_number, ...((r.body?.phone_numbers as string[] | undefined) ?? [])].filter(
            (n) => n !== undefined,
          )
        : [],
    );
    expect(dialled.length).toBeGreaterThan(5);
    for (const n of dialled) expect(STRICT_TEST_LINES).toContain(n);
    // …and only campaigns, lists and leads the run created were changed; nothing touched the control API.
    const created = new Set(
      sent
        .filter((r) => r.method === 'POST' && r.path === '/omni/campaign')
        .map((r) => (r.answer as { campaign_id: number }).campaign_id),
    );
    const changed = sent.filter((r) => r.method === 'PUT' || r.method === 'DELETE');
    for (const r of changed) {
      if (r.path.startsWith('/omni/campaign/')) expect(created).toContain(Number(r.path.split('/')[3]));
      else expect(r.path).toBe('/omni/notification/endpoint');
    }
    expect(sent.filter((r) => r.path.startsWith('/__mock'))).toEqual([]);
  }, 180_000);

  it('runs the contract suite: inbound and messaging are not run, everything else matches', async () => {
    const config = readRealTargetConfig(env);
    if (!config.ok) throw new Error(config.error);
    // Every archive/dearchive request, and the leads the suite added, to check it moves only its own.
    const archive: { path: string; body: Record<string, unknown>; status: number }[] = [];
    const added: number[] = [];
    const recording = async (request: Request) => {
      const path = new URL(request.url).pathname;
      const body = path.startsWith('/vicidial/') ? await request.clone().json() : undefined;
      const res = await globalThis.fetch(request);
      if (body) archive.push({ path, body, status: res.status });
      if (path === '/omni/lead' && res.ok) added.push(((await res.clone().json()) as { lead_id: number }).lead_id);
      return res;
    };
    const report = await runContractSuite(createRealTarget(config.config, recording));
    console.log(formatContractTable(report));
    expect(archive.length).toBeGreaterThan(4);
    expect(added.length).toBeGreaterThan(0);
    for (const { path, body } of archive) {
      // Dearchive has no update_leads (A.3): its two flags decide whether it moves anything.
      const flags = path.includes('dearchive')
        ? [body.insert_leads, body.delete_leads]
        : [body.insert_leads, body.update_leads, body.delete_leads];
      const moves = flags.some((f) => f !== false);
      if (moves) for (const id of body.lead_ids as unknown[]) expect(added).toContain(id);
    }
    const bySubject = Object.fromEntries(report.subjects.map((s) => [s.subject, s]));
    expect(bySubject['notification inbound']).toMatchObject({
      status: 'not run',
      detail: expect.stringContaining('control API'),
    });
    const messaging = report.subjects.filter((s) => s.checks.some((c) => c.source.startsWith('B.12')));
    expect(messaging.map((s) => s.subject)).toEqual([
      'POST /omni/messaging/{user_id}/message',
      'GET /omni/messaging/messages/{message_id}',
      'notification message_status',
    ]);
    for (const s of messaging) expect(s).toMatchObject({ status: 'not run', detail: 'not published by TForge' });
    expect(report.subjects.filter((s) => s.status === 'differs')).toEqual([]);
    expect(report.counts).toEqual({ matches: report.subjects.length - 4, differs: 0, notRun: 4 });
  }, 120_000);

  it('an interrupted run (Ctrl-C) cleans up the scenario under way and runs no more', async () => {
    const config = readRealTargetConfig(env);
    if (!config.ok) throw new Error(config.error);
    const headers = {
      authorization: `Key=${DEMO_SYSTEM_KEY}`,
      tokenKey: await token(server.url),
      'content-type': 'application/json',
    };
    const endpoint = async () => (await fetch(`${server.url}/omni/notification/endpoint`, { headers })).json();
    await fetch(`${server.url}/omni/notification/endpoint`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ url: 'https://crm.example.com/omni/hook' }),
    });
    const before = await endpoint();
    const stop = new AbortController();
    const picked = library.filter((s) => ['click-2-dial happy path', 'preview'].includes(s.name));
    // Ctrl-C while the call is up: the `advance` after the dial is abandoned.
    const report = await runSuite(picked, {
      target: createRealTarget(config.config),
      signal: stop.signal,
      onProgress: (line) => {
        if (line.includes('step 6/')) stop.abort();
      },
    });
    expect(report.scenarios.map((s) => [s.status, s.message ?? s.reason])).toEqual([
      ['not run', 'the run was interrupted during step 6 (advance 1500 ms)'],
      ['not run', 'the run was interrupted'],
    ]);
    // The cleanup ran: the agent logged out with no call, the endpoint put back.
    const agent = await (
      await fetch(`${server.url}/omni/users/1`, {
        headers: { ...headers, tokenKey: await token(server.url, 'agent1') },
      })
    ).json();
    expect(agent).toMatchObject({ agent_state: 'logged_out', call_id: 0 });
    expect(await endpoint()).toEqual(before);
    await fetch(`${server.url}/omni/notification/endpoint`, { method: 'DELETE', headers });
  }, 60_000);

  it('a lead the system offers is dialled only when its number is a test number', async () => {
    const config = readRealTargetConfig(env);
    if (!config.ok) throw new Error(config.error);
    // A system that hands the agent someone else's lead: the preview offer carries a real customer's number.
    const calls: string[] = [];
    const foreignLead = async (request: Request) => {
      const path = new URL(request.url).pathname;
      if (request.method === 'POST' && /\/omni\/voice\/\d+\/call$/.test(path))
        calls.push(((await request.clone().json()) as { phone_number: string }).phone_number);
      const res = await globalThis.fetch(request);
      if (!path.endsWith('/preview/next') || !res.ok) return res;
      const offer = (await res.json()) as { lead: { phone_numbers: { phone_number: string }[] } | null };
      for (const p of offer.lead?.phone_numbers ?? []) p.phone_number = '0215550123';
      return new Response(JSON.stringify(offer), { status: res.status, headers: res.headers });
    };
    const report = await runSuite(
      library.filter((s) => s.name === 'preview'),
      { target: createRealTarget(config.config, foreignLead) },
    );
    expect(report.scenarios[0]).toMatchObject({
      status: 'failed',
      message: expect.stringMatching(/dial .*the number 0215550123, which is not listed in OMNI_TEST_NUMBERS/),
    });
    expect(calls).toEqual([]);
  }, 60_000);

  it('a signed endpoint is touched only when OMNI_NOTIFICATION_SECRET can put it back signed', async () => {
    const headers = {
      authorization: `Key=${DEMO_SYSTEM_KEY}`,
      tokenKey: await token(server.url),
      'content-type': 'application/json',
    };
    const endpoint = async () => (await fetch(`${server.url}/omni/notification/endpoint`, { headers })).json();
    const hook = { url: 'https://crm.example.com/omni/signed', notification_types: ['cdr'] };
    await fetch(`${server.url}/omni/notification/endpoint`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ ...hook, secret: 'the-crm-secret' }),
    });
    try {
      const before = await endpoint();
      expect(before).toMatchObject({ ...hook, secret_set: true });
      const happy = library.filter((s) => s.name === 'click-2-dial happy path');
      // Without the secret: nothing is changed, and the report says why.
      const bare = readRealTargetConfig(env);
      if (!bare.ok) throw new Error(bare.error);
      const skipped = await runSuite(happy, { target: createRealTarget(bare.config) });
      expect(skipped.scenarios[0]).toMatchObject({
        status: 'not run',
        reason: expect.stringContaining('set OMNI_NOTIFICATION_SECRET'),
      });
      await expect(runContractSuite(createRealTarget(bare.config))).rejects.toThrow(/OMNI_NOTIFICATION_SECRET/);
      expect(await endpoint()).toEqual(before);
      // With it: the scenario runs on its own endpoint and the system's is put back, signed.
      const withSecret = readRealTargetConfig({ ...env, OMNI_NOTIFICATION_SECRET: 'the-crm-secret' });
      if (!withSecret.ok) throw new Error(withSecret.error);
      const ran = await runSuite(happy, { target: createRealTarget(withSecret.config) });
      expect(ran.scenarios[0]?.status).toBe('passed');
      expect(await endpoint()).toEqual(before);
    } finally {
      await fetch(`${server.url}/omni/notification/endpoint`, { method: 'DELETE', headers });
    }
  }, 60_000);
});

async function token(baseUrl: string, user = 'agent2'): Promise<string> {
  const res = await fetch(`${baseUrl}/omni/user/authorize`, {
    method: 'POST',
    headers: { authorization: `Key=${DEMO_SYSTEM_KEY}`, 'content-type': 'application/json' },
    body: JSON.stringify({ user_name: user, password: btoa(`password${user.slice(-1)}`) }),
  });
  return ((await res.json()) as { token_key: string }).token_key;
}
