/**
 * The proxy end to end over real HTTP, with the strict mock (no control API, no magic numbers:
 * a stand-in for a real Omni) as its target: an agent's whole day through the proxy — authorize,
 * the notification endpoint pointed at the proxy's tap, campaign login, a call with recording,
 * hold, hangup and dispose, the recording's WAV, campaigns, lists and leads, an error — gives a
 * drift report of 0 differences; the WAV comes through byte for byte; the tap forwards every
 * notification so that its signature still verifies; and the recording holds none of the secrets
 * or numbers it saw.
 *
 * @module
 */

import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { encodePassword } from '@omnikit/contracts';
import { driftReport, parseRecordingLine, type RecordingLine } from '@omnikit/contracts/drift';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMockOmni, type Listening, type MockOmni } from '../../src/index.js';
import { type RunningProxy, startProxy } from '../../src/proxy/proxy-server.js';
import { until } from '../support/until.js';
import { startWebhookReceiver, type WebhookReceiver } from '../support/webhook-receiver.js';

const silent = { info: () => {}, error: () => {} };
const SYSTEM_KEY = 'omni-demo-key';
const PASSWORD = 'password1';
const SECRET = 'proxy-e2e-webhook-secret';
const TEST_LINE = '0870000001';

describe('the proxy in front of the strict mock', () => {
  const dir = mkdtempSync(join(tmpdir(), 'omni-proxy-e2e-'));
  const recordPath = join(dir, 'session.jsonl');
  const reportPath = join(dir, 'drift.json');
  let mock: MockOmni;
  let direct: Listening;
  let proxy: RunningProxy;
  let crm: WebhookReceiver;
  const said: string[] = [];
  /** Every answer the client got through the proxy, raw, to grep the recording for what it saw. */
  const seen: string[] = [];
  let token = '';
  let wavDirect: Buffer;
  let wavProxied: Buffer;

  // biome-ignore lint/suspicious/noExplicitAny: the flow reads a few fields of each answer; the proxy's report checks them all.
  async function call(method: string, path: string, body?: unknown): Promise<{ status: number; json: any }> {
    const headers: Record<string, string> = { Authorization: `Key=${SYSTEM_KEY}` };
    if (token) headers.tokenKey = token;
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    const res = await fetch(`${proxy.url}${path}`, {
      method,
      headers,
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await res.text();
    seen.push(text);
    return { status: res.status, json: text ? JSON.parse(text) : undefined };
  }

  beforeAll(async () => {
    // 100 times faster: the test line answers in 10 ms, a wrap-up lasts 300 ms (time to dispose).
    mock = await createMockOmni({ strict: true, clock: 'scaled:100', logger: silent });
    direct = await mock.listen({ port: 0, host: '127.0.0.1' });
    mock.services.phones.registerVirtual(mock.services.registry.getDefault(), '1001');
    crm = await startWebhookReceiver(SECRET);
    proxy = await startProxy({
      target: new URL(direct.url),
      port: 0,
      record: recordPath,
      report: reportPath,
      tapForward: new URL(crm.url),
      say: (line) => said.push(line),
    });

    const auth = await call('POST', '/omni/user/authorize', {
      user_name: 'agent1',
      password: encodePassword(PASSWORD),
    });
    expect(auth.status).toBe(200);
    token = auth.json.token_key;
    const userId = auth.json.user_id as number;
    expect((await call('GET', '/omni/users')).status).toBe(200);
    expect(
      (await call('POST', '/omni/notification/endpoint', { url: `${proxy.url}/__proxy/webhook`, secret: SECRET }))
        .status,
    ).toBe(200);
    expect((await call('GET', '/omni/notification/endpoint')).status).toBe(200);
    expect((await call('POST', `/omni/users/${userId}/login`, { campaign_id: 1, extension: '1001' })).status).toBe(200);
    expect((await call('POST', `/omni/users/${userId}/state`, { state: 'ready' })).status).toBe(200);
    expect((await call('GET', `/omni/users/${userId}`)).status).toBe(200);
    const started = await call('POST', `/omni/voice/${userId}/call`, { phone_number: TEST_LINE, unique_id: 'crm-42' });
    expect(started.status).toBe(200);
    const callId = started.json.call_id as number;
    await until(
      'the test line to answer',
      async () => (await call('GET', `/omni/voice/${userId}/call/${callId}`)).json.call_state === 'answered',
    );
    const recording = await call('POST', `/omni/voice/${userId}/call/${callId}/recording`, { action: 'start' });
    expect(recording.status).toBe(200);
    expect((await call('POST', `/omni/voice/${userId}/call/${callId}/hold`)).status).toBe(200);
    expect((await call('POST', `/omni/voice/${userId}/call/${callId}/retrieve`)).status).toBe(200);
    await new Promise((r) => setTimeout(r, 20));
    expect((await call('POST', `/omni/voice/${userId}/call/${callId}/hangup`)).status).toBe(200);
    expect(
      (await call('POST', `/omni/voice/${userId}/call/${callId}/dispose`, { disposition_code: 'SALE' })).status,
    ).toBe(200);
    const file = recording.json.recording_url as string;
    const wav = async (base: string) =>
      Buffer.from(
        await (
          await fetch(`${base}/omni/recording/${file}`, {
            headers: { Authorization: `Key=${SYSTEM_KEY}`, tokenKey: token },
          })
        ).arrayBuffer(),
      );
    wavProxied = await wav(proxy.url);
    wavDirect = await wav(direct.url);
    expect((await call('GET', '/omni/campaigns')).status).toBe(200);
    expect((await call('GET', '/omni/campaign/1')).status).toBe(200);
    const list = await call('POST', '/omni/list', { list_name: 'Proxy list', campaign_id: 1 });
    expect(list.status).toBe(200);
    const lead = await call('POST', '/omni/lead', {
      first_name: 'Ada',
      last_name: 'Lovelace',
      other_info: 'met at the fair',
      list_id: list.json.list_id,
      phone_numbers: [{ phone_number: '07700900123', phone_type_id: 2 }],
    });
    expect(lead.status).toBe(200);
    expect((await call('GET', `/omni/lead/${lead.json.lead_id}`)).status).toBe(200);
    expect((await call('GET', `/omni/voice/${userId}/call/999999`)).status).toBe(404);
    expect((await call('POST', `/omni/users/${userId}/logout`)).status).toBe(200);
    await until('the cdr through the tap', () => crm.received.some((r) => JSON.parse(r.raw).type === 'cdr'), 10_000);
    await until('agent_state logged_out through the tap', () =>
      crm.received.some((r) => r.raw.includes('"logged_out"')),
    );
    await proxy.settled();
  }, 30_000);

  afterAll(async () => {
    await proxy?.close();
    await crm?.close();
    await direct?.close();
    await mock?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('reports no difference: the mock follows its contracts', () => {
    const report = proxy.report();
    expect(said).toEqual([]);
    expect(proxy.summaryLine()).toBe('drift: 0 documented, 0 inferred');
    expect(report.unknown_routes).toEqual([]);
    expect(report.routes.map((r) => [r.id, r.seen - r.matches])).toEqual(report.routes.map((r) => [r.id, 0]));
    expect(report.routes.map((r) => r.id)).toEqual(
      expect.arrayContaining(['authorize', 'makeCall', 'getCall', 'disposeCall', 'getRecording', 'addLead', 'logout']),
    );
    expect(report.notifications.map((n) => n.type)).toEqual(
      expect.arrayContaining(['cdr', 'call_state', 'agent_state']),
    );
    expect(report.notifications.every((n) => n.differs.length === 0 && n.seen === n.matches)).toBe(true);
  });

  it('passes a recording’s WAV through byte for byte', () => {
    expect(wavProxied.length).toBeGreaterThan(44);
    expect(wavProxied.subarray(0, 4).toString('latin1')).toBe('RIFF');
    expect(wavProxied.equals(wavDirect)).toBe(true);
  });

  it('forwards every notification unchanged: the CRM verifies each signature', () => {
    expect(crm.received.length).toBeGreaterThan(3);
    expect(crm.received.every((r) => r.signed)).toBe(true);
  });

  it('writes the report file, matching the report', async () => {
    await proxy.close();
    const written = driftReport.parse(JSON.parse(readFileSync(reportPath, 'utf8')));
    expect(written.summary).toEqual(proxy.report().summary);
    expect(written.summary.documented + written.summary.inferred).toBe(0);
  });

  it('records every exchange with no secret and no phone number it saw', () => {
    const text = readFileSync(recordPath, 'utf8');
    const lines: RecordingLine[] = text.trim().split('\n').map(parseRecordingLine);
    expect(lines.map((l) => l.seq)).toEqual(lines.map((_, i) => i + 1));
    expect(lines.filter((l) => l.kind === 'notification').length).toBe(crm.received.length);
    const secrets = [
      SYSTEM_KEY,
      token,
      PASSWORD,
      encodePassword(PASSWORD),
      SECRET,
      ...crm.received.map((r) => String(r.headers['x-omni-signature']).replace('sha256=', '')),
    ];
    // Every phone number the client or the CRM saw, in any phone field.
    const numbers = new Set<string>([TEST_LINE, '07700900123']);
    const collect = (value: unknown, key?: string): void => {
      if (typeof value === 'string' && key && /phone_number|caller_id|dnis|cli/i.test(key) && /\d{6,}/.test(value))
        numbers.add(value);
      else if (Array.isArray(value)) for (const v of value) collect(v, key);
      else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) collect(v, k);
    };
    for (const raw of [...seen, ...crm.received.map((r) => r.raw)]) if (raw.startsWith('{')) collect(JSON.parse(raw));
    expect(numbers.size).toBeGreaterThanOrEqual(2);
    for (const secret of secrets) expect(text, `secret ${secret.slice(0, 4)}…`).not.toContain(secret);
    for (const number of numbers) expect(text, `number ${number}`).not.toContain(number);
    // One token, one placeholder: the authorize answer and the requests that used it agree.
    const issued = lines.find((l) => l.route_id === 'authorize')?.response.body as { token_key: string };
    expect(issued.token_key).toMatch(/^redacted:token:\d+$/);
    const used = lines
      .filter((l) => l.kind === 'rest' && l.route_id !== 'authorize')
      .map((l) => l.request.headers.tokenkey);
    expect(new Set(used)).toEqual(new Set([issued.token_key]));
    expect(lines[0]?.request.headers.authorization).toBe('Key=redacted:system-key:1');
    // Equal numbers keep equal masks: the dialled line is one mask wherever it appears.
    const dialled = lines.find((l) => l.route_id === 'makeCall')?.request.body as { phone_number: string };
    const answered = lines.find((l) => l.route_id === 'makeCall')?.response.body as { phone_number: string };
    expect(dialled.phone_number).toMatch(/^0+\d$/);
    expect(answered.phone_number).toBe(dialled.phone_number);
  });
});
