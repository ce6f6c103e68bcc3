/**
 * The webhook tap's failed deliveries in the drift report, over real sockets on 127.0.0.1: a CRM
 * that takes the notification and never answers (the tap's own timeout, 504), one that is not
 * there, one that is not HTTP (502). Each is counted in `tap_failures` by notification type and
 * kind — JSON, the live page and the Markdown — while the notification is still checked; a CRM that
 * answers, whatever its status, is no failure of the tap.
 *
 * @module
 */

import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { driftReport } from '@omnikit/contracts/drift';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { type RunningProxy, startProxy } from '../../src/proxy/proxy-server.js';
import { TcpTargets } from '../support/tcp-targets.js';
import { startWebhookReceiver } from '../support/webhook-receiver.js';

const TAP_TIMEOUT_MS = 300;
const dir = mkdtempSync(join(tmpdir(), 'omni-proxy-tap-failures-'));
const crms = new TcpTargets();
let proxy: RunningProxy | undefined;

afterEach(async () => {
  await proxy?.close();
  proxy = undefined;
  await crms.closeAll();
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A TCP "CRM" on 127.0.0.1 that does what `onSocket` says with each connection; answers its origin. */
async function tcpCrm(onSocket: (socket: Socket) => void): Promise<string> {
  return `http://${await crms.listen(onSocket)}`;
}

/** A proxy whose tap forwards to `crm` (the CRM's webhook URL). */
async function proxyTapping(crm: string): Promise<RunningProxy> {
  proxy = await startProxy({
    // No REST exchange goes to the target in these tests.
    target: new URL('http://127.0.0.1:9'),
    port: 0,
    report: join(dir, 'drift.md'),
    tapForward: new URL(crm),
    tapTimeoutMs: TAP_TIMEOUT_MS,
    say: () => {},
  });
  return proxy;
}

const notify = (p: RunningProxy, body: string) =>
  fetch(`${p.url}/__proxy/webhook`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body });

const cdr = JSON.stringify({ type: 'cdr', payload: { call_id: 17 } });
const agentState = JSON.stringify({ type: 'agent_state', payload: { user_id: 3 } });

describe('notifications the tap could not pass on', () => {
  it('a CRM that never answers: 504 after the tap’s timeout, counted by type as timeout in every form of the report', async () => {
    // Reads the notification and never says a word.
    const crm = await tcpCrm((socket) => socket.resume());
    const p = await proxyTapping(`${crm}/hooks/omni`);
    const started = Date.now();
    const answers = await Promise.all([notify(p, cdr), notify(p, cdr), notify(p, agentState)]);
    expect(answers.map((a) => a.status)).toEqual([504, 504, 504]);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(await (answers[0] as Response).json()).toEqual({
      success: false,
      detail: `omni-mock proxy tap: ${crm} did not answer within 0.3 s`,
    });
    await p.settled();
    const report = p.report();
    expect(report.tap_failures).toEqual([
      {
        notification_type: 'cdr',
        kind: 'timeout',
        count: 2,
        first_at: expect.any(String),
        last_at: expect.any(String),
        detail: `${crm} did not answer within 0.3 s`,
      },
      expect.objectContaining({ notification_type: 'agent_state', kind: 'timeout', count: 1 }),
    ]);
    expect(report.summary).toMatchObject({ tap_failures: 3, notifications: 3, target_failures: 0, timeouts: 0 });
    // The notifications themselves are checked as any other.
    expect(report.notifications.map((n) => [n.type, n.seen])).toEqual([
      ['cdr', 2],
      ['agent_state', 1],
    ]);
    const page = await (await fetch(`${p.url}/__proxy`)).text();
    expect(page).toContain('<h2>Webhook tap failures (3)</h2>');
    expect(page).toContain('<tr><td>cdr</td><td>timeout</td><td>2</td>');
    expect(driftReport.parse(await (await fetch(`${p.url}/__proxy/report.json`)).json()).tap_failures).toHaveLength(2);
    await p.close();
    const markdown = readFileSync(join(dir, 'drift.md'), 'utf8');
    expect(markdown).toContain('## Webhook tap failures');
    expect(markdown).toMatch(/\| cdr \| timeout \| 2 \|/);
  });

  it('a CRM that is not there, and one that is not HTTP, by kind; a body with no type under (no type)', async () => {
    const gone = await startWebhookReceiver();
    await gone.close();
    let p = await proxyTapping(gone.url);
    expect((await notify(p, 'not json')).status).toBe(502);
    await p.settled();
    expect(p.report().tap_failures).toEqual([
      expect.objectContaining({
        notification_type: null,
        kind: 'unreachable',
        count: 1,
        detail: expect.stringMatching(/^cannot connect to http:\/\/127\.0\.0\.1:\d+: connect ECONNREFUSED/),
      }),
    ]);
    await p.close();
    const smtp = await tcpCrm((socket) => socket.end('220 smtp.example ESMTP\r\n'));
    p = await proxyTapping(`${smtp}/hooks/omni`);
    expect((await notify(p, cdr)).status).toBe(502);
    await p.settled();
    expect(p.report().tap_failures).toEqual([
      expect.objectContaining({ notification_type: 'cdr', kind: 'not-http', count: 1 }),
    ]);
    const markdown = await p.close().then(() => readFileSync(join(dir, 'drift.md'), 'utf8'));
    expect(markdown).toMatch(/\| cdr \| not-http \| 1 \|/);
  });

  it('a CRM that answers, even 503, is no failure of the tap', async () => {
    const crm = await startWebhookReceiver();
    try {
      crm.answerWith(503, '{"busy":true}');
      const p = await proxyTapping(crm.url);
      expect((await notify(p, cdr)).status).toBe(503);
      await p.settled();
      expect(p.report().tap_failures).toEqual([]);
      expect(p.report().summary.tap_failures).toBe(0);
    } finally {
      await crm.close();
    }
  });
});
