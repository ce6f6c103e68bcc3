/**
 * A bad environment at start-up, as a user meets it: the built `omni-mock` bin as a child process. Each refusal exits
 * 1 with exactly one line on stderr naming the problem and its remedy, and leaves the directory of the database
 * exactly as it was: same bytes, no -wal, -shm or lock file.
 *
 * @module
 */

import { type ChildProcess, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  chmodSync,
  closeSync,
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  truncateSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMockOmni } from '../../src/index.js';
import { MIGRATIONS_FOLDER } from '../../src/store/create-db.js';
import { knownSchema } from '../../src/store/schema-version.js';
import { MOCK_VERSION } from '../../src/version.js';
import { ensureBuiltCli, type StartedCli, startCli } from '../support/cli-process.js';

const pkgDir = fileURLToPath(new URL('../..', import.meta.url));
const bin = join(pkgDir, 'bin', 'omni-mock.js');
const root = mkdtempSync(join(tmpdir(), 'omni-env-'));
const children = new Set<ChildProcess>();
let demoDb: string;

beforeAll(async () => {
  ensureBuiltCli();
  // A real mock database: migrated, with the demo data, closed cleanly (no -wal left).
  demoDb = join(root, 'demo.db');
  const mock = await createMockOmni({ db: demoDb, clock: 'manual', logger: { info: () => {}, error: () => {} } });
  await mock.close();
});

afterAll(() => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
  rmSync(root, { recursive: true, force: true });
});

let dirs = 0;
/** A fresh directory holding a copy of the demo database as `omni.db` (unless `empty`). */
function freshDir(empty = false): { dir: string; db: string } {
  const dir = join(root, `case-${++dirs}`);
  mkdirSync(dir);
  const db = join(dir, 'omni.db');
  if (!empty) copyFileSync(demoDb, db);
  return { dir, db };
}

/** Every file of a directory with the hash of its bytes. */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    out[name] = statSync(path).isFile() ? createHash('sha256').update(readFileSync(path)).digest('hex') : 'dir';
  }
  return out;
}

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
  ms: number;
}

/** Runs the bin to its end (killed after `timeoutMs`: a hang fails the test instead of blocking it). */
function run(args: string[], timeoutMs = 10_000): Promise<Run> {
  const started = performance.now();
  const child = spawn(process.execPath, [bin, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  children.add(child);
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (d: Buffer) => {
    stdout += d.toString();
  });
  child.stderr?.on('data', (d: Buffer) => {
    stderr += d.toString();
  });
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  return new Promise((resolve) => {
    child.once('close', (code) => {
      clearTimeout(timer);
      children.delete(child);
      resolve({ code, stdout, stderr, ms: performance.now() - started });
    });
  });
}

function start(args: string[]): Promise<StartedCli> {
  return startCli(bin, args, children);
}

/** The refusal: exit 1, nothing on stdout, one line on stderr matching each pattern. */
function expectRefusal(res: Run, ...patterns: RegExp[]): void {
  expect(res.code, res.stderr).toBe(1);
  expect(res.stdout).toBe('');
  expect(res.stderr.endsWith('\n')).toBe(true);
  const lines = res.stderr.trimEnd().split('\n');
  expect(lines, res.stderr).toHaveLength(1);
  expect(lines[0]).toMatch(/^omni-mock: /);
  for (const pattern of patterns) expect(lines[0]).toMatch(pattern);
  expect(lines[0]).not.toMatch(/\n\s+at |Error:/);
}

async function listeningServer(): Promise<{ server: Server; port: number }> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  return { server, port: address.port };
}

describe('omni-mock refuses a bad environment in one line and changes nothing', () => {
  it('--db pointing at a directory', async () => {
    const { dir } = freshDir();
    const before = snapshot(dir);
    const res = await run(['--port', '0', '--db', dir]);
    expectRefusal(res, /is a directory, not a database file/, /give a file in it, e\.g\. --db .*omni\.db/);
    expect(snapshot(dir)).toEqual(before);
  });

  it('--db through a file, to a dangling link, or ending with a slash: one line, no stack trace', async () => {
    const { dir } = freshDir(true);
    writeFileSync(join(dir, 'notes.txt'), 'not a directory\n');
    const links = freshDir(true).dir;
    symlinkSync(join(links, 'gone', 'omni.db'), join(links, 'dangling.db'));
    const before = snapshot(dir);
    expectRefusal(
      await run(['--port', '0', '--db', join(dir, 'notes.txt', 'omni.db')]),
      /cannot create --db .*notes\.txt\/omni\.db: .*notes\.txt is not a directory/,
    );
    expectRefusal(
      await run(['--port', '0', '--db', join(links, 'dangling.db')]),
      /dangling\.db is a symbolic link to .*gone\/omni\.db, which does not exist/,
    );
    expect(readdirSync(links)).toEqual(['dangling.db']);
    expectRefusal(
      await run(['--port', '0', '--db', `${join(dir, 'newdir')}/`]),
      /newdir\/ names a directory \(it ends with \/\): give a file in it, e\.g\. --db .*newdir\/omni\.db/,
    );
    expect(snapshot(dir)).toEqual(before);
  });

  it.each([
    ['an existing file', '/proc/self/status'],
    ['a new file', '/proc/omni-mock-test.db'],
  ])('--db under /proc (%s): refused at once, no hang', async (_, path) => {
    const res = await run(['--port', '0', '--db', path], 8_000);
    expectRefusal(res, /is under \/proc, a kernel pseudo-filesystem/, /give a path on a disk/);
  });

  it('a read-only directory: the new database is not created', async () => {
    const { dir, db } = freshDir(true);
    chmodSync(dir, 0o555);
    try {
      const res = await run(['--port', '0', '--db', db]);
      expectRefusal(res, /the directory .* is read-only/, /make it writable \(chmod u\+w .*\) or give another --db/);
      expect(readdirSync(dir)).toEqual([]);
    } finally {
      chmodSync(dir, 0o755);
    }
  });

  it('a read-only directory holding a database: the file is left as it was', async () => {
    const { dir, db } = freshDir();
    const before = snapshot(dir);
    chmodSync(dir, 0o555);
    try {
      const res = await run(['--port', '0', '--db', db]);
      expectRefusal(res, /the directory .* is read-only \(SQLite writes its -wal file beside the database\)/);
      expect(snapshot(dir)).toEqual(before);
    } finally {
      chmodSync(dir, 0o755);
    }
  });

  it('a read-only database file', async () => {
    const { dir, db } = freshDir();
    chmodSync(db, 0o444);
    const before = snapshot(dir);
    const res = await run(['--port', '0', '--db', db]);
    expectRefusal(res, /omni\.db is read-only/, /chmod u\+w .*omni\.db\) or give another --db/);
    expect(snapshot(dir)).toEqual(before);
  });

  it('a file that is not a database', async () => {
    const { dir, db } = freshDir(true);
    writeFileSync(db, 'name,phone\nAda,0700000001\n');
    const before = snapshot(dir);
    const res = await run(['--port', '0', '--db', db]);
    expectRefusal(res, /is not an SQLite database/, /give another --db, or move that file away/);
    expect(snapshot(dir)).toEqual(before);
  });

  it('--reset replaces a file that is not a database (it was asked to delete it)', async () => {
    const { db } = freshDir(true);
    writeFileSync(db, 'not a database');
    const started = await start(['--port', '0', '--db', db, '--reset']);
    expect((await fetch(`http://127.0.0.1:${started.port}/health`)).status).toBe(200);
    started.child.kill('SIGTERM');
    expect(await started.exited).toBe(0);
  });

  it.each(['SIGTERM', 'SIGINT'] as const)(
    '%s while the mock starts (its lock taken, the demo data not yet made): exit 0, no lock or -wal left',
    async (signal) => {
      const { dir, db } = freshDir(true);
      const child = spawn(process.execPath, [bin, '--port', '0', '--db', db], { stdio: ['ignore', 'pipe', 'pipe'] });
      children.add(child);
      let stdout = '';
      child.stdout?.on('data', (d: Buffer) => {
        stdout += d.toString();
      });
      const closed = new Promise<number | null>((resolve) => child.once('close', (code) => resolve(code)));
      // The lock file is the first thing the start writes; the banner comes after the demo data is made.
      while (readdirSync(dir).length === 0) await new Promise((resolve) => setTimeout(resolve, 1));
      child.kill(signal);
      expect(await closed).toBe(0);
      children.delete(child);
      expect(stdout).toBe(`omni-mock: ${signal} while starting: stopped before listening\n`);
      expect(readdirSync(dir).filter((name) => name.endsWith('.lock') || name.endsWith('-wal'))).toEqual([]);
    },
  );

  it('a truncated database', async () => {
    const { dir, db } = freshDir();
    truncateSync(db, Math.floor(statSync(db).size / 3));
    const before = snapshot(dir);
    const res = await run(['--port', '0', '--db', db]);
    expectRefusal(res, /omni\.db is corrupt \(/, /restore a copy, or start from fresh demo data with --reset/);
    expect(snapshot(dir)).toEqual(before);
  });

  it('a database with a damaged page (PRAGMA quick_check at start)', async () => {
    const { dir, db } = freshDir();
    // Read-write, so that closing removes the -wal and -shm a read-only connection would leave.
    const sqlite = new Database(db);
    const pageSize = Number(sqlite.pragma('page_size', { simple: true }));
    const root = Number(
      (sqlite.prepare("SELECT rootpage FROM sqlite_schema WHERE name = 'users'").get() as { rootpage: number })
        .rootpage,
    );
    sqlite.close();
    // The users table's root page gets a B-tree page type SQLite does not know.
    const fd = openSync(db, 'r+');
    writeSync(fd, Buffer.alloc(8, 0xff), 0, 8, (root - 1) * pageSize);
    closeSync(fd);
    const before = snapshot(dir);
    const res = await run(['--port', '0', '--db', db]);
    expectRefusal(res, /omni\.db is corrupt \(/, /--reset \(deletes it\)/);
    expect(snapshot(dir)).toEqual(before);
  });

  it('a database written by a newer OmniKit names both versions', async () => {
    const { dir, db } = freshDir();
    const sqlite = new Database(db);
    sqlite
      .prepare('INSERT INTO __drizzle_migrations (hash, created_at) VALUES (?, ?)')
      .run('future', 4_102_444_800_000);
    sqlite.pragma('user_version = 3001'); // omni-mock 0.3.1
    sqlite.close();
    const before = snapshot(dir);
    const schema = knownSchema(MIGRATIONS_FOLDER);
    const res = await run(['--port', '0', '--db', db]);
    expectRefusal(
      res,
      /was written by a newer OmniKit/,
      new RegExp(
        `\\(omni-mock 0\\.3\\.1, schema ${schema.count + 1}\\) than this one \\(omni-mock ${MOCK_VERSION.replaceAll('.', '\\.')}, schema ${schema.count}\\)`,
      ),
      /run the newer omni-mock, or give another --db/,
    );
    expect(snapshot(dir)).toEqual(before);
  });

  it('the port in use: refused before the database is created or migrated', async () => {
    const { server, port } = await listeningServer();
    try {
      const fresh = freshDir(true);
      const res = await run(['--port', String(port), '--db', fresh.db]);
      expectRefusal(
        res,
        new RegExp(`port ${port} is already in use on 127\\.0\\.0\\.1`),
        /pick another --port \(0 picks a free one\)/,
      );
      expect(readdirSync(fresh.dir)).toEqual([]);
      // An existing database that would need no migration is not opened either.
      const existing = freshDir();
      const before = snapshot(existing.dir);
      expectRefusal(await run(['--port', String(port), '--db', existing.db]), /already in use/);
      expect(snapshot(existing.dir)).toEqual(before);
    } finally {
      server.close();
    }
  });

  it('a database locked by another program: refused at once, not after the busy timeout', async () => {
    const { db } = freshDir();
    const holder = new Database(db);
    holder.pragma('locking_mode = EXCLUSIVE');
    holder.prepare('SELECT count(*) FROM users').get();
    try {
      const res = await run(['--port', '0', '--db', db]);
      expectRefusal(res, /is locked by another process/, /stop it or give another --db/);
      expect(res.ms).toBeLessThan(4_000);
    } finally {
      holder.close();
    }
  });
});

describe('a database another mock is using', () => {
  it('a second mock names the first one’s pid and port at once, and the first keeps serving', async () => {
    const { dir, db } = freshDir();
    const first = await start(['--port', '0', '--db', db, '--clock', 'manual']);
    try {
      const second = await run(['--port', '0', '--db', db]);
      expectRefusal(
        second,
        new RegExp(`^omni-mock: a mock is already using .*omni\\.db \\(pid ${first.child.pid}, port ${first.port}\\)`),
        new RegExp(`stop it \\(kill ${first.child.pid}\\) or give another --db`),
      );
      // "At once": before SQLite's 5 s busy timeout would have run out (waiting for the lock would take
      // at least 5 s); starting node is 0.3-0.8 s of it on a quiet machine, over 2 s on a loaded one.
      expect(second.ms).toBeLessThan(4_500);
      // --reset does not delete a database in use.
      expectRefusal(await run(['--port', '0', '--db', db, '--reset']), /a mock is already using/);
      expect((await fetch(`http://127.0.0.1:${first.port}/health`)).status).toBe(200);
      expect(readdirSync(dir)).toContain('omni.db.lock');
    } finally {
      first.child.kill('SIGTERM');
      expect(await first.exited).toBe(0);
    }
    // A clean stop removes the lock file.
    expect(readdirSync(dir)).not.toContain('omni.db.lock');
  });

  it('a lock left by a kill -9ed mock does not block the next start', async () => {
    const { dir, db } = freshDir();
    const killed = await start(['--port', '0', '--db', db, '--clock', 'manual']);
    killed.child.kill('SIGKILL');
    await killed.exited;
    expect(readdirSync(dir)).toContain('omni.db.lock');
    const next = await start(['--port', '0', '--db', db]);
    expect((await fetch(`http://127.0.0.1:${next.port}/health`)).status).toBe(200);
    const lock = JSON.parse(readFileSync(join(dir, 'omni.db.lock'), 'utf8')) as { pid: number; port: number };
    expect(lock).toMatchObject({ pid: next.child.pid, port: next.port });
    // Nothing surprising: the writer is gone, its pid with it; taken over without a word.
    expect(next.output()).not.toMatch(/took over/);
    next.child.kill('SIGTERM');
    expect(await next.exited).toBe(0);
  });

  it('a lock whose pid now belongs to another process (not holding the database) is taken over', async () => {
    const { dir, db } = freshDir();
    // This test runner is alive but is no mock: it holds no lock on the database.
    writeFileSync(`${db}.lock`, JSON.stringify({ pid: process.pid, port: 4010, host: '127.0.0.1' }));
    const next = await start(['--port', '0', '--db', db]);
    const lock = JSON.parse(readFileSync(join(dir, 'omni.db.lock'), 'utf8')) as { pid: number };
    expect(lock.pid).toBe(next.child.pid);
    // Said once on stdout, as the start-up notes are: that pid runs, so the user learns why it was not refused.
    const said = new RegExp(
      `^omni-mock: took over \\S*omni\\.db\\.lock: the mock that wrote it \\(pid ${process.pid}, port 4010\\) is gone, and that pid does not hold \\S*omni\\.db$`,
      'm',
    );
    expect(next.output()).toMatch(said);
    expect(next.output().match(/took over/g)).toHaveLength(1);
    expect(next.errors()).not.toMatch(/took over/);
    next.child.kill('SIGTERM');
    expect(await next.exited).toBe(0);
  });

  it('a lock of a mock killed while starting, whose pid another process has since, is taken over', async () => {
    const { dir, db } = freshDir();
    // A mock's own lock, as it wrote it...
    const killed = await start(['--port', '0', '--db', db, '--clock', 'manual']);
    killed.child.kill('SIGKILL');
    await killed.exited;
    const {
      port: _port,
      host: _host,
      ...starting
    } = JSON.parse(readFileSync(`${db}.lock`, 'utf8')) as {
      pid: number;
      port?: number;
      host?: string;
    };
    // ...before it listened (no port yet), its pid since taken by this test runner, alive and no mock.
    writeFileSync(`${db}.lock`, JSON.stringify({ ...starting, pid: process.pid }));
    const next = await start(['--port', '0', '--db', db]);
    expect((await fetch(`http://127.0.0.1:${next.port}/health`)).status).toBe(200);
    const lock = JSON.parse(readFileSync(join(dir, 'omni.db.lock'), 'utf8')) as { pid: number };
    expect(lock.pid).toBe(next.child.pid);
    expect(next.output()).toMatch(
      new RegExp(
        `^omni-mock: took over \\S*omni\\.db\\.lock: the mock that wrote it \\(pid ${process.pid}, still starting\\) is gone, and its pid belongs to a process started since$`,
        'm',
      ),
    );
    expect(next.errors()).not.toMatch(/took over/);
    next.child.kill('SIGTERM');
    expect(await next.exited).toBe(0);
  });

  it('an unreadable lock file (a crash while writing it) is taken over', async () => {
    const { db } = freshDir();
    writeFileSync(`${db}.lock`, '{"pid":');
    const next = await start(['--port', '0', '--db', db]);
    expect(next.output()).not.toMatch(/took over/);
    next.child.kill('SIGTERM');
    expect(await next.exited).toBe(0);
  });
});
