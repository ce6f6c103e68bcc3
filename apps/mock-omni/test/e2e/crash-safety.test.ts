/**
 * Crash safety of the notifications: the mock runs as a real child process on a real database file while
 * agents log in, dial, hang up and dispose and webhook deliveries are in flight; it is killed with SIGKILL at 22
 * seeded points and restarted on the same file each time. At the end every notification in the outbox must have
 * reached the receiver (another process) at least once, and each call's notifications must have arrived in the order
 * they were recorded.
 *
 * @module
 */

import { type ChildProcess, fork } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { Rng } from '../../src/engine/rng.js';
import { HttpClient } from './support/http-client.js';
import { ReceiverProcess } from './support/receiver-process.js';

const SEED = 20260105;
const KILLS = 22;
const SECRET = 'crash-test-secret';
const SCRIPT = fileURLToPath(new URL('./support/mock-process.ts', import.meta.url));
const NUMBERS = ['0800555001', '0800555007', '0800555008', '0800555002', '0800555005', '0800555003', '0800555009'];

const dir = mkdtempSync(join(tmpdir(), 'omni-crash-'));
const db = join(dir, 'omni.db');
const children = new Set<ChildProcess>();
afterAll(() => {
  for (const c of children) c.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

async function startMock(): Promise<{ child: ChildProcess; api: HttpClient }> {
  const child = fork(SCRIPT, [db], {
    execArgv: ['--conditions=@omnikit/source', '--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  children.add(child);
  const port = await new Promise<number>((resolve, reject) => {
    child.once('message', (m) => resolve((m as { port: number }).port));
    child.once('exit', (code) => reject(new Error(`the mock exited with ${code} before listening`)));
  });
  return { child, api: new HttpClient(`http://127.0.0.1:${port}`, 'omni-demo-key') };
}

function kill(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
}

/** One seeded action for agent `n`, from what its state is now. Refusals (409) are part of the game. */
async function act(api: HttpClient, rng: Rng, tokens: Map<number, string>, n: number): Promise<void> {
  let token = tokens.get(n);
  if (!token) {
    token = await api.authorize(`agent${n}`, `password${n}`);
    tokens.set(n, token);
  }
  const agent = (await api.request('GET', `/omni/users/${n}`, undefined, token)).body;
  const callId = agent.call_id as number;
  switch (agent.agent_state) {
    case 'logged_out':
      await api.request('POST', `/omni/users/${n}/login`, { campaign_id: 1, extension: `100${n}` }, token);
      break;
    case 'paused':
    case 'ready':
      if (rng.chance(0.2))
        await api.request('POST', `/omni/users/${n}/state`, { state: rng.pick(['ready', 'paused']) }, token);
      else
        await api.request(
          'POST',
          `/omni/voice/${n}/call`,
          { phone_number: rng.pick(NUMBERS), unique_id: `u${n}` },
          token,
        );
      break;
    case 'on_call': {
      const roll = rng.next();
      const path = `/omni/voice/${n}/call/${callId}`;
      if (roll < 0.4) await api.request('POST', `${path}/hangup`, undefined, token);
      else if (roll < 0.6) await api.request('POST', `${path}/hold`, undefined, token);
      else if (roll < 0.8) await api.request('POST', `${path}/retrieve`, undefined, token);
      else await api.request('POST', `${path}/recording`, { action: 'start' }, token);
      break;
    }
    case 'wrap_up':
      await api.request('POST', `/omni/voice/${n}/call/${callId}/dispose`, { disposition_code: 'NI' }, token);
      break;
  }
  if (rng.chance(0.5)) await api.advance(rng.int(200, 12_000));
}

describe('kill -9 during a run of calls with deliveries in flight', () => {
  it(`every outbox id arrives at least once and each call's notifications arrive in order (${KILLS} kills)`, async () => {
    const rng = Rng.fromSeed(SEED);
    const receiver = await ReceiverProcess.start(SECRET);
    // A short wall delay on every answer keeps attempts in flight when the mock is killed.
    await receiver.rules([], 3);
    try {
      let killsDone = 0;
      let first = true;
      while (killsDone < KILLS) {
        const { child, api } = await startMock();
        if (first) {
          first = false;
          const token = await api.authorize('agent1', 'password1');
          await api.ok('POST', '/omni/notification/endpoint', { url: receiver.url, secret: SECRET }, token);
          for (let n = 1; n <= 5; n++) await api.ok('POST', `/__mock/phones/100${n}/register`);
        }
        const tokens = new Map<number, string>();
        const steps = rng.int(4, 30);
        for (let i = 0; i < steps; i++) await act(api, rng, tokens, rng.int(1, 5));
        // One more command left in flight, then the kill a few wall milliseconds later.
        const inFlight = act(api, rng, tokens, rng.int(1, 5)).catch(() => {});
        await new Promise((r) => setTimeout(r, rng.int(0, 12)));
        await kill(child);
        await inFlight;
        killsDone++;
      }
      // A last run: let whatever is pending go out, then stop cleanly.
      const { child, api } = await startMock();
      const deadline = Date.now() + 20_000;
      for (;;) {
        const pending = (await api.ok('GET', '/__mock/webhook/deliveries?state=pending&limit=1')).total as number;
        if (pending === 0) break;
        if (Date.now() > deadline) throw new Error(`${pending} notifications still pending`);
        await new Promise((r) => setTimeout(r, 20));
      }
      await new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.send('exit');
      });

      const file = new Database(db, { readonly: true });
      const rows = file
        .prepare<[], { id: string; callId: number | null; seq: number; state: string }>(
          `SELECT o.id, o.call_id AS callId, o.seq, o.state FROM outbox o JOIN systems s ON s.system_id = o.system_id
           WHERE s.is_default = 1 ORDER BY o.seq`,
        )
        .all();
      file.close();
      const received = await receiver.received();
      const calls = new Set(rows.map((r) => r.callId).filter((c) => c !== null));
      expect(rows.length).toBeGreaterThan(200);
      expect(calls.size).toBeGreaterThan(20);
      expect(received.every((d) => d.signatureValid)).toBe(true);

      // Every id at least once (every row was recorded with the endpoint set, so all are deliverable).
      const arrived = new Set(received.map((d) => d.id));
      const missing = rows.filter((r) => !arrived.has(r.id));
      expect(missing.map((r) => `${r.id} (${r.state})`)).toEqual([]);
      expect(rows.every((r) => r.state === 'delivered')).toBe(true);

      // Per call, first arrivals in the order the outbox recorded them (duplicates after a crash may follow).
      const firstArrival = new Map<string, number>();
      received.forEach((d, i) => {
        if (!firstArrival.has(d.id)) firstArrival.set(d.id, i);
      });
      for (const callId of calls) {
        const ids = rows.filter((r) => r.callId === callId).map((r) => r.id);
        const byArrival = [...ids].sort((a, b) => (firstArrival.get(a) ?? 0) - (firstArrival.get(b) ?? 0));
        expect(byArrival, `call ${callId}`).toEqual(ids);
      }
      // The kills did land mid-delivery: some notifications were sent again after a restart.
      expect(received.length, `${rows.length} rows of ${calls.size} calls`).toBeGreaterThan(rows.length);
    } finally {
      await receiver.stop();
    }
  }, 120_000);
});
