/**
 * Runs every bench of the mock one after another (each prints its own figures and progress), even when one misses its
 * target, then a summary; exits 1 when any failed.
 *
 * @module
 */

import { spawnSync } from 'node:child_process';

const benches = [
  ['http', 'bench/http.bench.ts'],
  ['notify (in-memory outbox)', 'bench/notify.bench.ts'],
  ['notify (SQLite outbox)', 'bench/notify.bench.ts', '--sqlite'],
  ['calls (200 agents, 1 h)', 'bench/calls.bench.ts'],
  ['dialler engine (in-memory day)', 'bench/dialler.bench.ts'],
  ['dialler day (file database)', 'bench/dialler-day.bench.ts'],
  ['sip (1,000 agents)', 'bench/sip.bench.ts'],
  ['sip media (werift, first RTP and CPU per call)', 'bench/sip-media.bench.ts'],
];
const only = process.argv.slice(2);
const results = [];
for (const [name, file, ...args] of benches) {
  if (only.length && !only.some((o) => name.startsWith(o))) continue;
  console.log(`\n=== ${name} ===`);
  const started = Date.now();
  const run = spawnSync(process.execPath, ['--conditions=@omnikit/source', '--import', 'tsx', file, ...args], {
    stdio: 'inherit',
  });
  results.push({ name, ok: run.status === 0, seconds: (Date.now() - started) / 1000 });
}
console.log('\nbench summary');
for (const r of results) console.log(`  ${r.ok ? 'ok  ' : 'FAIL'}  ${r.name}  (${r.seconds.toFixed(0)} s)`);
process.exit(results.every((r) => r.ok) ? 0 : 1);
