/**
 * A simulated hour of a contact centre: 200 agents on virtual phones making click-2-dial calls under a
 * manual clock, driven in-process through the mock's services (the same code the HTTP handlers call, one transaction
 * per command, durable timers, outbox rows for every notification), on a database file. Target: the hour in under 10 s
 * of wall time.
 *
 * Each agent: logs in, goes ready, dials a random number (the callee model's seeded default mix: most dials do not
 * connect, ring 5–25 s, talk minutes), waits while the call runs, disposes 3–15 s after the call ends (some let the
 * campaign's 30 s wrap-up time out), thinks 1–5 s, dials again.
 *
 * Run: node --conditions=@omnikit/source --import tsx bench/calls.bench.ts [agents] [minutes] [--memory]
 *
 * @module
 */

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Rng } from '../src/engine/rng.js';
import { createMockOmni } from '../src/index.js';

const args = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const AGENTS = Number(args[0] ?? 200);
const MINUTES = Number(args[1] ?? 60);
const IN_MEMORY = process.argv.includes('--memory');
const STEP_MS = 1_000;
const TARGET_WALL_MS = 10_000;

interface Agent {
  userId: number;
  extension: string;
  /** Virtual ms: when to look at the agent again. */
  nextAt: number;
  /** Virtual ms the agent will dispose at (set when its wrap-up is first seen). */
  disposeAt: number | null;
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'omni-calls-bench-'));
  const db = IN_MEMORY ? ':memory:' : join(dir, 'omni.db');
  const mock = await createMockOmni({
    db,
    clock: 'manual',
    seed: 42,
    validateResponses: false,
    logger: { info: () => {}, error: (m, e) => console.error(m, e) },
  });
  const { services } = mock;
  const sys = services.registry.getDefault();
  const { tx } = services.stores;
  const rng = Rng.fromSeed('calls-bench');
  const numberRng = rng.fork('numbers');

  const setupStart = performance.now();
  const agents: Agent[] = [];
  tx.run(() => {
    for (let i = 0; i < AGENTS; i++) {
      const extension = String(3000 + i);
      const userId = services.users.create(sys, {
        user_name: `bench${i}`,
        password: 'pw',
        extension,
        webrtc_password: 'w',
      });
      services.phones.registerVirtual(sys, extension);
      services.agents.login(sys, userId, { campaign_id: 1, extension });
      services.agents.setState(sys, userId, { state: 'ready' });
      agents.push({ userId, extension, nextAt: sys.clock.now() + rng.int(0, 5_000), disposeAt: null });
    }
  });
  await tx.durable();
  const setupMs = performance.now() - setupStart;

  const start = sys.clock.now();
  const end = start + MINUTES * 60_000;
  let dials = 0;
  let disposed = 0;
  let refused = 0;
  let timersRun = 0;
  const started = performance.now();
  while (sys.clock.now() < end) {
    timersRun += services.registry.advance(sys, STEP_MS);
    const now = sys.clock.now();
    for (const a of agents) {
      if (a.nextAt > now) continue;
      const agent = services.agents.get(sys, a.userId);
      try {
        if (agent.state === 'ready' || agent.state === 'paused') {
          const phone = `0${numberRng.int(600_000_000, 899_999_999)}`;
          tx.run(() => services.calls.makeCall(sys, a.userId, { phone_number: phone }));
          dials++;
          a.nextAt = now + 5_000;
        } else if (agent.state === 'wrap_up') {
          if (a.disposeAt === null) {
            // One in ten lets the campaign's wrap-up time out instead.
            a.disposeAt = rng.chance(0.1) ? now + 60_000 : now + rng.int(3_000, 15_000);
          }
          if (a.disposeAt <= now) {
            tx.run(() => services.calls.dispose(sys, a.userId, agent.callId, { disposition_code: 'NI' }));
            disposed++;
            a.disposeAt = null;
            a.nextAt = now + rng.int(1_000, 5_000);
          } else a.nextAt = Math.min(a.disposeAt, now + 5_000);
        } else {
          a.disposeAt = null;
          a.nextAt = now + (agent.state === 'on_call' ? 5_000 : 1_000);
        }
      } catch (error) {
        // A wrap-up that timed out between two looks: the dispose is refused, the agent is free again.
        refused++;
        a.disposeAt = null;
        a.nextAt = now;
        if (!(error instanceof Error) || !/not allowed/.test(error.message)) throw error;
      }
    }
    // Let each simulated minute's group of writes commit.
    if ((now - start) % 60_000 === 0) await tx.durable();
  }
  await tx.durable();
  const wallMs = performance.now() - started;

  const outbox = services.webhooks.outbox;
  const cdrs = outbox.list({ systemId: sys.systemId, type: 'cdr', limit: 1 }).total;
  const notifications = outbox.list({ systemId: sys.systemId, limit: 1 }).total;
  const calls = services.stores.sequences.next(sys.systemId, 'call') - 1;
  console.log(
    `\nclick-2-dial load: ${AGENTS} virtual agents, ${MINUTES} simulated minutes, manual clock, ${IN_MEMORY ? 'in-memory database' : 'database file'}`,
  );
  console.log(`  setup (users, phones, logins)  ${setupMs.toFixed(0)} ms`);
  console.log(`  calls placed                   ${calls.toLocaleString('en')} (${dials.toLocaleString('en')} dials)`);
  console.log(
    `  calls disposed by agents       ${disposed.toLocaleString('en')} (${refused} refused: its wrap-up had just timed out)`,
  );
  console.log(
    `  CDRs                           ${cdrs.toLocaleString('en')} (${(cdrs - disposed).toLocaleString('en')} after a wrap-up timeout)`,
  );
  console.log(`  notifications recorded         ${notifications.toLocaleString('en')}`);
  console.log(`  timers run                     ${timersRun.toLocaleString('en')}`);
  console.log(
    `  wall time                      ${(wallMs / 1000).toFixed(2)} s for ${MINUTES} min (${((MINUTES * 60_000) / wallMs).toFixed(0)}× real time; target < ${TARGET_WALL_MS / 1000} s)`,
  );
  const ok = wallMs < TARGET_WALL_MS && calls > 0 && cdrs > 0;
  console.log(ok ? '  PASS' : '  FAIL');
  await mock.close();
  rmSync(dir, { recursive: true, force: true });
  process.exitCode = ok ? 0 : 1;
}

await main();
