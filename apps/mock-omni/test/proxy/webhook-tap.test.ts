/**
 * The webhook tap and the proxy's own routes: a notification reaches the CRM with the same bytes
 * and headers (its signature verifies), the real Omni gets the CRM's own answer, the tap's target
 * is set at run time, and every bad input to `/__proxy` gets a clear 4xx.
 *
 * @module
 */

import { createHmac } from 'node:crypto';
import { createServer, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningProxy, startProxy } from '../../src/proxy/proxy-server.js';
import { type ScriptedOmni, startScriptedOmni } from '../support/scripted-omni.js';
import { startWebhookReceiver, type WebhookReceiver } from '../support/webhook-receiver.js';

const SECRET = 'tap-test-secret';
const cdr = {
  type: 'cdr',
  payload: {
    call_id: 17,
    phone_number: '0800555001',
    caller_id: '0800000000',
    unique_id: 'crm-1',
    call_direction: 'outbound',
    dispostion_code: 'SALE',
    sip_code: 200,
    user_id: 3,
    campaign_id: 1,
    list_id: 0,
    call_type: 1,
    recording_url: '',
    start_date_time: '2026-01-05T08:00:00.000Z',
    end_date_time: '2026-01-05T08:01:00.000Z',
    ivr_time: 0,
    ring_time: 3000,
    talk_time: 50000,
    user_time: 50000,
    hold_time: 0,
    wrap_time: 7000,
  },
};

function signedHeaders(body: string): Record<string, string> {
  const timestamp = '1767600000';
  return {
    'Content-Type': 'application/json',
    'X-Omni-Notification-Id': 'n-1',
    'X-Omni-Timestamp': timestamp,
    'X-Omni-Signature': `sha256=${createHmac('sha256', SECRET).update(`${timestamp}.${body}`).digest('hex')}`,
  };
}

describe('the webhook tap', () => {
  let omni: ScriptedOmni;
  let proxy: RunningProxy;
  let crm: WebhookReceiver;

  beforeAll(async () => {
    omni = await startScriptedOmni(() => ({ status: 200, body: {} }));
    crm = await startWebhookReceiver(SECRET);
    proxy = await startProxy({ target: new URL(omni.url), port: 0, say: () => {} });
  });

  afterAll(async () => {
    await proxy?.close();
    await crm?.close();
    await omni?.close();
  });

  const post = (body: string, headers = signedHeaders(body), path = '/__proxy/webhook') =>
    fetch(`${proxy.url}${path}`, { method: 'POST', headers, body });

  it('acknowledges with 204 while no CRM endpoint is set, and still checks the notification', async () => {
    const res = await post(JSON.stringify(cdr));
    expect(res.status).toBe(204);
    await proxy.settled();
    expect(proxy.report().notifications).toEqual([expect.objectContaining({ type: 'cdr', seen: 1, matches: 1 })]);
  });

  it('forwards the same bytes and headers to the CRM set at run time, and answers as the CRM does', async () => {
    const set = await fetch(`${proxy.url}/__proxy/tap`, {
      method: 'PUT',
      body: JSON.stringify({ url: `${crm.url}?tenant=7` }),
    });
    expect(set.status).toBe(200);
    expect(await (await fetch(`${proxy.url}/__proxy/tap`)).json()).toEqual({ url: `${crm.url}?tenant=7` });
    // Spacing a serializer would not keep: the bytes must arrive as sent.
    const body = JSON.stringify(cdr, null, 3);
    crm.answerWith(503, '{"busy":true}');
    const res = await post(body);
    expect(res.status).toBe(503);
    expect(await res.text()).toBe('{"busy":true}');
    expect(res.headers.get('x-crm')).toBe('yes');
    const got = crm.received.at(-1);
    expect(got?.raw).toBe(body);
    expect(got?.signed).toBe(true);
    expect(got?.headers['x-omni-notification-id']).toBe('n-1');
    // The one header the tap adds: its name in Via (RFC 9110), after any the notification came with.
    expect(got?.headers.via).toMatch(/^1\.1 omni-mock-tap-[0-9a-f]{12}$/);
    crm.answerWith(200, '{"ok":true}');
  });

  it('refuses a notification that came round to it again (a tap pointed at itself) with 508, and forwards no more', async () => {
    const lines: string[] = [];
    const looped = await startProxy({ target: new URL(omni.url), port: 0, say: (l) => lines.push(l) });
    try {
      const set = await fetch(`${looped.url}/__proxy/tap`, {
        method: 'PUT',
        body: JSON.stringify({ url: `${looped.url}/__proxy/webhook` }),
      });
      expect(set.status).toBe(200);
      const body = JSON.stringify(cdr);
      const res = await fetch(`${looped.url}/__proxy/webhook`, { method: 'POST', headers: signedHeaders(body), body });
      expect(res.status).toBe(508);
      expect(await res.json()).toEqual({
        success: false,
        detail:
          'omni-mock proxy tap: the tap’s target leads back to the tap itself (a loop): set it to the CRM’s endpoint',
      });
      await looped.settled();
      // Omni's notification is checked once; the copy that came round is not a notification of Omni's.
      expect(looped.report().notifications).toEqual([expect.objectContaining({ type: 'cdr', seen: 1 })]);
      expect(lines.filter((l) => l.includes('a loop'))).toHaveLength(1);
      // Another proxy's Via (a tap in front of this one) is no loop.
      await fetch(`${looped.url}/__proxy/tap`, { method: 'PUT', body: '{"url":null}' });
      const chained = await fetch(`${looped.url}/__proxy/webhook`, {
        method: 'POST',
        headers: { ...signedHeaders(body), Via: '1.1 omni-mock-tap-000000000000, 1.1 edge' },
        body,
      });
      expect(chained.status).toBe(204);
    } finally {
      await looped.close();
    }
  });

  it('forwards a notification the contracts refuse unchanged, and reports it', async () => {
    const odd = JSON.stringify({ type: 'queue_stats', payload: { waiting: 3 } });
    const res = await post(odd);
    expect(res.status).toBe(200);
    expect(crm.received.at(-1)?.raw).toBe(odd);
    const garbage = 'not json at all';
    expect((await post(garbage, { 'Content-Type': 'text/plain' })).status).toBe(200);
    expect(crm.received.at(-1)?.raw).toBe(garbage);
    await proxy.settled();
    const report = proxy.report();
    expect(report.unknown_notifications).toEqual([expect.objectContaining({ type: 'queue_stats', seen: 1 })]);
    const unreadable = report.notifications.find((n) => n.type === '(unreadable)');
    expect(unreadable?.differs.map((d) => d.kind)).toContain('unparseable');
  });

  it('answers 502 saying the CRM’s endpoint is not HTTP when it speaks something else', async () => {
    const sockets = new Set<Socket>();
    const other = createServer((socket) => {
      sockets.add(socket);
      socket.on('error', () => {});
      socket.end('220 smtp.example ESMTP\r\n');
    });
    await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve));
    const origin = `http://127.0.0.1:${(other.address() as { port: number }).port}`;
    try {
      await fetch(`${proxy.url}/__proxy/tap`, { method: 'PUT', body: JSON.stringify({ url: `${origin}/hook` }) });
      const res = await post(JSON.stringify(cdr));
      expect(res.status).toBe(502);
      expect((await res.json()).detail).toMatch(
        new RegExp(`^omni-mock proxy tap: connected to ${origin}, but the answer was not HTTP: .*Parse Error`),
      );
    } finally {
      await fetch(`${proxy.url}/__proxy/tap`, { method: 'PUT', body: '{"url":null}' });
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => other.close(() => resolve()));
    }
  });

  it('answers 502 when the CRM cannot be reached', async () => {
    const gone = await startWebhookReceiver();
    await gone.close();
    await fetch(`${proxy.url}/__proxy/tap`, { method: 'PUT', body: JSON.stringify({ url: gone.url }) });
    const res = await post(JSON.stringify(cdr));
    expect(res.status).toBe(502);
    expect(await res.json()).toEqual({
      success: false,
      detail: `omni-mock proxy tap: cannot connect to ${new URL(gone.url).origin}: ${'connect ECONNREFUSED'} ${new URL(gone.url).host}`,
    });
    const cleared = await fetch(`${proxy.url}/__proxy/tap`, { method: 'PUT', body: '{"url":null}' });
    expect(await cleared.json()).toMatchObject({ success: true, url: null });
    expect((await post(JSON.stringify(cdr))).status).toBe(204);
  });

  it.each([
    ['not JSON', 'url=http://x', 400, 'body'],
    ['no url', '{}', 400, 'url'],
    ['a number', '{"url":4}', 400, 'url'],
    ['another scheme', '{"url":"ftp://crm.example/hook"}', 400, 'url'],
    ['credentials in the URL', '{"url":"http://u:p@crm.example/hook"}', 400, 'url'],
  ])('refuses a tap target that is %s with 400 naming the field', async (_, body, status, field) => {
    const res = await fetch(`${proxy.url}/__proxy/tap`, { method: 'PUT', body });
    expect(res.status).toBe(status);
    const json = (await res.json()) as { success: boolean; error_code: string; errors: { field: string }[] };
    expect(json).toMatchObject({ success: false, error_code: 'VALIDATION_FAILED' });
    expect(json.errors.map((e) => e.field)).toEqual([field]);
  });

  it('refuses an oversized tap setting with 413 and unknown proxy routes with 404', async () => {
    const big = await fetch(`${proxy.url}/__proxy/tap`, {
      method: 'PUT',
      body: JSON.stringify({ url: `http://x/${'a'.repeat(20_000)}` }),
    });
    expect(big.status).toBe(413);
    expect(await big.json()).toMatchObject({ error_code: 'PAYLOAD_TOO_LARGE' });
    for (const [method, path] of [
      ['GET', '/__proxy/nothing'],
      ['DELETE', '/__proxy/tap'],
      ['GET', '/__proxy/webhook'],
    ] as const) {
      const res = await fetch(`${proxy.url}${path}`, { method });
      expect(res.status, `${method} ${path}`).toBe(404);
      expect(await res.json()).toMatchObject({ success: false, error_code: 'ROUTE_NOT_FOUND' });
    }
    // The proxy's own routes are never forwarded.
    expect(omni.got.some((g) => g.url.startsWith('/__proxy'))).toBe(false);
  });
});
