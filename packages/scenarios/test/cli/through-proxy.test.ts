/**
 * `omnikit-scenarios` through `omni-mock proxy`, with the mock as the "real Omni": requests pass
 * through the proxy, notifications reach the run's receiver through the proxy's tap, and the one run
 * yields both the verdicts and the proxy's drift report — a report of no difference, since the mock
 * keeps the contracts.
 *
 * @module
 */

import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { DriftReport } from '@omnikit/contracts/drift';
import { createMockOmni, DEMO_SYSTEM_KEY, type Listening, type MockOmni, STRICT_TEST_LINES } from '@omnikit/mock-omni';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CliIo, runCli } from '../../src/cli/run-cli.js';
import { check, step, testNumber } from '../../src/dsl/builders.js';
import { m } from '../../src/dsl/matchers.js';
import type { ScenarioInput } from '../../src/dsl/scenario-schema.js';

const silent = { info: () => {}, error: () => {} };
const bin = join(
  dirname(createRequire(import.meta.url).resolve('@omnikit/mock-omni/package.json')),
  'bin/omni-mock.js',
);

/** A scenario that passes only when its notifications arrive: through the tap, here. */
const answered: ScenarioInput = {
  name: 'answered, seen in the notifications',
  given: {
    agents: [{ as: 'a1' }],
    campaigns: [{ as: 'c', fields: { campaign_name: 'Through the proxy', campaign_type: 3 } }],
  },
  steps: [step.online('a1', 'c'), step.dial('a1', 'call', testNumber(0)), step.advance(1_500)],
  expect: [
    check.notifications('subsequence', [{ type: 'call_state', fields: { call_state: 'answered' } }], {
      fields: { call_id: m.ref('call') },
    }),
  ],
};

/** The built `omni-mock proxy` in front of `target`, on a free port. */
async function startProxyBin(target: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [bin, 'proxy', '--target', target, '--port', '0'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout?.on('data', (d: Buffer) => {
    out += d.toString();
  });
  let url = '';
  const deadline = Date.now() + 15_000;
  while (!url && Date.now() < deadline && child.exitCode === null) {
    url = /listening on (http:\/\/[0-9.]+:\d+)/.exec(out)?.[1] ?? '';
    if (!url) await new Promise((r) => setTimeout(r, 20));
  }
  if (!url) throw new Error(`the proxy did not start:\n${out}`);
  return { child, url };
}

function io() {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out,
    err,
    io: { out: (t: string) => out.push(t), err: (t: string) => err.push(t), env: {} } satisfies CliIo,
  };
}

describe('omnikit-scenarios through omni-mock proxy', () => {
  let dir: string;
  let mock: MockOmni;
  let server: Listening;
  let proxy: ChildProcess;
  let proxyUrl = '';

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'scenarios-proxy-'));
    await writeFile(join(dir, 'answered.json'), JSON.stringify(answered));
    mock = await createMockOmni({ clock: 'manual', logger: silent });
    server = await mock.listen({ port: 0, host: '127.0.0.1' });
    ({ child: proxy, url: proxyUrl } = await startProxyBin(server.url));
  }, 20_000);

  afterAll(async () => {
    if (proxy.exitCode === null) proxy.kill('SIGKILL');
    await server.close();
    await mock.close();
    await rm(dir, { recursive: true, force: true });
  });

  const report = async () => (await (await fetch(`${proxyUrl}/__proxy/report.json`)).json()) as DriftReport;
  const tap = async () => (await (await fetch(`${proxyUrl}/__proxy/tap`)).json()) as { url: string | null };

  it('runs a scenario whose notifications come through the tap; the report has them, with no difference', async () => {
    const r = io();
    const status = await runCli(['run', join(dir, 'answered.json'), '--target', proxyUrl], r.io);
    expect(r.out.join('\n')).toContain('1 passed, 0 failed, 0 not run');
    expect(status).toBe(0);
    expect(r.err[0]).toBe(
      `omnikit-scenarios: ${proxyUrl} is an omni-mock proxy: Omni posts notifications to ${proxyUrl}/__proxy/webhook, its tap forwards them to this run`,
    );
    const drift = await report();
    expect(drift.notifications.find((n) => n.type === 'call_state')).toMatchObject({ differs: [] });
    expect(drift.notifications.reduce((sum, n) => sum + n.seen, 0)).toBeGreaterThan(0);
    expect(drift.routes.find((route) => route.id === 'makeCall')).toMatchObject({ seen: 1, differs: [] });
    // Every Omni route and notification as the contracts say; the mock's own control API, which the
    // run also drives through the proxy, is no part of Omni and left out of the report.
    expect(drift.routes.flatMap((route) => route.differs)).toEqual([]);
    expect(drift.notifications.flatMap((n) => n.differs)).toEqual([]);
    expect(drift.unknown_routes).toEqual([]);
    expect(drift.summary.documented).toBe(0);
    expect(await tap()).toEqual({ url: null });
  }, 30_000);

  it('runs the contract suite through it: every row matches, and the report counts its exchanges', async () => {
    const before = (await report()).summary.exchanges;
    const r = io();
    const status = await runCli(['contract', '--target', proxyUrl, '--quiet'], r.io);
    expect(r.out.join('\n')).toMatch(/ 0 differ/);
    expect(status).toBe(0);
    const drift = await report();
    expect(drift.summary.exchanges).toBeGreaterThan(before);
    expect(drift.summary.notifications).toBeGreaterThan(0);
    expect(drift.summary.documented).toBe(0);
    expect(drift.routes.flatMap((route) => route.differs)).toEqual([]);
    expect(await tap()).toEqual({ url: null });
  }, 60_000);
});

describe('the READMEs’ command: the contract suite with --target real and OMNI_BASE_URL the proxy', () => {
  let mock: MockOmni;
  let server: Listening;
  let proxy: ChildProcess;
  let proxyUrl = '';

  beforeAll(async () => {
    // A strict mock stands in for the real Omni: no control API, a real clock.
    mock = await createMockOmni({
      strict: true,
      clock: 'real',
      clockStart: new Date().toISOString(),
      logger: silent,
    });
    server = await mock.listen({ port: 0, host: '127.0.0.1' });
    ({ child: proxy, url: proxyUrl } = await startProxyBin(server.url));
  }, 20_000);

  afterAll(async () => {
    if (proxy.exitCode === null) proxy.kill('SIGKILL');
    await server?.close();
    await mock?.close();
  });

  it('runs through the proxy with the real target’s credentials: its verdicts, and the report of the same run', async () => {
    const out: string[] = [];
    const err: string[] = [];
    const env = {
      OMNI_BASE_URL: proxyUrl,
      OMNI_SYSTEM_KEY: DEMO_SYSTEM_KEY,
      OMNI_AGENT_USER: 'agent1',
      OMNI_AGENT_PASSWORD: 'password1',
      OMNI_AGENT_EXTENSION: '1001',
      OMNI_AGENT_WEBRTC_PASSWORD: 'webrtc1',
      OMNI_TEST_NUMBERS: STRICT_TEST_LINES.join(','),
    };
    const status = await runCli(['contract', '--target', 'real', '--quiet'], {
      out: (t) => out.push(t),
      err: (t) => err.push(t),
      env,
    });
    expect(err).toEqual([]);
    expect(out.join('\n')).toMatch(/ 0 differ/);
    expect(status).toBe(0);
    const drift = (await (await fetch(`${proxyUrl}/__proxy/report.json`)).json()) as DriftReport;
    expect(drift.target).toBe(server.url);
    expect(drift.summary.exchanges).toBeGreaterThan(20);
    expect(drift.summary.notifications).toBeGreaterThan(0);
    expect([drift.summary.documented, drift.summary.inferred]).toEqual([0, 0]);
    expect(drift.unknown_routes).toEqual([]);
    expect(await (await fetch(`${proxyUrl}/__proxy/tap`)).json()).toEqual({ url: null });
  }, 120_000);
});
