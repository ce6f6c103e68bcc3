/**
 * Start-up to first answer of the built CLI, the two ways a user starts it: on a database that already exists, and on a
 * new one (the demo data is created). Each is the time from spawning `omni-mock` to the answer of its first `GET
 * /health`, medians of `--runs` (5), runs alternating between the two. Targets: under 300 ms on an existing database,
 * under 600 ms creating the demo data; exits 1 when one is missed. Beside them, in the same runs, the machine's floor:
 * a bare Node HTTP server (node:http alone) spawned, timed and stopped the same way. This shared machine's speed
 * moves by half within hours, and the floor says how fast it is while the mock is measured; the difference is what
 * the mock's own start-up costs.
 *
 * Run: npm run bench:startup -w @omnikit/mock-omni (it builds first). `--bin <path to bin/omni-mock.js>` measures
 * another checkout's build (a before/after comparison).
 *
 * @module
 */

import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { MOCK_BIN, MOCK_LISTENING } from './server-process.js';

const argument = (name: string) => {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? process.argv[index + 1] : undefined;
};
const RUNS = Number(argument('runs') ?? 5);
const BIN = argument('bin') ? resolve(argument('bin') as string) : MOCK_BIN;
const EXISTING_TARGET_MS = 300;
const CREATING_TARGET_MS = 600;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;

/** CPU time (user + system, all threads) a process has used so far, in ms; NaN off Linux. */
function cpuMs(pid: number | undefined): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    // utime and stime, in clock ticks (100 a second on Linux).
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return Number.NaN;
  }
}

interface Start {
  wallMs: number;
  cpuMs: number;
}

/** The bare server: node:http answering every request as /health does, with the mock's banner line. */
const BARE_SERVER = `import { createServer } from 'node:http';
const server = createServer((_req, res) => {
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end('{"status":"ok"}');
});
server.listen(0, '127.0.0.1', () => console.log('listening on http://127.0.0.1:' + server.address().port));
process.on('SIGTERM', () => server.close(() => process.exit(0)));`;

/** Spawns the CLI on `db` and times its first `/health` answer. */
const startMock = (db: string) => startOnce([BIN, '--port', '0', '--db', db]);
/** Spawns the bare server and times its first answer. */
const startBare = () => startOnce(['--input-type=module', '-e', BARE_SERVER]);

/**
 * Spawns a server (`node` with `args`) and times its first `/health` answer (and the CPU it used until then, which a
 * busy machine delays but does not inflate); stops it again.
 */
async function startOnce(args: string[]): Promise<Start> {
  const started = performance.now();
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  const url = await new Promise<string>((resolveUrl, reject) => {
    child.stdout.on('data', (data: Buffer) => {
      out += data.toString();
      const match = MOCK_LISTENING.exec(out);
      if (match?.[1]) resolveUrl(match[1]);
    });
    child.once('exit', () => reject(new Error(`the mock exited before answering:\n${out}`)));
  });
  const res = await fetch(`${url}/health`);
  const took = performance.now() - started;
  const cpu = cpuMs(child.pid);
  if (res.status !== 200) throw new Error(`/health answered ${res.status}`);
  const exited = new Promise((done) => child.once('exit', done));
  child.kill('SIGTERM');
  await exited;
  return { wallMs: took, cpuMs: cpu };
}

const dir = mkdtempSync(join(tmpdir(), 'omni-startup-'));
try {
  console.log(`start-up bench: ${BIN}, ${RUNS} runs each (load average ${loadavg()[0]?.toFixed(2)})`);
  const existingDb = join(dir, 'existing.db');
  await startMock(existingDb); // creates it, and warms the file cache: not measured
  await startBare(); // warms Node's own files: not measured
  const bare: Start[] = [];
  const existing: Start[] = [];
  const creating: Start[] = [];
  for (let run = 0; run < RUNS; run++) {
    process.stderr.write(`  run ${run + 1}/${RUNS}\n`);
    bare.push(await startBare());
    existing.push(await startMock(existingDb));
    creating.push(await startMock(join(dir, `new-${run}.db`)));
  }
  const bareMs = median(bare.map((s) => s.wallMs));
  const existingMs = median(existing.map((s) => s.wallMs));
  const creatingMs = median(creating.map((s) => s.wallMs));
  const line = (label: string, starts: Start[], ms: number, target: number) =>
    `  ${label}: median ${ms.toFixed(0)} ms (runs ${starts.map((s) => s.wallMs.toFixed(0)).join(', ')}; target < ${target} ms) ` +
    `${ms < target ? 'ok' : 'FAIL'}; CPU used until then: median ${median(starts.map((s) => s.cpuMs)).toFixed(0)} ms`;
  console.log(
    `  bare Node HTTP server (the machine's floor): median ${bareMs.toFixed(0)} ms (runs ${bare.map((s) => s.wallMs.toFixed(0)).join(', ')}); CPU used until then: median ${median(bare.map((s) => s.cpuMs)).toFixed(0)} ms`,
  );
  console.log(line('existing database', existing, existingMs, EXISTING_TARGET_MS));
  console.log(line('creating the demo data', creating, creatingMs, CREATING_TARGET_MS));
  console.log(
    `  the mock's own start-up above the floor: ${(existingMs - bareMs).toFixed(0)} ms on an existing database, ${(creatingMs - bareMs).toFixed(0)} ms creating the demo data`,
  );
  if (!(existingMs < EXISTING_TARGET_MS && creatingMs < CREATING_TARGET_MS)) process.exitCode = 1;
} finally {
  rmSync(dir, { recursive: true, force: true });
}
