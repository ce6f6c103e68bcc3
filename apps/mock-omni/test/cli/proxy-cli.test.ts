/**
 * `omni-mock proxy` as a user runs it: the built bin, a target, a report file, a recording; bad
 * options exit 2 with a clear line; each finding is a line on stderr; SIGTERM writes the report and
 * prints the CI summary line, followed by a line for each kind of failure (target timeouts, other target failures,
 * notifications the webhook tap could not pass on); `--record` and `--keep-numbers` reach the recording; a proxy that cannot listen exits 1
 * and leaves `--record` and `--report` as they were.
 *
 * @module
 */

import { type ChildProcess, execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseRecordingLine } from '@omnikit/contracts/drift';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuiltCli, startCli } from '../support/cli-process.js';
import { type ScriptedOmni, startScriptedOmni } from '../support/scripted-omni.js';

const bin = fileURLToPath(new URL('../../bin/omni-mock.js', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'omni-proxy-cli-'));
const children = new Set<ChildProcess>();
let omni: ScriptedOmni;

/** Whether this machine can listen on ::1 (a container without IPv6 cannot). */
const hasIpv6Loopback = await new Promise<boolean>((resolve) => {
  const probe = createServer();
  probe.once('error', () => resolve(false));
  probe.listen(0, '::1', () => probe.close(() => resolve(true)));
});

beforeAll(async () => {
  ensureBuiltCli();
  omni = await startScriptedOmni(() => ({ status: 200, body: { users: [{ user_id: 1, user_name: 'agent1' }] } }));
});

afterAll(async () => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
  await omni?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** `text` as a regular expression matching it literally. */
const literally = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function run(args: string[]): { status: number | null; stdout: string; stderr: string } {
  try {
    return {
      status: 0,
      stdout: execFileSync(process.execPath, [bin, ...args], { encoding: 'utf8', stdio: 'pipe' }),
      stderr: '',
    };
  } catch (error) {
    const e = error as { status: number | null; stdout: string; stderr: string };
    return { status: e.status, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('omni-mock proxy', () => {
  it('prints its own help', () => {
    const help = run(['proxy', '--help']);
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('Usage: omni-mock proxy --target <url> [options]');
    expect(run(['--help']).stdout).toContain('omni-mock proxy --help');
  });

  it.each([
    [['proxy'], '--target <url> is required'],
    [['proxy', '--target', 'not a url'], '--target must be an http:// or https:// URL'],
    [['proxy', '--target', 'http://127.0.0.1:1', '--port', 'x'], '--port must be an integer from 0 to 65535'],
  ])('%j exits 2 with a clear line', (args, message) => {
    const out = run(args);
    expect(out.status).toBe(2);
    expect(out.stderr).toContain(`omni-mock proxy: ${message}`);
    expect(out.stderr).toContain('Run omni-mock proxy --help for the options.');
  });

  it('a second Ctrl-C while it waits for an exchange in flight quits at once (130)', async () => {
    // A target that takes the request and never answers: the graceful stop would wait out its grace.
    const sockets = new Set<Socket>();
    const silent = createServer((socket) => sockets.add(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const target = `http://127.0.0.1:${(silent.address() as { port: number }).port}`;
    try {
      const cli = await startCli(bin, ['proxy', '--target', target, '--port', '0'], children);
      const hanging = fetch(`${cli.url}/omni/users`, { headers: { Authorization: 'Key=k' } }).catch(() => undefined);
      await new Promise((r) => setTimeout(r, 200));
      cli.child.kill('SIGINT');
      const deadline = Date.now() + 5_000;
      while (!cli.output().includes('finishing exchanges in flight') && Date.now() < deadline)
        await new Promise((r) => setTimeout(r, 20));
      const sent = Date.now();
      cli.child.kill('SIGINT');
      expect(await cli.exited).toBe(130);
      expect(Date.now() - sent).toBeLessThan(3_000);
      // Neither --record nor --report: nothing is written, so neither line speaks of a recording or a report.
      expect(cli.errors()).toMatch(/omni-mock proxy: SIGINT again: quitting at once\n/);
      expect(cli.output()).toMatch(
        /omni-mock proxy: SIGINT: finishing exchanges in flight \(again to quit at once\)\n/,
      );
      await hanging;
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => silent.close(() => resolve()));
    }
  });

  it('answers 504 once --target-timeout is out when the target never answers, and says so on stderr', async () => {
    const sockets = new Set<Socket>();
    const silent = createServer((socket) => sockets.add(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const target = `http://127.0.0.1:${(silent.address() as { port: number }).port}`;
    try {
      expect(run(['proxy', '--help']).stdout).toContain('--target-timeout <s>');
      const cli = await startCli(
        bin,
        ['proxy', '--target', target, '--port', '0', '--target-timeout', '0.5'],
        children,
      );
      const sent = Date.now();
      const res = await fetch(`${cli.url}/omni/users`, { headers: { Authorization: 'Key=k' } });
      expect(Date.now() - sent).toBeLessThan(5_000);
      expect(res.status).toBe(504);
      expect(await res.json()).toEqual({
        success: false,
        detail: `omni-mock proxy: ${target} did not answer within 0.5 s (--target-timeout)`,
      });
      const line = `omni-mock proxy: GET /omni/users: ${target} did not answer within 0.5 s (--target-timeout)`;
      const deadline = Date.now() + 5_000;
      while (!cli.errors().includes(line) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      expect(cli.errors()).toContain(line);
      cli.child.kill('SIGTERM');
      expect(await cli.exited).toBe(0);
      // At exit, beside the CI line: the timeouts; no --report was given, so the line says how to get them listed
      // rather than naming a report that does not exist.
      expect(cli.output()).not.toContain('writing the report');
      expect(cli.output()).not.toContain('the report lists');
      expect(cli.output()).toMatch(
        /drift: 0 documented, 0 inferred\nomni-mock proxy: the target did not answer 1 exchange in time \(--target-timeout\); run with --report <file> to list them by route and stage\n/,
      );
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => silent.close(() => resolve()));
    }
  });

  it('at exit says how many exchanges the target failed otherwise, after the CI line', async () => {
    // A port nothing listens on: each request is refused.
    const gone = createServer();
    await new Promise<void>((resolve) => gone.listen(0, '127.0.0.1', resolve));
    const target = `http://127.0.0.1:${(gone.address() as { port: number }).port}`;
    await new Promise<void>((resolve) => gone.close(() => resolve()));
    const report = join(dir, 'refused.json');
    const cli = await startCli(bin, ['proxy', '--target', target, '--port', '0', '--report', report], children);
    for (let i = 0; i < 2; i++)
      expect((await fetch(`${cli.url}/omni/users`, { headers: { Authorization: 'Key=k' } })).status).toBe(502);
    cli.child.kill('SIGTERM');
    expect(await cli.exited).toBe(0);
    expect(cli.output()).toMatch(
      new RegExp(
        `drift: 0 documented, 0 inferred\\nomni-mock proxy: the target failed 2 exchanges otherwise \\(no connection, no TLS, no HTTP, an answer cut off\\); the report ${literally(report)} lists them by route and kind\\n`,
      ),
    );
    expect(cli.output()).toContain(
      `omni-mock proxy: SIGTERM: finishing exchanges in flight, writing the report ${report}`,
    );
    const written = JSON.parse(readFileSync(report, 'utf8'));
    expect(written.target_failures).toEqual([
      expect.objectContaining({ route_id: 'listUsers', kind: 'unreachable', count: 2 }),
    ]);
  });

  it('a --report that cannot be written at exit: the exit line says it was not saved instead of pointing at it', async () => {
    const gone = createServer();
    await new Promise<void>((resolve) => gone.listen(0, '127.0.0.1', resolve));
    const target = `http://127.0.0.1:${(gone.address() as { port: number }).port}`;
    await new Promise<void>((resolve) => gone.close(() => resolve()));
    const folder = join(dir, 'report-folder-removed');
    mkdirSync(folder);
    const report = join(folder, 'drift.json');
    const cli = await startCli(bin, ['proxy', '--target', target, '--port', '0', '--report', report], children);
    // Written at start; then the folder goes away while the proxy runs (a cleanup job, a full disk alike).
    expect(existsSync(report)).toBe(true);
    rmSync(folder, { recursive: true });
    expect((await fetch(`${cli.url}/omni/users`, { headers: { Authorization: 'Key=k' } })).status).toBe(502);
    cli.child.kill('SIGTERM');
    expect(await cli.exited).toBe(0);
    expect(cli.errors()).toMatch(
      new RegExp(`omni-mock proxy: cannot write the report ${literally(report)}: ENOENT.*; the report is not saved\\n`),
    );
    expect(cli.output()).toMatch(
      new RegExp(
        `drift: 0 documented, 0 inferred\\nomni-mock proxy: the target failed 1 exchange otherwise \\(no connection, no TLS, no HTTP, an answer cut off\\); the report ${literally(report)} could not be saved: run with a --report <file> that can be written to list them by route and kind\\n`,
      ),
    );
    expect(cli.output()).not.toContain('lists them');
    expect(existsSync(report)).toBe(false);
  });

  it.each([
    [1, true, '1 notification'],
    [2, true, '2 notifications'],
    [1, false, '1 notification'],
    [2, false, '2 notifications'],
  ])(
    'a CRM the tap cannot reach, %i notification(s), --report given: %s: Omni answered 502, and at exit a line after the CI line counts them, exit 0',
    async (sent, withReport, counted) => {
      // --tap-forward to a port nothing listens on: each notification is refused at the CRM's door.
      const gone = createServer();
      await new Promise<void>((resolve) => gone.listen(0, '127.0.0.1', resolve));
      const crm = `http://127.0.0.1:${(gone.address() as { port: number }).port}`;
      await new Promise<void>((resolve) => gone.close(() => resolve()));
      const report = join(dir, `tap-refused-${sent}${withReport ? '' : '-no-report'}.json`);
      const cli = await startCli(
        bin,
        [
          'proxy',
          '--target',
          omni.url,
          '--port',
          '0',
          ...(withReport ? ['--report', report] : []),
          '--tap-forward',
          `${crm}/hooks/omni`,
        ],
        children,
      );
      for (let i = 0; i < sent; i++) {
        const res = await fetch(`${cli.url}/__proxy/webhook`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ type: 'cdr', payload: { call_id: 17 + i } }),
        });
        expect(res.status).toBe(502);
        expect((await res.json()).detail).toMatch(/^omni-mock proxy tap: /);
      }
      cli.child.kill('SIGTERM');
      expect(await cli.exited).toBe(0);
      const stdout = cli.output().slice(cli.output().indexOf('omni-mock proxy: SIGTERM'));
      // The CI line, then the tap's line, and nothing of the target (no REST exchange went to it). The line names the
      // report file that lists them, or, with none, says how to get one: never a report that does not exist.
      const where = withReport
        ? `the report ${literally(report)} lists them by type and kind`
        : 'run with --report <file> to list them by type and kind';
      expect(stdout).toMatch(
        new RegExp(
          `\\ndrift: \\d+ documented, \\d+ inferred\\nomni-mock proxy: the webhook tap could not pass ${counted} on to the CRM; ${where}\\n$`,
        ),
      );
      expect(cli.output()).not.toContain('the target failed');
      if (!withReport) {
        expect(cli.output()).not.toMatch(/the report|writing the report/);
        expect(existsSync(report)).toBe(false);
        return;
      }
      const written = JSON.parse(readFileSync(report, 'utf8'));
      expect(written.summary.tap_failures).toBe(sent);
      expect(written.tap_failures).toEqual([
        expect.objectContaining({ notification_type: 'cdr', kind: 'unreachable', count: sent }),
      ]);
    },
  );

  it('forwards, and at SIGTERM writes the report and prints the summary line', async () => {
    const report = join(dir, 'drift.json');
    const cli = await startCli(bin, ['proxy', '--target', omni.url, '--port', '0', '--report', report], children);
    const res = await fetch(`${cli.url}/omni/users`, { headers: { Authorization: 'Key=k' } });
    expect(await res.json()).toEqual({ users: [{ user_id: 1, user_name: 'agent1' }] });
    cli.child.kill('SIGTERM');
    expect(await cli.exited).toBe(0);
    // user_id is a string on this documented route (A.3): one documented difference.
    // The finding's line on stderr; the summary line CI reads at exit.
    expect(cli.errors()).toContain('drift: documented listUsers response.200.body.users[].user_id: type');
    expect(cli.output()).toMatch(/drift: 1 documented, 0 inferred\n/);
    const written = JSON.parse(readFileSync(report, 'utf8'));
    expect(written.summary).toMatchObject({ exchanges: 1, documented: 1, inferred: 0 });
  });

  it('records to --record with the system key redacted, and phone numbers as they were with --keep-numbers', async () => {
    const record = join(dir, 'kept.jsonl');
    const cli = await startCli(
      bin,
      ['proxy', '--target', omni.url, '--port', '0', '--record', record, '--keep-numbers'],
      children,
    );
    await fetch(`${cli.url}/omni/voice/1/call`, {
      method: 'POST',
      headers: { Authorization: 'Key=cli-system-key', 'Content-Type': 'application/json' },
      body: JSON.stringify({ phone_number: '07700900123' }),
    });
    cli.child.kill('SIGTERM');
    expect(await cli.exited).toBe(0);
    const lines = readFileSync(record, 'utf8').trim().split('\n').map(parseRecordingLine);
    expect(lines.map((l) => [l.route_id, l.request.body])).toEqual([['makeCall', { phone_number: '07700900123' }]]);
    expect(lines[0]?.request.headers.authorization).toBe('Key=redacted:system-key:1');
  });

  it.skipIf(!hasIpv6Loopback).each(['[::1]', '::1'])(
    '--host %s listens on ::1: the live page, a forwarded request, and a clean stop',
    async (host) => {
      const cli = await startCli(bin, ['proxy', '--target', omni.url, '--port', '0', '--host', host], children);
      expect(cli.url).toMatch(/^http:\/\/\[::1\]:\d+$/);
      const res = await fetch(`${cli.url}/omni/users`, { headers: { Authorization: 'Key=k' } });
      expect(await res.json()).toEqual({ users: [{ user_id: 1, user_name: 'agent1' }] });
      // The proxy's own pages answer a request addressed to [::1].
      const page = await fetch(`${cli.url}/__proxy/report.json`);
      expect([page.status, (await page.json()).summary.exchanges]).toEqual([200, 1]);
      cli.child.kill('SIGTERM');
      expect(await cli.exited).toBe(0);
    },
  );

  it('refuses --host with brackets around something other than an IPv6 address with exit 2', () => {
    const out = run(['proxy', '--target', omni.url, '--host', '[127.0.0.1]']);
    expect(out.status).toBe(2);
    expect(out.stderr).toContain(
      'omni-mock proxy: --host takes brackets around an IPv6 address only (--host [::1]), not "[127.0.0.1]"',
    );
  });

  it('on a busy port exits 1 and leaves --record and --report as they were', async () => {
    const busy = createServer();
    await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
    const port = (busy.address() as { port: number }).port;
    const record = join(dir, 'keep.jsonl');
    const report = join(dir, 'keep.md');
    writeFileSync(record, '{"v":1,"seq":1,"kept":"from yesterday"}\n');
    writeFileSync(report, '# yesterday’s drift report\n');
    try {
      const args = ['proxy', '--target', omni.url, '--port', String(port), '--record', record, '--report', report];
      const out = run(args);
      expect(out.status).toBe(1);
      expect(out.stderr).toContain('omni-mock proxy: cannot start (EADDRINUSE');
      expect(readFileSync(record, 'utf8')).toBe('{"v":1,"seq":1,"kept":"from yesterday"}\n');
      expect(readFileSync(report, 'utf8')).toBe('# yesterday’s drift report\n');
    } finally {
      await new Promise<void>((resolve) => busy.close(() => resolve()));
    }
  });
});
