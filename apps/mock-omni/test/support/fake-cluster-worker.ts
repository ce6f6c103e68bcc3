/**
 * A stand-in for an `omni-mock` worker in the cluster's tests that need HAProxy and a supervisor but no mock: a script
 * that answers `{"status":"ok"}` on its `--port` (HAProxy's health check passes), stops on SIGTERM, and stops by
 * itself after `lifetimeMs` should a test leak it.
 *
 * @module
 */

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Writes the script into `dir`; returns its path, to run as the worker command with Node. */
export function writeFakeClusterWorker(dir: string, lifetimeMs: number): string {
  const path = join(dir, 'fake-worker.mjs');
  writeFileSync(
    path,
    `import { createServer } from 'node:http';
const port = Number(process.argv[process.argv.indexOf('--port') + 1]);
createServer((req, res) => res.end('{"status":"ok"}')).listen(port, '127.0.0.1');
process.on('SIGTERM', () => process.exit(0));
setTimeout(() => process.exit(0), ${lifetimeMs});
`,
  );
  return path;
}
