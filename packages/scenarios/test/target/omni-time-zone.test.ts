/**
 * Omni's time zone: an Omni that reads and writes date-times without a zone (`YYYY-MM-DD HH:MM:SS`, a mock
 * playing `dates=vicidial` in Africa/Johannesburg, UTC+2). On a real Omni the runner is told the zone by
 * `OMNI_TIME_ZONE`; on the mock it reads the system's own (its office hours' `time_zone`). Either way a
 * scenario's callback instant is sent as Omni's wall-clock time, and what Omni writes back is read as the
 * true instant, not two hours late.
 *
 * @module
 */

import { parseVary } from '@omnikit/contracts/variants';
import { createMockOmni, DEMO_SYSTEM_KEY, type Listening, type MockOmni } from '@omnikit/mock-omni';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { check, step, testNumber } from '../../src/dsl/builders.js';
import { defineScenario } from '../../src/dsl/define-scenario.js';
import { m } from '../../src/dsl/matchers.js';
import { runScenario } from '../../src/runner/run-scenario.js';
import { WebhookReceiver } from '../../src/runner/webhook-inbox.js';
import { createControlClient } from '../../src/target/control-client.js';
import { createInprocTarget } from '../../src/target/mock-target.js';
import { isOmniTimeZone, toOmniDateTime } from '../../src/target/omni-time-zone.js';
import { createRealTarget, readRealTargetConfig } from '../../src/target/real-target.js';
import type { Target } from '../../src/target/target.js';

const silent = { info: () => {}, error: () => {} };
const JOHANNESBURG = 'Africa/Johannesburg';

/** A call answered, hung up and disposed CALLBK at `callbackAt`; the call must show that instant back. */
function callbackScenario(callbackAt: string, extra: Parameters<typeof defineScenario>[0]['expect'] = []) {
  return defineScenario({
    name: 'callback in Omni’s zone',
    clock: 'manual',
    given: {
      agents: [{ as: 'a1' }],
      campaigns: [{ as: 'c', fields: { campaign_name: 'Callbacks', campaign_type: 3 } }],
    },
    steps: [
      step.online('a1', 'c'),
      step.dial('a1', 'call', testNumber(0)),
      step.advance(1_500),
      step.waitFor('call_state', { call_id: m.ref('call'), call_state: 'answered' }),
      step.hangup('a1', 'call'),
      step.callback('a1', 'call', callbackAt, 'after lunch'),
    ],
    expect: [check.call('a1', 'call', { callback_date_time: callbackAt.replace(/Z$/, '.000Z') }), ...(extra ?? [])],
  });
}

describe('toOmniDateTime and isOmniTimeZone', () => {
  it('writes an instant as Omni’s wall-clock time in its zone, daylight saving time included', () => {
    expect(toOmniDateTime('2026-01-06T08:00:00Z', JOHANNESBURG)).toBe('2026-01-06 10:00:00');
    expect(toOmniDateTime('2026-07-01T08:00:00.000Z', 'Europe/London')).toBe('2026-07-01 09:00:00');
    expect(toOmniDateTime('2026-01-01T08:00:00Z', 'Europe/London')).toBe('2026-01-01 08:00:00');
    expect(toOmniDateTime('2026-01-06T08:00:00+02:00', '-05:30')).toBe('2026-01-06 00:30:00');
    expect(toOmniDateTime('2026-01-06T08:00:00Z', 'UTC')).toBe('2026-01-06 08:00:00');
  });

  it('sends Omni’s own local form as given, and everything as given when the zone is not known', () => {
    expect(toOmniDateTime('2026-01-06 10:00:00', JOHANNESBURG)).toBe('2026-01-06 10:00:00');
    expect(toOmniDateTime('2026-01-06T08:00:00Z', undefined)).toBe('2026-01-06T08:00:00Z');
  });

  it('knows IANA zones and ±HH:MM offsets, nothing else', () => {
    for (const zone of [JOHANNESBURG, 'UTC', '+02:00', '-0530']) expect(isOmniTimeZone(zone), zone).toBe(true);
    for (const zone of ['Mars/Olympus', '+19:00', 'GMT+2:00', '']) expect(isOmniTimeZone(zone), zone).toBe(false);
  });
});

describe('OMNI_TIME_ZONE on a real target', () => {
  let mock: MockOmni;
  let server: Listening;
  let receiver: WebhookReceiver;
  let env: Record<string, string>;
  beforeAll(async () => {
    // A stand-in for a real Omni in Johannesburg writing VICIdial's local dates: reached only as a real Omni is.
    mock = await createMockOmni({ clock: 'real', logger: silent, vary: 'dates=vicidial' });
    server = await mock.listen({ port: 0 });
    const control = createControlClient({ baseUrl: server.url, systemKey: DEMO_SYSTEM_KEY, fetch: globalThis.fetch });
    await control.call('setOfficeHours', { body: { time_zone: JOHANNESBURG, windows: [] } });
    receiver = new WebhookReceiver();
    await receiver.start();
    env = {
      OMNI_BASE_URL: server.url,
      OMNI_SYSTEM_KEY: DEMO_SYSTEM_KEY,
      OMNI_AGENT_USER: 'agent1',
      OMNI_AGENT_PASSWORD: 'password1',
      OMNI_AGENT_EXTENSION: '1001',
      OMNI_AGENT_WEBRTC_PASSWORD: 'webrtc1',
      OMNI_TEST_NUMBERS: '0800555008', // answers after 1 s
    };
  });
  afterAll(async () => {
    await receiver?.close();
    await server?.close();
    await mock?.close();
  });

  /** The scenario on the "real" Omni, with every dispose body it sent. */
  async function runWith(extraEnv: Record<string, string>, callbackAt: string) {
    const read = readRealTargetConfig({ ...env, ...extraEnv });
    if (!read.ok) throw new Error(read.error);
    const disposed: unknown[] = [];
    const target = createRealTarget(read.config, async (request) => {
      if (new URL(request.url).pathname.endsWith('/dispose')) disposed.push(await request.clone().json());
      return globalThis.fetch(request);
    });
    const result = await runScenario(callbackScenario(callbackAt), { target, receiver, settleMs: 1_500 });
    return { result, disposed };
  }

  /** A whole second a day ahead: the mock refuses a callback in the past. */
  const tomorrow = () =>
    new Date(Math.floor(Date.now() / 1000) * 1000 + 86_400_000).toISOString().replace('.000Z', 'Z');

  it('sends the callback as Omni’s local time and reads its answers in that zone', async () => {
    const at = tomorrow();
    const { result, disposed } = await runWith({ OMNI_TIME_ZONE: JOHANNESBURG }, at);
    expect(result.message ?? '').toBe('');
    expect(result.status).toBe('passed');
    expect(disposed).toEqual([
      expect.objectContaining({ disposition_code: 'CALLBK', callback_date_time: toOmniDateTime(at, JOHANNESBURG) }),
    ]);
    expect((disposed[0] as { callback_date_time: string }).callback_date_time).toMatch(
      /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/,
    );
  }, 60_000);

  it('without it, as before: the instant goes as given and Omni’s local answer reads two hours late', async () => {
    const at = tomorrow();
    const { result, disposed } = await runWith({}, at);
    expect(disposed).toEqual([expect.objectContaining({ callback_date_time: at })]);
    expect(result.status).toBe('failed');
    const late = new Date(Date.parse(at) + 2 * 3_600_000).toISOString();
    expect(result.message).toContain(`callback_date_time: expected "${at.replace(/Z$/, '.000Z')}", got "${late}"`);
  }, 60_000);

  it('an unknown zone is named', () => {
    expect(readRealTargetConfig({ ...env, OMNI_TIME_ZONE: 'Mars/Olympus' })).toEqual({
      ok: false,
      error:
        'OMNI_TIME_ZONE must be an IANA time zone (e.g. Africa/Johannesburg) or an offset like +02:00, not "Mars/Olympus"',
    });
  });
});

describe('on the mock, the system’s own zone', () => {
  let receiver: WebhookReceiver;
  let inner: Target;
  let target: Target;
  beforeAll(async () => {
    receiver = new WebhookReceiver();
    await receiver.start();
    inner = await createInprocTarget({ vary: parseVary('dates=vicidial') });
    // Each scenario's fresh system, set to Johannesburg through the mock's control API before the scenario runs.
    target = {
      ...inner,
      async open(opts) {
        const system = await inner.open(opts);
        await system.control?.call('setOfficeHours', { body: { time_zone: JOHANNESBURG, windows: [] } });
        return system;
      },
    };
  });
  afterAll(async () => {
    await receiver?.close();
    await inner?.close();
  });

  it('reads answers and notifications in the office hours’ time_zone', async () => {
    // The manual clock starts at Monday 2026-01-05 08:00 UTC (10:00 in Johannesburg): the agent logs in then.
    const loggedIn = check.notifications('set', [
      { type: 'agent_state', fields: { reason: 'login', timestamp: '2026-01-05T08:00:00.000Z' } },
    ]);
    const result = await runScenario(callbackScenario('2026-01-06T08:00:00Z', [loggedIn]), {
      target,
      receiver,
      settleMs: 1_500,
    });
    expect(result.message ?? '').toBe('');
    expect(result.status).toBe('passed');
  }, 60_000);
});
