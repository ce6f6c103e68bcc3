/**
 * The `omni-mock` bin as a child process: it runs the BUILT CLI, the bundle of dist/ (turbo builds before tests; a
 * missing or older build is made here). Servers listen on port 0 and every child is stopped by the test.
 *
 * @module
 */

import { type ChildProcess, execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { encodePassword } from '@omnikit/contracts';
import { describeVariation, formatVariation, randomVariation } from '@omnikit/contracts/variants';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI_BUNDLE, ensureBuiltCli, type StartedCli, startCli } from '../support/cli-process.js';

const pkgDir = fileURLToPath(new URL('../..', import.meta.url));
const bin = join(pkgDir, 'bin', 'omni-mock.js');
const dir = mkdtempSync(join(tmpdir(), 'omni-cli-'));
const children = new Set<ChildProcess>();

beforeAll(() => {
  const contractsDist = fileURLToPath(new URL('../../../../packages/contracts/dist/control/index.js', import.meta.url));
  const tsc = fileURLToPath(new URL('../../../../node_modules/typescript/bin/tsc', import.meta.url));
  if (!existsSync(contractsDist)) {
    execFileSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], {
      cwd: join(pkgDir, '../../packages/contracts'),
    });
  }
  ensureBuiltCli();
});

afterAll(() => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

function run(args: string[]): { status: number | null; stdout: string; stderr: string } {
  try {
    const stdout = execFileSync(process.execPath, [bin, ...args], { encoding: 'utf8', stdio: 'pipe' });
    return { status: 0, stdout, stderr: '' };
  } catch (error) {
    const e = error as { status: number | null; stdout: string; stderr: string };
    return { status: e.status, stdout: e.stdout, stderr: e.stderr };
  }
}

function start(args: string[]): Promise<StartedCli> {
  return startCli(bin, args, children);
}

/** Whether this machine can listen on ::1 (a container without IPv6 cannot). */
const hasIpv6Loopback = await new Promise<boolean>((resolve) => {
  const probe = createServer();
  probe.once('error', () => resolve(false));
  probe.listen(0, '::1', () => probe.close(() => resolve(true)));
});

describe('omni-mock CLI', () => {
  it('--help lists every option; --version prints the package version', () => {
    const help = run(['--help']);
    expect(help.status).toBe(0);
    for (const flag of [
      '--port',
      '--host',
      '--db',
      '--seed',
      '--clock',
      '--clock-start',
      '--reset',
      '--admin-key',
      '--allow-host',
      '--allow-origin',
      '--bridge-answer-timeout',
      '--media',
      '--strict',
      '--vary',
    ]) {
      expect(help.stdout).toContain(flag);
    }
    // B.3a: only the manual clock has the fixed Monday start.
    expect(help.stdout).toMatch(/default: the current time for a real\s+or scaled clock/);
    const version = run(['--version']);
    const pkg = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8')) as { version: string };
    expect(version.stdout.trim()).toBe(pkg.version);
  });

  it.each([
    [['--port', 'abc'], /--port/],
    [['--clock', 'fast'], /--clock/],
    [['--bogus'], /bogus/],
    [['--host', '0.0.0.0'], /--admin-key is required/],
    [['--bridge-answer-timeout', '0'], /--bridge-answer-timeout/],
    [['--bridge-answer-timeout', 'soon'], /--bridge-answer-timeout/],
    [['--media', 'loud'], /--media must be one of fake, webrtc/],
    [['--allow-origin', 'http://127.0.0.1:4020/app'], /--allow-origin must be an origin/],
    [['--allow-origin', '127.0.0.1:4020'], /--allow-origin must be an origin/],
    [['--allow-host', 'http://omni.test'], /--allow-host must be a host name/],
    [['--allow-host', 'omni.test:4010'], /--allow-host must be a host name/],
  ])('refuses %j with exit code 2', (args, message) => {
    const res = run(args);
    expect(res.status).toBe(2);
    expect(res.stderr).toMatch(message);
  });

  it('with the default clock, authorize answers an expiry_date about 8 h after the current time (B.3a)', async () => {
    const s = await start(['--port', '0', '--db', ':memory:']);
    try {
      const before = Date.now();
      const auth = await fetch(`${s.url}/omni/user/authorize`, {
        method: 'POST',
        headers: { Authorization: 'Key=omni-demo-key', 'Content-Type': 'application/json' },
        body: JSON.stringify({ user_name: 'agent1', password: encodePassword('password1') }),
      });
      const after = Date.now();
      expect(auth.status).toBe(200);
      const { expiry_date } = (await auth.json()) as { expiry_date: string };
      const eightHours = 8 * 3_600_000;
      // The system's clock started at the process's start, a moment before `before`.
      expect(Date.parse(expiry_date)).toBeGreaterThan(before + eightHours - 60_000);
      expect(Date.parse(expiry_date)).toBeLessThanOrEqual(after + eightHours);
    } finally {
      s.child.kill('SIGTERM');
      await s.exited;
    }
  });

  it('--vary random --seed 42 prints the draw at start, and every system plays it', async () => {
    const drawn = randomVariation(42);
    const s = await start(['--port', '0', '--db', ':memory:', '--vary', 'random', '--seed', '42']);
    try {
      expect(s.output()).toContain(`variation  : ${describeVariation(drawn)}   (--vary)`);
      const res = await fetch(`${s.url}/__mock/system/variation`, { headers: { Authorization: 'Key=omni-demo-key' } });
      expect(await res.json()).toEqual({ vary: formatVariation(drawn), variation: drawn, own: false });
    } finally {
      s.child.kill('SIGTERM');
      await s.exited;
    }
  });

  it('restarted on a database where the demo system was given a variation of its own, the banner says it plays it', async () => {
    const db = join(dir, 'own-variation.db');
    const first = await start(['--port', '0', '--db', db]);
    try {
      expect(first.output()).not.toContain('demo system');
      const set = await fetch(`${first.url}/__mock/system/variation`, {
        method: 'PUT',
        headers: { Authorization: 'Key=omni-demo-key', 'Content-Type': 'application/json' },
        body: JSON.stringify({ vary: 'errors=ok-false' }),
      });
      expect(set.status).toBe(200);
    } finally {
      first.child.kill('SIGTERM');
      await first.exited;
    }
    const again = await start(['--port', '0', '--db', db, '--vary', 'ids=strings']);
    try {
      const own = 'errors=ok-false,dates=iso-z,ids=integers,tokens=several,notifications=signed,extras=exact';
      expect(again.output()).toContain(`demo system: plays its own variation ${own}`);
      const res = await fetch(`${again.url}/__mock/system/variation`, {
        headers: { Authorization: 'Key=omni-demo-key' },
      });
      expect(await res.json()).toMatchObject({ vary: 'errors=ok-false', own: true });
    } finally {
      again.child.kill('SIGTERM');
      await again.exited;
    }
  });

  it('--vary random --seed 88 draws the contracts’ own shapes, and says so at start', async () => {
    const s = await start(['--port', '0', '--db', ':memory:', '--vary', 'random', '--seed', '88']);
    try {
      expect(s.output()).toContain(`variation  : ${describeVariation(randomVariation(88))}   (--vary)`);
    } finally {
      s.child.kill('SIGTERM');
      await s.exited;
    }
  });

  it('--strict --vary errors=ok-false,dates=vicidial: a real-looking Omni answering in that variant', async () => {
    const s = await start(['--port', '0', '--db', ':memory:', '--strict', '--vary', 'errors=ok-false,dates=vicidial']);
    try {
      expect(s.output()).toContain('dates=vicidial');
      const headers = { Authorization: 'Key=omni-demo-key', 'Content-Type': 'application/json' };
      const auth = await fetch(`${s.url}/omni/user/authorize`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ user_name: 'agent1', password: encodePassword('password1') }),
      });
      const { token_key } = (await auth.json()) as { token_key: string };
      const missing = await fetch(`${s.url}/omni/campaign/999`, { headers: { ...headers, tokenKey: token_key } });
      expect({ status: missing.status, body: await missing.json() }).toEqual({
        status: 200,
        body: {
          success: false,
          detail: 'campaign 999 does not exist in this system',
          errors: [{ field: 'campaign_id', message: 'campaign 999 does not exist' }],
        },
      });
      const lead = await fetch(`${s.url}/omni/lead`, {
        method: 'POST',
        headers: { ...headers, tokenKey: token_key },
        body: JSON.stringify({
          list_id: 1,
          first_name: 'Thandi',
          other_info: 'cli',
          phone_numbers: [{ phone_number: '0821234567', phone_type_id: 2 }],
        }),
      });
      const { lead_id } = (await lead.json()) as { lead_id: number };
      const read = await fetch(`${s.url}/omni/lead/${lead_id}`, { headers: { ...headers, tokenKey: token_key } });
      expect(((await read.json()) as { created_at: string }).created_at).toMatch(
        /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/,
      );
      expect((await fetch(`${s.url}/__mock/system/variation`, { headers })).status).toBe(404);
    } finally {
      s.child.kill('SIGTERM');
      await s.exited;
    }
  });

  it('starts on port 0, prints what a developer needs, serves, and stops cleanly on SIGTERM', async () => {
    const db = join(dir, 'cli.db');
    const s = await start(['--port', '0', '--db', db, '--clock', 'manual', '--seed', '4']);
    const out = s.output();
    expect(out).toContain('omni-demo-key');
    for (let n = 1; n <= 5; n++) expect(out).toMatch(new RegExp(`agent${n}\\s+password${n}\\s+100${n}\\s+webrtc${n}`));
    expect(out).toContain(`${s.url}/docs`);
    // What a softphone needs: the WebSocket URL, the realm, the answer time of the login's bridge call.
    expect(out).toContain(`${s.url.replace('http', 'ws')}/ws`);
    expect(out).toContain('realm      : omni.mock');
    expect(out).toContain('within 30000 ms, else 409');
    expect(out).toContain('media      : fake');
    const health = await fetch(`${s.url}/health`);
    expect(health.status).toBe(200);
    const auth = await fetch(`${s.url}/omni/user/authorize`, {
      method: 'POST',
      headers: { Authorization: 'Key=omni-demo-key', 'Content-Type': 'application/json' },
      body: JSON.stringify({ user_name: 'agent1', password: encodePassword('password1') }),
    });
    const { token_key } = (await auth.json()) as { token_key: string };
    // A slow request in flight when SIGTERM arrives still gets its answer.
    await fetch(`${s.url}/__mock/faults`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ route_id: 'listUsers', latency_ms: 400 }),
    });
    const inFlight = fetch(`${s.url}/omni/users`, {
      headers: { Authorization: 'Key=omni-demo-key', tokenKey: token_key },
    });
    await new Promise((r) => setTimeout(r, 100));
    s.child.kill('SIGTERM');
    const res = await inFlight;
    expect(res.status).toBe(200);
    expect(await s.exited).toBe(0);

    // Started again on the same file: the token is still good, the clock still manual.
    const again = await start(['--port', '0', '--db', db]);
    const users = await fetch(`${again.url}/omni/users`, {
      headers: { Authorization: 'Key=omni-demo-key', tokenKey: token_key },
    });
    expect(users.status).toBe(200);
    const clock = (await (await fetch(`${again.url}/__mock/clock`)).json()) as { mode: string };
    expect(clock.mode).toBe('manual');
    again.child.kill('SIGTERM');
    expect(await again.exited).toBe(0);

    // --reset starts from the demo data again: the old token is gone.
    const reset = await start(['--port', '0', '--db', db, '--reset']);
    const after = await fetch(`${reset.url}/omni/users`, {
      headers: { Authorization: 'Key=omni-demo-key', tokenKey: token_key },
    });
    expect(after.status).toBe(401);
    reset.child.kill('SIGTERM');
    expect(await reset.exited).toBe(0);
  });

  it.skipIf(!hasIpv6Loopback)('--host [::1] listens on ::1 as loopback (no --admin-key asked) and serves', async () => {
    const s = await start(['--port', '0', '--db', ':memory:', '--host', '[::1]']);
    expect(s.url).toMatch(/^http:\/\/\[::1\]:\d+$/);
    const health = await fetch(`${s.url}/health`);
    expect(health.status).toBe(200);
    s.child.kill('SIGTERM');
    expect(await s.exited).toBe(0);
  });

  it('without --db keeps its database in the per-user data directory, creating it, and says where', async () => {
    const home = join(dir, 'home');
    const data = join(dir, 'xdg', 'data');
    const env = { ...process.env, HOME: home, XDG_DATA_HOME: data };
    const s = await startCli(bin, ['--port', '0'], children, env);
    const db = join(data, 'omnikit', 'omni.db');
    expect(s.output()).toContain(`database   : ${db}`);
    expect(s.output()).toContain('the per-user default; --db <path> for another, --db :memory: for none');
    expect(existsSync(db)).toBe(true);
    s.child.kill('SIGTERM');
    expect(await s.exited).toBe(0);

    // No XDG_DATA_HOME: ~/.local/share/omnikit under HOME, made from nothing.
    const { XDG_DATA_HOME: _unset, ...withoutXdg } = env;
    const fallback = await startCli(bin, ['--port', '0'], children, withoutXdg);
    expect(fallback.output()).toContain(`database   : ${join(home, '.local', 'share', 'omnikit', 'omni.db')}`);
    fallback.child.kill('SIGTERM');
    expect(await fallback.exited).toBe(0);

    // --db :memory: writes nothing and says nothing of a default.
    const memory = await startCli(bin, ['--port', '0', '--db', ':memory:'], children, env);
    expect(memory.output()).toContain('database   : :memory:');
    expect(memory.output()).not.toContain('per-user default');
    memory.child.kill('SIGTERM');
    expect(await memory.exited).toBe(0);
  });

  it('--admin-key guards the control API; --allow-origin and --allow-host widen whom it serves', async () => {
    const s = await start([
      '--port',
      '0',
      '--db',
      ':memory:',
      '--admin-key',
      'cli-admin-key',
      '--allow-origin',
      'http://127.0.0.1:4020',
      '--allow-host',
      'omni.test',
    ]);
    try {
      const admin = { 'X-Mock-Admin-Key': 'cli-admin-key' };
      expect((await fetch(`${s.url}/__mock/clock`)).status).toBe(401);
      expect((await fetch(`${s.url}/health`)).status).toBe(200);
      expect((await fetch(`${s.url}/__mock/clock`, { headers: admin })).status).toBe(200);
      const console = { ...admin, Origin: 'http://127.0.0.1:4020' };
      expect((await fetch(`${s.url}/__mock/clock`, { headers: console })).status).toBe(200);
      const other = { ...admin, Origin: 'http://127.0.0.1:4021' };
      expect((await fetch(`${s.url}/__mock/clock`, { headers: other })).status).toBe(403);
      const named = await fetch(`${s.url.replace('127.0.0.1', 'localhost')}/__mock/clock`, { headers: admin });
      expect(named.status).toBe(200);
    } finally {
      s.child.kill('SIGTERM');
      expect(await s.exited).toBe(0);
    }
  });

  it('runs the bundle: the mock, its contracts, zod, hono and drizzle load from dist/bundle/ in a few files', async () => {
    // Module loader hooks (in NODE_OPTIONS) write down every file module the CLI loads.
    const hooks = join(dir, 'log-loads.mjs');
    writeFileSync(
      hooks,
      `import { appendFileSync } from 'node:fs';
export async function load(url, context, next) {
  if (url.startsWith('file:')) appendFileSync(process.env.OMNI_LOAD_LOG, url + '\\n');
  return next(url, context);
}
`,
    );
    const register = join(dir, 'register-log-loads.mjs');
    writeFileSync(
      register,
      `import { register } from 'node:module';\nregister(${JSON.stringify(pathToFileURL(hooks).href)});\n`,
    );
    const db = join(dir, 'bundle.db');
    const created = await start(['--port', '0', '--db', db]);
    created.child.kill('SIGTERM');
    expect(await created.exited).toBe(0);

    const log = join(dir, 'loaded.txt');
    const env = { ...process.env, NODE_OPTIONS: `--import=${pathToFileURL(register).href}`, OMNI_LOAD_LOG: log };
    const s = await startCli(bin, ['--port', '0', '--db', db], children, env);
    expect((await fetch(`${s.url}/health`)).status).toBe(200);
    s.child.kill('SIGTERM');
    expect(await s.exited).toBe(0);

    const loaded = readFileSync(log, 'utf8')
      .trim()
      .split('\n')
      .map((url) => fileURLToPath(url));
    const bundleDir = join(pkgDir, 'dist', 'bundle') + sep;
    expect(loaded).toContain(CLI_BUNDLE);
    // Not one compiled module of dist/ outside the bundle, nor a module of the contracts.
    expect(loaded.filter((file) => file.startsWith(join(pkgDir, 'dist') + sep) && !file.startsWith(bundleDir))).toEqual(
      [],
    );
    expect(loaded.filter((file) => file.includes(`${sep}contracts${sep}`))).toEqual([]);
    const fromNodeModules = loaded
      .filter((file) => file.includes(`${sep}node_modules${sep}`))
      .map((file) => /node_modules[\\/]((?:@[^\\/]+[\\/])?[^\\/]+)/.exec(file)?.[1]?.replace('\\', '/'));
    for (const bundled of ['zod', 'hono', '@hono/node-server', 'drizzle-orm'])
      expect(fromNodeModules).not.toContain(bundled);
    // The bin, the bundle's entry and its chunks, better-sqlite3 (native): where dist/ was about 490 modules.
    expect(loaded.length).toBeLessThan(30);
  });
});

describe('omni-mock simulate --report', () => {
  it('a directory is refused before the day runs; a missing folder is made', () => {
    const refused = run(['simulate', '--report', dir, '--hours', '8']);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toBe(
      `omni-mock simulate: cannot write --report ${dir} (it is a directory: give a file name, e.g. --report simulated-day.html)\n`,
    );
    // Refused before the day: no run was announced (the whole of stderr is the one line above).
    const report = join(dir, 'reports', 'today', 'day.html');
    const made = run(['simulate', '--report', report, '--agents', '4', '--hours', '0.25', '--leads', '200']);
    expect(made.status, made.stderr).toBe(0);
    expect(readFileSync(report, 'utf8')).toMatch(/^<!doctype html>/i);
  }, 60_000);
});
