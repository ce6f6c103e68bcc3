/**
 * The root `npm start` (scripts/start.mjs) as a newcomer runs it: the built mock and console as
 * child processes. Free ports and an in-memory database keep it off the developer's own instance.
 * The bins run dist/ (the mock its bundle in dist/bundle/): `npm test` builds first (turbo's test task depends on build).
 *
 * @module
 */

import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';

const script = fileURLToPath(new URL('../../../../scripts/start.mjs', import.meta.url));
const dists = ['../../../mock-omni/dist/bundle/omni-mock.js', '../../dist/server/main.js'].map((p) =>
  fileURLToPath(new URL(p, import.meta.url)),
);

let child: ChildProcess | undefined;
afterEach(() => {
  if (child && child.exitCode === null) child.kill('SIGKILL');
});

function waitFor(output: () => string, pattern: RegExp, ms: number): Promise<RegExpExecArray> {
  return new Promise((resolve, reject) => {
    const deadline = Date.now() + ms;
    const check = () => {
      const found = pattern.exec(output());
      if (found) return resolve(found);
      if (Date.now() > deadline) return reject(new Error(`no ${pattern} in ${ms} ms; output:\n${output()}`));
      setTimeout(check, 50);
    };
    check();
  });
}

describe('root start script', () => {
  it('needs the built bins (run npx turbo run build)', () => {
    for (const dist of dists) expect(existsSync(dist), `${dist} is missing: npx turbo run build`).toBe(true);
  });

  it('starts the mock and the console against it, prints URLs and credentials, stops both on SIGTERM with 0', async () => {
    let out = '';
    child = spawn(process.execPath, [script, '--mock-port', '0', '--console-port', '0', '--db', ':memory:'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
    });
    child.stderr?.on('data', (d: Buffer) => {
      out += d.toString();
    });
    const exited = new Promise<number | null>((resolve) => child?.on('exit', (code) => resolve(code)));

    await waitFor(() => out, /Ctrl-C stops both/, 30_000);
    const consoleUrl = /agent console : (http:\/\/\S+)/.exec(out)?.[1];
    const mockUrl = /mock Omni {5}: (http:\/\/\S+)/.exec(out)?.[1];
    expect(consoleUrl).toBeDefined();
    expect(mockUrl).toBeDefined();
    for (let n = 1; n <= 5; n++) expect(out).toContain(`agent${n}   password${n}`);
    expect(out).toMatch(/media {6}: webrtc/);

    const mockHealth = (await (await fetch(`${mockUrl}/health`)).json()) as { status: string };
    expect(mockHealth.status).toBe('ok');
    const consoleHealth = (await (await fetch(`${consoleUrl}/health`)).json()) as { status: string; target: string };
    expect(consoleHealth).toMatchObject({ status: 'ok', target: 'mock' });
    // The console talks to this mock: a demo agent signs in through it.
    const signIn = await fetch(`${consoleUrl}/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ user_name: 'agent1', password: 'password1' }),
    });
    expect(signIn.status).toBe(200);
    // The mock was told the console's origin: its pages may call the control API, no other page may.
    const fromConsole = await fetch(`${mockUrl}/__mock/clock`, { headers: { Origin: consoleUrl as string } });
    expect(fromConsole.status).toBe(200);
    const elsewhere = await fetch(`${mockUrl}/__mock/clock`, { headers: { Origin: 'http://127.0.0.1:1' } });
    expect(elsewhere.status).toBe(403);

    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(out).toContain('omni-mock: SIGTERM');
    expect(out).toContain('omnikit-console: SIGTERM');
    // Both children are gone: their ports refuse connections.
    await expect(fetch(`${consoleUrl}/health`)).rejects.toThrow();
    await expect(fetch(`${mockUrl}/health`)).rejects.toThrow();
  }, 60_000);

  it('--reset hands the mock a fresh database: a file that is not a database is replaced by the demo data', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'omnikit-start-reset-'));
    const db = join(dir, 'omni.db');
    writeFileSync(db, 'not a SQLite database');
    try {
      let out = '';
      child = spawn(process.execPath, [script, '--mock-port', '0', '--console-port', '0', '--db', db, '--reset'], {
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      child.stdout?.on('data', (d: Buffer) => {
        out += d.toString();
      });
      child.stderr?.on('data', (d: Buffer) => {
        out += d.toString();
      });
      const exited = new Promise<number | null>((resolve) => child?.on('exit', (code) => resolve(code)));
      await waitFor(() => out, /Ctrl-C stops both/, 30_000);
      const mockUrl = /mock Omni {5}: (http:\/\/\S+)/.exec(out)?.[1];
      const health = await fetch(`${mockUrl}/health`);
      expect(((await health.json()) as { systems: number }).systems).toBe(1);
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);

  it('a second start on the same database prints the one line of the mock and exits 1; Ctrl-C of the first exits 0', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'omnikit-start-twice-'));
    const db = join(dir, 'omni.db');
    try {
      let out = '';
      // Detached: its own process group, so that a Ctrl-C (SIGINT to the group) reaches it and the bins.
      child = spawn(process.execPath, [script, '--mock-port', '0', '--console-port', '0', '--db', db], {
        stdio: ['ignore', 'pipe', 'pipe'],
        detached: true,
      });
      child.stdout?.on('data', (d: Buffer) => {
        out += d.toString();
      });
      child.stderr?.on('data', (d: Buffer) => {
        out += d.toString();
      });
      const exited = new Promise<number | null>((resolve) => child?.on('exit', (code) => resolve(code)));
      await waitFor(() => out, /Ctrl-C stops both/, 30_000);
      const mockPort = /mock Omni {5}: http:\/\/127\.0\.0\.1:(\d+)/.exec(out)?.[1];
      const mockPid = (JSON.parse(readFileSync(`${db}.lock`, 'utf8')) as { pid: number }).pid;

      const second = await new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
        let stdout = '';
        let stderr = '';
        const p = spawn(process.execPath, [script, '--mock-port', '0', '--console-port', '0', '--db', db], {
          stdio: ['ignore', 'pipe', 'pipe'],
        });
        p.stdout.on('data', (d: Buffer) => {
          stdout += d.toString();
        });
        p.stderr.on('data', (d: Buffer) => {
          stderr += d.toString();
        });
        p.on('close', (code) => resolve({ code, stdout, stderr }));
      });
      expect(second.code).toBe(1);
      expect(second.stdout).toBe('');
      const lines = second.stderr.trimEnd().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(
        new RegExp(`^omni-mock: a mock is already using .*omni\\.db \\(pid ${mockPid}, port ${mockPort}\\)`),
      );

      // Ctrl-C in a terminal signals the whole foreground group: the script and both bins.
      process.kill(-(child.pid as number), 'SIGINT');
      expect(await exited).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);

  it('prints --help and exits 0; refuses an unknown option with 2', async () => {
    const run = (args: string[]) =>
      new Promise<{ code: number | null; out: string }>((resolve) => {
        let out = '';
        const p = spawn(process.execPath, [script, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
        p.stdout.on('data', (d: Buffer) => {
          out += d.toString();
        });
        p.stderr.on('data', (d: Buffer) => {
          out += d.toString();
        });
        p.on('exit', (code) => resolve({ code, out }));
      });
    const help = await run(['--help']);
    expect(help.code).toBe(0);
    expect(help.out).toMatch(/--console-port/);
    const bad = await run(['--nope']);
    expect(bad.code).toBe(2);
    expect(bad.out).toMatch(/nope/);
  });
});
