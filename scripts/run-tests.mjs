// Runs every workspace's tests one package at a time (servers, browsers and child processes
// share 2 cores), then sums the JSON reports into one closing line: "N passed, N failed".
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const { workspaces } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const reports = workspaces.map((w) => join(root, w, '.vitest-report.json'));
for (const r of reports) rmSync(r, { force: true });

const extra = process.argv.slice(2);
const run = spawnSync('npx', ['turbo', 'run', 'test', '--concurrency=1', '--continue', ...extra], {
  cwd: root,
  stdio: 'inherit',
});

let passed = 0;
let failed = 0;
let skipped = 0;
const rows = [];
for (const [i, file] of reports.entries()) {
  if (!existsSync(file)) {
    rows.push(`${workspaces[i]}: no report`);
    continue;
  }
  const r = JSON.parse(readFileSync(file, 'utf8'));
  passed += r.numPassedTests;
  failed += r.numFailedTests;
  skipped += r.numPendingTests + (r.numTodoTests ?? 0);
  rows.push(
    `${workspaces[i]}: ${r.numPassedTests} passed, ${r.numFailedTests} failed in ${r.numTotalTestSuites} suites`,
  );
}
console.log('\nTest summary by package');
for (const row of rows) console.log(`  ${row}`);
console.log(`\ntests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
const ok = run.status === 0 && failed === 0 && passed > 0;
if (passed === 0) console.error('No test ran: that is a failure.');
process.exit(ok ? 0 : 1);
