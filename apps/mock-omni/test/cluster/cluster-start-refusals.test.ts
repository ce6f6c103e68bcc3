/**
 * `omni-mock cluster` refusing to start, or giving up: one line and exit 1, never an unhandled error or a stack trace;
 * a refusal comes before any process starts and before any file of the data directory is written, and nothing is left
 * running. Real processes over loopback: Debian's HAProxy, and workers that are a few lines of Node answering
 * `/health` on the port they are given (the real mock behind HAProxy is cluster-e2e.test.ts's).
 *
 * @module
 */

import { type ChildProcess, spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { runClusterCommand } from '../../src/cluster/cluster-command.js';
import { ClusterProcess } from '../e2e/support/cluster-process.js';
import { writeFakeClusterWorker } from '../support/fake-cluster-worker.js';
import { freePort } from '../support/free-port.js';
import { INSTALLED_HAPROXY } from '../support/installed-haproxy.js';
import { until } from '../support/until.js';

const dir = mkdtempSync(join(tmpdir(), 'omni-cluster-refusals-'));
const MAIN = fileURLToPath(new URL('../../src/main.ts', import.meta.url));
const COMMAND = fileURLToPath(new URL('../../src/cluster/cluster-command.ts', import.meta.url));
const HAS_HAPROXY = INSTALLED_HAPROXY !== undefined;

const FAKE_WORKER = writeFakeClusterWorker(dir, 30_000);
const fakeWorkers = { command: process.execPath, args: [FAKE_WORKER] };

const servers: Server[] = [];
const children: ChildProcess[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r))));
  for (const child of children.splice(0)) child.kill('SIGKILL');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The command on fake workers, in this process; `stop()` is its Ctrl-C. */
function start(argv: readonly string[], workerCommand = fakeWorkers, env?: { PATH?: string }) {
  const out: string[] = [];
  const err: string[] = [];
  let stop: (signal: string) => void = () => {};
  const code = runClusterCommand(argv, {
    out: (l) => out.push(...l.split('\n')),
    err: (l) => err.push(l),
    stopped: new Promise<string>((r) => {
      stop = r;
    }),
    workerCommand,
    ...(env ? { env } : {}),
  });
  return { out, err, code, stop: () => stop('SIGTERM') };
}

/**
 * The exit status, or 'still running' when the command has not returned within `ms`: then it is stopped, so that a
 * failing test leaves nothing behind.
 */
async function outcome(run: ReturnType<typeof start>, ms = 8_000): Promise<number | 'still running'> {
  const done = await Promise.race([run.code, sleep(ms).then(() => 'still running' as const)]);
  if (done === 'still running') {
    run.stop();
    await run.code;
  }
  return done;
}

function workerPids(out: readonly string[]): number[] {
  return out.flatMap((line) => {
    const m = /^omni-mock cluster: worker-\d+ on 127\.0\.0\.1:\d+ \(pid (\d+)\)/.exec(line);
    return m ? [Number(m[1])] : [];
  });
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** An HTTP server on `port` that answers 200 to everything, as another mock would. */
async function answerEverything(port: number): Promise<Server> {
  const server = createServer((_req, res) => res.end('{"status":"ok"}'));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  servers.push(server);
  return server;
}

function executable(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  chmodSync(path, 0o755);
  return path;
}

describe('omni-mock cluster: which HAProxy it runs', () => {
  it('without --haproxy, the haproxy on PATH (before /usr/sbin): it is the one started', async () => {
    const bin = join(dir, 'path-bin');
    mkdirSync(bin);
    const marker = join(dir, 'path-haproxy-ran');
    const haproxy = join(bin, 'haproxy');
    writeFileSync(
      haproxy,
      `#!/bin/sh\necho "$@" > "${marker}"\necho "[ALERT]    (1) : the haproxy on PATH ran" >&2\nexit 1\n`,
    );
    chmodSync(haproxy, 0o755);
    const data = join(dir, 'path-haproxy');
    const run = start(['--workers', '1', '--port', '0', '--dir', data], fakeWorkers, { PATH: `${bin}:/usr/bin:/bin` });
    expect(await outcome(run)).toBe(1);
    expect(run.out).toContain(`omni-mock cluster: starting HAProxy (${haproxy}) with ${join(data, 'haproxy.cfg')}`);
    expect(run.err).toEqual(['omni-mock cluster: HAProxy exited while starting: the haproxy on PATH ran']);
    expect(readFileSync(marker, 'utf8')).toBe(`-f ${join(data, 'haproxy.cfg')} -db\n`);
    expect(workerPids(run.out).filter(alive)).toEqual([]);
  });
});

describe('omni-mock cluster: --haproxy that is not an executable file', () => {
  it.each([
    ['a text file', 'text'],
    ['a directory', 'directory'],
  ])('%s: one line, exit 1, before any worker starts or any file is written', async (_what, kind) => {
    const haproxy = kind === 'directory' ? dir : join(dir, 'haproxy.txt');
    if (kind === 'text') writeFileSync(haproxy, 'not a program\n');
    const data = join(dir, `bad-haproxy-${kind}`);
    const run = start(['--workers', '2', '--port', '0', '--dir', data, '--haproxy', haproxy]);
    expect(await outcome(run)).toBe(1);
    expect(run.err).toEqual([
      `omni-mock cluster: --haproxy ${haproxy} is not an executable file: give the path of the HAProxy binary, or leave --haproxy out to run the haproxy on PATH`,
    ]);
    expect(run.out).toEqual([]);
    expect(existsSync(data)).toBe(false);
  });

  it('an executable that cannot be run (spawn ENOENT): one line, exit 1, every worker stopped', async () => {
    const haproxy = executable('no-interpreter', '#!/nonexistent/interpreter\n');
    const run = start(['--workers', '2', '--port', '0', '--dir', join(dir, 'spawn-haproxy'), '--haproxy', haproxy]);
    expect(await outcome(run)).toBe(1);
    expect(run.err).toEqual([`omni-mock cluster: cannot run --haproxy ${haproxy} (ENOENT): give the HAProxy binary`]);
    const pids = workerPids(run.out);
    expect(pids).toHaveLength(2);
    expect(pids.filter(alive)).toEqual([]);
  });

  it.skipIf(!HAS_HAPROXY)('a worker that cannot be run (spawn EACCES): one line, exit 1', async () => {
    const run = start(['--workers', '2', '--port', '0', '--dir', join(dir, 'spawn-worker')], {
      command: dir,
      args: [],
    });
    expect(await outcome(run)).toBe(1);
    expect(run.err).toEqual([`omni-mock cluster: cannot start worker-1 (${dir}: EACCES)`]);
  });
});

describe.skipIf(!HAS_HAPROXY)('omni-mock cluster: a front port that is taken', () => {
  it('by a server that answers: refused before anything starts, naming the port', async () => {
    const port = await freePort();
    await answerEverything(port);
    const data = join(dir, 'port-in-use');
    const run = start(['--workers', '1', '--port', String(port), '--dir', data]);
    expect(await outcome(run)).toBe(1);
    expect(run.err).toEqual([
      `omni-mock cluster: port ${port} is already in use on 127.0.0.1: stop what listens on 127.0.0.1:${port}, or pick another --port (0 picks a free one)`,
    ]);
    expect(run.out).toEqual([]);
    expect(existsSync(data)).toBe(false);
  });

  it('taken between the check and HAProxy’s start: HAProxy’s own error, exit 1, not the other server’s 200', async () => {
    const port = await freePort();
    const pidFile = join(dir, 'taker.pid');
    // A wrapper that lets another server take the port, then runs the real HAProxy: what a program that binds the
    // port in that window looks like from the cluster.
    const taker = `require('http').createServer((q, s) => s.end('{"status":"ok"}')).listen(${port}, '127.0.0.1', () => require('fs').writeFileSync('${pidFile}', String(process.pid))); setTimeout(() => process.exit(0), 20000)`;
    const haproxy = executable(
      'late-taker',
      `#!/bin/sh\n"${process.execPath}" -e "${taker}" &\nwhile [ ! -s "${pidFile}" ]; do sleep 0.02; done\nexec ${INSTALLED_HAPROXY} "$@"\n`,
    );
    const data = join(dir, 'late-taker-data');
    const run = start(['--workers', '1', '--port', String(port), '--dir', data, '--haproxy', haproxy]);
    try {
      expect(await outcome(run)).toBe(1);
      expect(run.err).toHaveLength(1);
      expect(run.err[0]).toMatch(
        new RegExp(
          `^omni-mock cluster: HAProxy exited while starting: .*cannot bind socket \\(Address already in use\\) for \\[127\\.0\\.0\\.1:${port}\\]$`,
        ),
      );
      expect(run.out.some((l) => l.includes('listening on'))).toBe(false);
      expect(workerPids(run.out).filter(alive)).toEqual([]);
    } finally {
      if (existsSync(pidFile)) process.kill(Number(readFileSync(pidFile, 'utf8')), 'SIGKILL');
    }
  });

  it('HAProxy that keeps exiting as it restarts: the cluster gives up with its error, exit 1', async () => {
    const run = start(['--workers', '1', '--port', '0', '--dir', join(dir, 'restarts')]);
    let line = '';
    for (let i = 0; i < 100 && !line; i++, await sleep(50))
      line = run.out.find((l) => l.includes('listening on')) ?? '';
    const m = /listening on http:\/\/127\.0\.0\.1:(\d+) \(HAProxy pid (\d+)\)/.exec(line);
    expect(m).not.toBeNull();
    const port = Number(m?.[1]);
    process.kill(Number(m?.[2]), 'SIGKILL');
    // Take the port as soon as the killed HAProxy has let it go (before its restart, 0.5 s later).
    let taken: Server | undefined;
    for (let i = 0; i < 100 && !taken; i++) {
      taken = await answerEverything(port).catch(() => undefined);
      if (!taken) await sleep(10);
    }
    expect(taken).toBeDefined();
    expect(await outcome(run, 9_000)).toBe(1);
    expect(run.err).toHaveLength(1);
    expect(run.err[0]).toMatch(
      /^omni-mock cluster: HAProxy exited 5 times in a row as it started \(the last time: .*cannot bind socket \(Address already in use\).*\): stopped every worker$/,
    );
    expect(workerPids(run.out).filter(alive)).toEqual([]);
  }, 15_000);
});

describe('omni-mock cluster: a data directory in use', () => {
  it.skipIf(!HAS_HAPROXY)(
    'a second cluster on the dir of a running one is refused, and the running one’s files are left alone',
    async () => {
      const data = join(dir, 'shared');
      const first = ClusterProcess.start(['--workers', '2', '--port', '0', '--dir', data]);
      try {
        const { url } = await first.ready();
        const files = ['haproxy.cfg', 'buckets.map'].map((f) => join(data, f));
        const before = files.map((f) => ({ text: readFileSync(f, 'utf8'), mtime: statSync(f).mtimeMs }));
        const second = start(['--workers', '1', '--port', '0', '--dir', data], {
          command: process.execPath,
          args: ['--conditions=@omnikit/source', '--import', 'tsx', MAIN],
        });
        expect(await outcome(second, 15_000)).toBe(1);
        expect(second.err).toEqual([
          `omni-mock cluster: a cluster is already using ${data} (pid ${first.child.pid}, port ${new URL(url).port}): stop it (kill ${first.child.pid}) or give another --dir`,
        ]);
        expect(files.map((f) => ({ text: readFileSync(f, 'utf8'), mtime: statSync(f).mtimeMs }))).toEqual(before);
      } finally {
        expect(await first.stop()).toBe(0);
      }
    },
    30_000,
  );

  it('a mock on a worker’s database: refused before any file is written', async () => {
    const data = join(dir, 'worker-db-held');
    const db = join(data, 'worker-1', 'omni.db');
    mkdirSync(join(data, 'worker-1'), { recursive: true });
    const other = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 20000)'], { stdio: 'ignore' });
    children.push(other);
    // A mock still starting: its lock names its pid and no port yet.
    writeFileSync(`${db}.lock`, JSON.stringify({ pid: other.pid }));
    const run = start(['--workers', '2', '--port', '0', '--dir', data]);
    expect(await outcome(run)).toBe(1);
    expect(run.err).toEqual([
      `omni-mock cluster: a mock is already using ${db} (pid ${other.pid}, still starting): stop it (kill ${other.pid}) or give another --dir`,
    ]);
    expect(run.out).toEqual([]);
    expect(['haproxy.cfg', 'buckets.map', 'cluster.lock'].filter((f) => existsSync(join(data, f)))).toEqual([]);
  });

  it('--dir naming a file: one line, exit 1, the file untouched', async () => {
    const file = join(dir, 'afile');
    writeFileSync(file, 'mine\n');
    const run = start(['--workers', '1', '--port', '0', '--dir', file]);
    expect(await outcome(run)).toBe(1);
    expect(run.err).toEqual([
      `omni-mock cluster: --dir ${file} is a file, not a directory: give a directory (it is created if missing)`,
    ]);
    expect(readFileSync(file, 'utf8')).toBe('mine\n');
  });
});

/** A process that has exited but that its parent never reaps (the parent turned into `sleep`): a zombie. */
async function zombie(): Promise<number> {
  // The child outlives the shell's exec into `sleep` (which never reaps): a child that exited at once could be reaped
  // by the shell itself first, and its pid would be gone rather than a zombie.
  const parent = spawn('sh', ['-c', 'sleep 0.3 & echo $!; exec sleep 30'], {
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  children.push(parent);
  const pid = await new Promise<number>((resolve) => parent.stdout?.once('data', (d: Buffer) => resolve(Number(d))));
  for (let i = 0; i < 100 && !/\) Z /.test(readFileSync(`/proc/${pid}/stat`, 'utf8')); i++) await sleep(20);
  expect(readFileSync(`/proc/${pid}/stat`, 'utf8')).toMatch(/\) Z /);
  return pid;
}

/** A `haproxy` that says why it will not run, in HAProxy's words, and exits: the start got as far as running it. */
const alertingHaproxy = () => executable('alerting-haproxy', '#!/bin/sh\necho "[ALERT]    (1) : ran" >&2\nexit 1\n');

describe('omni-mock cluster: a lock or processes left by a supervisor that is gone', () => {
  it('a cluster.lock naming a zombie (a supervisor killed while starting, not yet reaped): not a cluster, taken over', async () => {
    const data = join(dir, 'zombie-lock');
    mkdirSync(data);
    const pid = await zombie();
    writeFileSync(join(data, 'cluster.lock'), JSON.stringify({ pid }));
    const run = start(['--workers', '1', '--port', '0', '--dir', data, '--haproxy', alertingHaproxy()]);
    expect(await outcome(run)).toBe(1);
    expect(run.err).toEqual(['omni-mock cluster: HAProxy exited while starting: ran']);
  });

  it('a cluster.lock of a supervisor killed while starting, whose pid another program has since: taken over, saying so', async () => {
    const data = join(dir, 'reused-while-starting');
    // A supervisor of its own, `omni-mock cluster` on a worker that never answers /health: it is still starting.
    const silentWorker = join(dir, 'silent-worker.mjs');
    writeFileSync(silentWorker, 'setTimeout(() => {}, 30000);\n');
    const supervisorScript = join(dir, 'supervisor.mjs');
    writeFileSync(
      supervisorScript,
      `import { runClusterCommand } from ${JSON.stringify(COMMAND)};
process.exit(await runClusterCommand(process.argv.slice(2), {
  out: (line) => console.log(line),
  err: (line) => console.error(line),
  stopped: new Promise(() => {}),
  workerCommand: { command: process.execPath, args: [${JSON.stringify(silentWorker)}] },
}));
`,
    );
    const supervisor = spawn(
      process.execPath,
      [
        '--conditions=@omnikit/source',
        '--import',
        'tsx',
        supervisorScript,
        '--workers',
        '1',
        '--port',
        '0',
        '--dir',
        data,
      ],
      { stdio: 'ignore' },
    );
    children.push(supervisor);
    const lockPath = join(data, 'cluster.lock');
    // The lock taken and its worker started (and recorded): then the supervisor is killed.
    await until('the supervisor starts its worker', () => existsSync(join(data, 'cluster-processes.json')), 20_000);
    supervisor.kill('SIGKILL');
    await new Promise((r) => supervisor.once('exit', r));
    const lock = JSON.parse(readFileSync(lockPath, 'utf8')) as { pid: number; port?: number };
    expect([lock.pid, lock.port]).toEqual([supervisor.pid, undefined]);
    // Its pid, taken since by a program that is no cluster.
    const other = spawn('sleep', ['30'], { stdio: 'ignore' });
    children.push(other);
    writeFileSync(lockPath, JSON.stringify({ ...lock, pid: other.pid }));

    const run = start(['--workers', '1', '--port', '0', '--dir', data, '--haproxy', alertingHaproxy()]);
    expect(await outcome(run)).toBe(1);
    // Past the lock (and past what the killed supervisor left): as far as running HAProxy.
    expect(run.err).toEqual(['omni-mock cluster: HAProxy exited while starting: ran']);
    expect(run.out).toContainEqual(
      `omni-mock cluster: took over ${lockPath}: the cluster that wrote it (pid ${other.pid}, still starting) is gone, and its pid belongs to a process started since`,
    );
    expect(run.out).toContainEqual(
      expect.stringMatching(
        /^omni-mock cluster: stopped worker-1 \(pid \d+\), left running by a cluster on .* that was killed$/,
      ),
    );
    // The program with that pid is left alone.
    expect(alive(other.pid ?? 0)).toBe(true);
  }, 30_000);

  it('processes on its files that no record names (a killed cluster of an older omni-mock): each named, none stopped', async () => {
    const data = join(dir, 'older-leftovers');
    const sleeper = join(dir, 'sleeper.mjs');
    writeFileSync(sleeper, 'setTimeout(() => {}, 30000);\n');
    const keep = (child: ChildProcess) => {
      children.push(child);
      return child;
    };
    const haproxy = keep(
      spawn(process.execPath, [sleeper, '-f', join(data, 'haproxy.cfg'), '-db'], { stdio: 'ignore' }),
    );
    const workers = await Promise.all(
      [1, 2].map(async (index) => {
        const db = join(data, `worker-${index}`, 'omni.db');
        mkdirSync(dirname(db), { recursive: true });
        const port = await freePort();
        const args = [FAKE_WORKER, '--port', String(port), '--host', '127.0.0.1', '--db', db];
        const child = keep(spawn(process.execPath, [...args, '--admin-key', 'older-admin-key'], { stdio: 'ignore' }));
        writeFileSync(`${db}.lock`, JSON.stringify({ pid: child.pid, port, host: '127.0.0.1' }));
        return { child, shown: [process.execPath, ...args, '--admin-key', '<admin key>'].join(' ') };
      }),
    );
    // The older version's lock, its supervisor gone; and no cluster-processes.json, which it did not write.
    const gone = spawn(process.execPath, ['-e', '0']);
    await new Promise((r) => gone.once('exit', r));
    writeFileSync(join(data, 'cluster.lock'), JSON.stringify({ pid: gone.pid, port: 4010, host: '127.0.0.1' }));
    await sleep(300); // every process has its command line

    const run = start(['--workers', '2', '--port', '0', '--dir', data, '--haproxy', alertingHaproxy()]);
    expect(await outcome(run)).toBe(1);
    const [w1, w2] = workers;
    const pids = [haproxy.pid, w1?.child.pid, w2?.child.pid];
    expect(run.err).toEqual([
      `omni-mock cluster: HAProxy (pid ${haproxy.pid}: ${process.execPath} ${sleeper} -f ${join(data, 'haproxy.cfg')} -db), worker-1 (pid ${w1?.child.pid}: ${w1?.shown}) and worker-2 (pid ${w2?.child.pid}: ${w2?.shown}) still run on the files of --dir ${data}, recorded by no cluster (most likely left by a cluster of an older omni-mock that was killed): stop them (kill ${pids.join(' ')}) and start again, or give another --dir`,
    ]);
    expect(run.out).toEqual([]);
    expect(pids.filter((pid) => pid !== undefined && alive(pid))).toEqual(pids);
    expect(existsSync(join(data, 'haproxy.cfg'))).toBe(false);
  });
});

describe('omni-mock cluster: a --dir where no file can be created', () => {
  it.each(['/proc/omni-cluster-test/data', '/proc/self'])(
    '%s: refused at once, one line, exit 1 (Node’s recursive mkdir never returns there)',
    async (data) => {
      const cluster = ClusterProcess.start([
        '--workers',
        '1',
        '--port',
        '0',
        '--dir',
        data,
        '--haproxy',
        alertingHaproxy(),
      ]);
      const code = await Promise.race([cluster.exited(), sleep(15_000).then(() => 'still running' as const)]);
      if (code === 'still running') {
        cluster.child.kill('SIGKILL');
        await cluster.exited();
      }
      expect(code).toBe(1);
      expect(cluster.lines).toEqual([
        `omni-mock cluster: --dir ${data} is under /proc, a kernel pseudo-filesystem where no file can be created: give a directory on a disk, e.g. --dir ./omni-cluster`,
      ]);
    },
    30_000,
  );

  it('a read-only directory: refused before anything starts, naming it', async () => {
    const parent = join(dir, 'read-only');
    mkdirSync(parent);
    chmodSync(parent, 0o555);
    const data = join(parent, 'cluster');
    const run = start(['--workers', '1', '--port', '0', '--dir', data, '--haproxy', alertingHaproxy()]);
    expect(await outcome(run)).toBe(1);
    expect(run.err).toEqual([
      `omni-mock cluster: cannot create --dir ${data}: ${parent} is read-only: make it writable (chmod u+w ${parent}) or give another --dir`,
    ]);
    expect(run.out).toEqual([]);
  });
});

describe('omni-mock cluster --help', () => {
  it('wins over every other check: printed, exit 0', async () => {
    const run = start(['--dir', 'c1', '--help', '--host', '0.0.0.0', '--workers', '0', '--', '--db', 'x']);
    expect(await outcome(run)).toBe(0);
    expect(run.err).toEqual([]);
    expect(run.out[0]).toMatch(/^omni-mock cluster — /);
  });
});
