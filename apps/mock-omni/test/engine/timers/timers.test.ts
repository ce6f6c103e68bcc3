/**
 * The timer service with a test handler: the calls' and the dialler's kinds plug in the same way.
 *
 * @module
 */

import { afterEach, describe, expect, it } from 'vitest';
import type { MockOmni, SystemContext, TimerRun } from '../../../src/index.js';
import { startMock } from '../../support/omni-client.js';

const mocks: MockOmni[] = [];
afterEach(async () => {
  for (const m of mocks.splice(0)) await m.close();
});

interface Seen {
  label: string;
  now: number;
  clockNow: number;
}

async function setup(clock = 'manual', wallNow?: () => number) {
  const seen: Seen[] = [];
  const { mock, client } = await startMock({
    clock,
    ...(wallNow ? { wallNow } : {}),
    timerHandlers: {
      test: (run: TimerRun) => {
        const p = run.timer.payload as { label: string; next?: { in: number; label: string }; fail?: boolean };
        seen.push({ label: p.label, now: run.now, clockNow: run.system.clock.now() });
        // A handler's writes land with its timer: this one adds a DNC number.
        mock.services.stores.dnc.add(run.system.systemId, [`0800${String(seen.length).padStart(6, '0')}`], run.now);
        if (p.next)
          mock.services.timers.schedule(run.system.systemId, run.now + p.next.in, 'test', { label: p.next.label });
        if (p.fail) throw new Error('handler failure');
      },
    },
  });
  mocks.push(mock);
  const sys = mock.services.registry.getDefault();
  const at = (ms: number, label: string, extra: Record<string, unknown> = {}) =>
    mock.services.timers.schedule(sys.systemId, sys.clock.now() + ms, 'test', { label, ...extra });
  return { mock, client, sys, seen, at };
}

describe('timer service', () => {
  it('advance runs every due timer in time order (ties in the order set), each at its due time', async () => {
    const { client, seen, at } = await setup();
    const start = Date.parse('2026-01-05T08:00:00.000Z');
    at(3000, 'c');
    at(1000, 'a');
    at(2000, 'b1');
    at(2000, 'b2');
    at(9000, 'later');
    const res = await client.advance(5000);
    expect(res.body.timers_run).toBe(4);
    expect(seen).toEqual([
      { label: 'a', now: start + 1000, clockNow: start + 1000 },
      { label: 'b1', now: start + 2000, clockNow: start + 2000 },
      { label: 'b2', now: start + 2000, clockNow: start + 2000 },
      { label: 'c', now: start + 3000, clockNow: start + 3000 },
    ]);
    expect(res.body.clock).toMatchObject({
      now_ms: start + 5000,
      // 'later', and the demo WhatsApp conversation's window, which closes the next day.
      pending_timers: 2,
      next_timer_at: '2026-01-05T08:00:09.000Z',
    });
  });

  it('timers set by a handler that fall due inside the advance run in the same advance', async () => {
    const { client, seen, at } = await setup();
    at(1000, 'ring', { next: { in: 500, label: 'answer' } });
    const res = await client.advance(1500);
    expect(seen.map((s) => s.label)).toEqual(['ring', 'answer']);
    expect(res.body.timers_run).toBe(2);
  });

  it("a failing handler's writes are rolled back and its timer dropped; the others still run", async () => {
    const { mock, client, sys, seen, at } = await setup();
    at(1000, 'bad', { fail: true, next: { in: 1, label: 'never' } });
    at(2000, 'good');
    const res = await client.advance(3000);
    expect(res.status).toBe(200);
    expect(seen.map((s) => s.label)).toEqual(['bad', 'good']);
    // Only the good handler's DNC number is stored; the bad one's follow-up timer is gone too.
    expect(mock.services.stores.dnc.list(sys.systemId)).toEqual(['0800000002']);
    // Only the demo WhatsApp conversation's window timer is left.
    expect(mock.services.timers.pending(sys.systemId)).toBe(1);
  });

  it('cancels timers by kind and ref; timers are per system', async () => {
    const { mock, client, sys, seen } = await setup();
    const other: SystemContext = mock.services.registry.create({ clock: { mode: 'manual', scale: 1 } });
    mock.services.timers.schedule(sys.systemId, sys.clock.now() + 100, 'test', { label: 'keep' }, 'call-1');
    mock.services.timers.schedule(sys.systemId, sys.clock.now() + 100, 'test', { label: 'drop' }, 'call-2');
    mock.services.timers.schedule(other.systemId, other.clock.now() + 100, 'test', { label: 'other' }, 'call-2');
    expect(mock.services.timers.cancel(sys.systemId, 'test', 'call-2')).toBe(1);
    await client.advance(200);
    expect(seen.map((s) => s.label)).toEqual(['keep']);
    // Its 'call-2' timer, beside its demo WhatsApp conversation's window.
    expect(mock.services.timers.pending(other.systemId)).toBe(2);
  });

  it('refuses to schedule a kind nobody handles', async () => {
    const { mock, sys } = await setup();
    expect(() => mock.services.timers.schedule(sys.systemId, 0, 'nobody', {})).toThrow(/no handler/);
  });

  it('on a running (scaled) clock the wall-clock driver fires timers by itself', async () => {
    const { mock, sys, seen } = await setup('scaled:1000');
    const base = sys.clock.now();
    mock.services.timers.schedule(sys.systemId, base + 2000, 'test', { label: 'soon' }); // 2 wall ms
    mock.services.timers.schedule(sys.systemId, base + 30_000, 'test', { label: 'next' }); // 30 wall ms
    const deadline = Date.now() + 2000;
    while (seen.length < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));
    expect(seen.map((s) => s.label)).toEqual(['soon', 'next']);
    // Each handler sees its timer's due time, whatever the wall clock did meanwhile.
    expect(seen.map((x) => x.now - base)).toEqual([2000, 30_000]);
  });

  it('a running clock switched to manual first runs the timers it has passed that the driver has not run yet', async () => {
    let wall = Date.parse('2026-03-02T09:00:00.000Z');
    const { client, sys, seen, at } = await setup('real', () => wall);
    const base = sys.clock.now();
    at(30_000, 'passed'); // the driver's setTimeout: 30 s of real time away
    at(120_000, 'ahead');
    const pending = (await client.request('GET', '/__mock/clock')).body.pending_timers as number;
    // The wall clock moves on before the driver fires (a busy event loop; a fast scale makes it common).
    wall += 60_000;
    const res = await client.request('PUT', '/__mock/clock', { body: { mode: 'manual' } });
    // Before: the manual clock stood at +60 s with the +30 s timer still pending, until the next advance ran it.
    expect(res.body).toMatchObject({
      mode: 'manual',
      now_ms: base + 60_000,
      pending_timers: pending - 1,
      next_timer_at: new Date(base + 120_000).toISOString(),
    });
    expect(seen.map((x) => [x.label, x.now - base])).toEqual([['passed', 30_000]]);
  });
});
