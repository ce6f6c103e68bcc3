/**
 * `omni-mock cluster` end to end, as a user runs it: real processes (the cluster, two workers, Debian's HAProxy on a
 * free loopback port) and a real webhook receiver per system. Two systems placed on different workers (keys found by
 * trying), calls and webhooks on both through HAProxy, every answer naming the system it was asked about, then one
 * worker killed with SIGKILL: the other's systems answer meanwhile, the supervisor restarts it on its files, and the
 * lead it had acknowledged is there.
 *
 * @module
 */

import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ClusterProcess as Cluster, ClusterProcess, type ClusterWorker } from './support/cluster-process.js';
import { HttpClient } from './support/http-client.js';
import { ReceiverProcess } from './support/receiver-process.js';

const HAPROXY = '/usr/sbin/haproxy';
const SECRET = 'cluster-e2e-secret';

/** Which workers hold `key`, asked of each worker directly (not through HAProxy). */
async function holders(workers: readonly ClusterWorker[], key: string): Promise<number[]> {
  const found: number[] = [];
  for (const w of workers) {
    const res = await fetch(`http://127.0.0.1:${w.port}/__mock/systems`);
    const body = (await res.json()) as { systems: { system_key: string }[] };
    if (body.systems.some((s) => s.system_key === key)) found.push(w.index);
  }
  return found;
}

describe.skipIf(!existsSync(HAPROXY))(
  'omni-mock cluster end to end (skipped without HAProxy: apt-get install haproxy)',
  () => {
    let dir: string;
    let cluster: Cluster;
    let url: string;
    let workers: ClusterWorker[];
    const receivers: ReceiverProcess[] = [];

    beforeAll(async () => {
      dir = mkdtempSync(join(tmpdir(), 'omni-cluster-e2e-'));
      cluster = ClusterProcess.start(['--workers', '2', '--port', '0', '--dir', dir, '--', '--clock', 'manual']);
      ({ url, workers } = await cluster.ready());
    }, 120_000);

    afterAll(async () => {
      await Promise.all(receivers.map((r) => r.stop()));
      const code = await cluster?.stop();
      expect(code).toBe(0);
      expect(cluster.lines).toContain('omni-mock cluster: stopped');
      rmSync(dir, { recursive: true, force: true });
    }, 60_000);

    it('two systems on two workers: calls, webhooks, 0 answers from the wrong system, a killed worker restarted with its data', async () => {
      expect(workers.map((w) => w.index)).toEqual([1, 2]);

      // Two keys that hash to different workers, found by trying: each create is sent with its new key in
      // Authorization (and the body), as a client of a cluster sends it.
      const placed = new Map<number, string>();
      for (let i = 0; placed.size < 2 && i < 40; i++) {
        const key = `cluster-e2e-${i}`;
        const created = await new HttpClient(url, key).ok('POST', '/__mock/systems', {
          system_key: key,
          clock: 'manual',
        });
        expect(created.system_key).toBe(key);
        const on = await holders(workers, key);
        expect(on).toHaveLength(1); // on exactly one worker
        if (!placed.has(on[0] ?? 0)) placed.set(on[0] ?? 0, key);
      }
      const systems = [1, 2].map((index) => ({
        index,
        key: placed.get(index) ?? '',
        api: new HttpClient(url, placed.get(index) ?? ''),
      }));
      expect(systems.every((s) => s.key !== '')).toBe(true);

      // A call on each system, through HAProxy, with its CDR delivered to that system's own receiver.
      const tokens = new Map<string, string>();
      for (const s of systems) {
        const receiver = await ReceiverProcess.start(SECRET);
        receivers.push(receiver);
        const token = await s.api.authorize('agent1', 'password1');
        tokens.set(s.key, token);
        await s.api.ok('POST', '/omni/notification/endpoint', { url: receiver.url, secret: SECRET }, token);
        await s.api.ok('POST', '/__mock/phones/1001/register');
        await s.api.ok('POST', '/omni/users/1/login', { campaign_id: 1, extension: '1001' }, token);
        const call = await s.api.ok(
          'POST',
          '/omni/voice/1/call',
          { phone_number: '0800555001', unique_id: s.key },
          token,
        );
        await s.api.advance(3_000);
        await s.api.ok('POST', `/omni/voice/1/call/${call.call_id}/hangup`, undefined, token);
        await s.api.ok('POST', `/omni/voice/1/call/${call.call_id}/dispose`, { disposition_code: 'SALE' }, token);
        const got = await receiver.until('the CDR', (r) => r.some((d) => JSON.parse(d.body).type === 'cdr'), 15_000);
        const cdr = got.map((d) => JSON.parse(d.body)).find((n) => n.type === 'cdr');
        expect(cdr.payload.unique_id).toBe(s.key);
        expect(got.every((d) => d.signatureValid)).toBe(true);
      }

      // Webhooks go out from the owning worker: its outbox holds the system's deliveries, the other has no such system.
      for (const s of systems) {
        for (const w of workers) {
          const res = await new HttpClient(`http://127.0.0.1:${w.port}`, s.key).request(
            'GET',
            '/__mock/webhook/deliveries',
          );
          if (w.index === s.index) {
            expect(res.status).toBe(200);
            expect(JSON.stringify(res.body)).toContain('"cdr"');
          } else expect([res.status, res.body.error_code]).toEqual([401, 'INVALID_SYSTEM_KEY']);
        }
      }

      // HAProxy names the worker that answered: where a system's file is.
      for (const s of systems) {
        const res = await fetch(`${url}/health`, { headers: { Authorization: `Key=${s.key}` } });
        expect(res.headers.get('x-omni-worker')).toBe(`worker-${s.index}`);
      }

      // Every answer names the system it was asked about.
      let wrong = 0;
      for (let i = 0; i < 40; i++) {
        const s = systems[i % 2];
        if (!s) continue;
        const view = await s.api.ok('GET', '/__mock/system');
        if (view.system_key !== s.key) wrong++;
      }
      expect(wrong).toBe(0);

      // A lead acknowledged on system 1, then its worker killed without warning.
      const [one, two] = systems;
      if (!one || !two) throw new Error('two systems expected');
      const token1 = tokens.get(one.key) ?? '';
      const lead = await one.api.ok(
        'POST',
        '/omni/lead',
        {
          list_id: 1,
          first_name: 'Kill',
          last_name: 'Test',
          other_info: 'acknowledged before the kill',
          phone_numbers: [{ phone_number: '0821234567', phone_type_id: 2 }],
        },
        token1,
      );
      const worker1 = workers.find((w) => w.index === one.index);
      if (!worker1) throw new Error('worker 1 expected');
      const from = cluster.lines.length;
      process.kill(worker1.pid, 'SIGKILL');
      // The other worker's system answers meanwhile.
      expect((await two.api.ok('GET', '/__mock/system')).system_key).toBe(two.key);
      await cluster.waitFor(/^omni-mock cluster: worker-1 exited \(SIGKILL\); restarting it on /, 10_000, from);
      await cluster.waitFor(/^omni-mock cluster: worker-1 is back on 127\.0\.0\.1:\d+ \(pid \d+\)/, 60_000, from);
      // HAProxy's health check takes it back in within a second (inter 500 ms, rise 1).
      let back: { status: number; body: { system_key?: string } } = { status: 0, body: {} };
      for (let i = 0; i < 50 && back.status !== 200; i++) {
        back = await one.api.request('GET', '/__mock/system');
        if (back.status !== 200) {
          expect([back.status, (back.body as { error_code?: string }).error_code]).toEqual([
            503,
            'SERVICE_UNAVAILABLE',
          ]);
          await new Promise((r) => setTimeout(r, 100));
        }
      }
      expect(back.body.system_key).toBe(one.key);
      const kept = await one.api.ok('GET', `/omni/lead/${lead.lead_id}`, undefined, token1);
      expect(kept).toMatchObject({
        lead_id: lead.lead_id,
        first_name: 'Kill',
        other_info: 'acknowledged before the kill',
      });
    }, 180_000);
  },
);
