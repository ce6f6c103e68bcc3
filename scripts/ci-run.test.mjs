// .ci/run runs under `set -euo pipefail`: a pipeline whose reader stops early (head, grep -m, ...)
// kills its writer with SIGPIPE, the pipeline exits 141 and CI fails — only sometimes, by timing.
// Stop 17 was lost that way (`haproxy -v | head -1`). This keeps the hazard out of the CI script.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const script = readFileSync(new URL('../.ci/run', import.meta.url), 'utf8');
const commands = script
  .split('\n')
  .map((line, i) => ({ n: i + 1, text: line.replace(/#.*$/, '') }))
  .filter((l) => l.text.trim() !== '');

test('.ci/run is valid bash and runs under pipefail', () => {
  execFileSync('bash', ['-n', fileURLToPath(new URL('../.ci/run', import.meta.url))]);
  assert.match(script, /^set -euo pipefail$/m);
});

const early = /\|\s*(head\b|grep\s+(-\w*[mq]|--max-count|--quiet)|sed\s+(-n\s+)?['"]?\d*q)/;

test('.ci/run never pipes into a reader that may stop before the writer ends', () => {
  const offending = commands.filter((l) => early.test(l.text)).map((l) => `${l.n}: ${l.text.trim()}`);
  assert.deepEqual(offending, [], 'use `sed -n 1p` (reads to the end) instead');
});

test('the early-reader check does catch the line that failed CI', () => {
  assert.ok(early.test('/usr/sbin/haproxy -v | head -1'));
  assert.ok(early.test('chromium --version | grep -q Chromium'));
  assert.ok(!early.test('/usr/sbin/haproxy -v | sed -n 1p'));
});
