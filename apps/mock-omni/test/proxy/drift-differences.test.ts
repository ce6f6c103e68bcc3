/**
 * Known differences, each reported exactly once with the right source tag: a small server answers
 * like an Omni that renamed a field, sends an id as a string, answers a failure with 200 and
 * `success: false`, serves a route the contracts lack, and uses a state outside the enumeration.
 * Each route is called twice: a difference seen twice is one entry with count 2.
 *
 * @module
 */

import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { driftReport } from '@omnikit/contracts/drift';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningProxy, startProxy } from '../../src/proxy/proxy-server.js';
import { type ScriptedOmni, startScriptedOmni } from '../support/scripted-omni.js';

const AT = '2026-01-05T08:00:00.000Z';
const call = {
  call_id: 17,
  phone_number: '0800555001',
  call_state: 'answered',
  call_direction: 'outbound',
  call_type: 1,
  campaign_id: 1,
  lead_id: 0,
  unique_id: '',
  agent_leg_state: 'connected',
  recording_state: 'off',
  call_start_time: AT,
  answer_time: AT,
  end_time: null,
};

describe('a target with known differences', () => {
  const dir = mkdtempSync(join(tmpdir(), 'omni-proxy-drift-'));
  let omni: ScriptedOmni;
  let proxy: RunningProxy;
  const said: string[] = [];

  beforeAll(async () => {
    omni = await startScriptedOmni(({ method, url }) => {
      if (method === 'POST' && url === '/omni/user/authorize')
        // token_key renamed (documented route: a documented difference).
        return { status: 200, body: { user_id: 1, user_name: 'agent1', tokenKey: 'tok-123456', expiry_date: AT } };
      if (method === 'POST' && url === '/omni/voice/1/call')
        // call_id as a string (documented route).
        return {
          status: 200,
          body: { call_id: '17', phone_number: '0800555001', call_state: 'initiated', call_start_time: AT },
        };
      if (method === 'POST' && url === '/omni/users/1/logout')
        // A failure answered 200 (B.2 is inferred).
        return { status: 200, body: { success: false, detail: 'not logged in' } };
      if (method === 'GET' && url === '/omni/queues/4') return { status: 200, body: { queue_id: 4, waiting: 2 } };
      if (method === 'GET' && url === '/omni/voice/1/call/17')
        // A call state outside the enumeration (inferred route).
        return { status: 200, body: { ...call, call_state: 'parked' } };
      return { status: 500, body: { success: false, detail: 'unscripted', error_code: 'INTERNAL' } };
    });
    proxy = await startProxy({
      target: new URL(omni.url),
      port: 0,
      report: join(dir, 'drift.md'),
      say: (line) => said.push(line),
    });
    const send = (method: string, path: string, body?: unknown) =>
      fetch(`${proxy.url}${path}`, {
        method,
        headers: { Authorization: 'Key=k-123456', tokenKey: 'tok-123456', 'Content-Type': 'application/json' },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      }).then((r) => r.text());
    for (let round = 0; round < 2; round++) {
      await send('POST', '/omni/user/authorize', { user_name: 'agent1', password: 'cGFzc3dvcmQx' });
      await send('POST', '/omni/voice/1/call', { phone_number: '0800555001' });
      await send('POST', '/omni/users/1/logout');
      await send('GET', '/omni/queues/4');
      await send('GET', '/omni/voice/1/call/17');
    }
    await proxy.settled();
  });

  afterAll(async () => {
    await proxy?.close();
    await omni?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('reports each difference once, counted twice, with its source', () => {
    const report = proxy.report();
    const differs = report.routes.flatMap((r) =>
      r.differs.map((d) => ({ route: r.id, location: d.location, kind: d.kind, source: d.source, count: d.count })),
    );
    expect(differs).toEqual([
      { route: 'authorize', location: 'response.200.body.token_key', kind: 'missing', source: 'documented', count: 2 },
      { route: 'logout', location: 'response.200.body.success', kind: 'status', source: 'inferred', count: 2 },
      { route: 'makeCall', location: 'response.200.body.call_id', kind: 'type', source: 'documented', count: 2 },
      { route: 'getCall', location: 'response.200.body.call_state', kind: 'enum', source: 'inferred', count: 2 },
    ]);
    expect(report.routes.find((r) => r.id === 'authorize')?.differs[0]?.renamed_to).toBe('tokenKey');
    expect(report.unknown_routes).toEqual([
      expect.objectContaining({
        method: 'GET',
        path: '/omni/queues/{n}',
        seen: 2,
        finding: expect.objectContaining({ kind: 'unknown-route', source: 'inferred', count: 2 }),
      }),
    ]);
    expect(proxy.summaryLine()).toBe('drift: 2 documented, 3 inferred');
  });

  it('says each new difference once on its line', () => {
    expect(said).toHaveLength(5);
    expect(said).toContain('drift: documented makeCall response.200.body.call_id: type, expected integer, seen string');
    expect(said.filter((l) => l.includes('unknown-route'))).toEqual([
      'drift: inferred unknown route GET /omni/queues/{n}: unknown-route, expected a route of the contracts, seen answered 200',
    ]);
  });

  it('serves the live page and the JSON report', async () => {
    const page = await fetch(`${proxy.url}/__proxy`);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await page.text();
    expect(html).toContain('drift: 2 documented, 3 inferred');
    // Grouped by source: the documented string id under its heading, the inferred state under the other.
    const documented = html.indexOf('<h2>Documented differences (2)</h2>');
    const inferred = html.indexOf('<h2>Inferred differences (3)</h2>');
    expect(documented).toBeGreaterThan(0);
    expect(html.indexOf('response.200.body.call_id')).toBeGreaterThan(documented);
    expect(html.indexOf('response.200.body.call_id')).toBeLessThan(inferred);
    expect(html.indexOf('response.200.body.call_state')).toBeGreaterThan(inferred);
    expect(html).toContain('<h2>Never seen (');
    const json = driftReport.parse(await (await fetch(`${proxy.url}/__proxy/report.json`)).json());
    expect(json.summary).toEqual(proxy.report().summary);
  });

  it('writes the Markdown report, documented differences before inferred ones', async () => {
    await proxy.close();
    const md = readFileSync(join(dir, 'drift.md'), 'utf8');
    expect(md).toContain('**drift: 2 documented, 3 inferred**');
    const documented = md.indexOf('## Documented differences');
    const inferred = md.indexOf('## Inferred differences');
    expect(documented).toBeGreaterThan(0);
    expect(md.indexOf('`response.200.body.call_id`')).toBeGreaterThan(documented);
    expect(md.indexOf('`response.200.body.call_id`')).toBeLessThan(inferred);
    expect(md.indexOf('`response.200.body.call_state`')).toBeGreaterThan(inferred);
    expect(md).toContain('- listUsers: GET `/omni/users` (documented)');
  });
});
