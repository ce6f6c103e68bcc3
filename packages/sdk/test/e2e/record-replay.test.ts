/**
 * A recording of the sdk's flow serves as Omni: the agent's click-2-dial day runs against the mock
 * through `omni-mock proxy --record` (real processes, real HTTP), the mock and the proxy stop, and
 * the same flow — the same assertions — passes again against `omni-mock replay` of the recording,
 * giving the same results. Redacted credentials and masked numbers do not stop it.
 *
 * @module
 */

import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InvalidStateError, NotFoundError, OmniClient } from '../../src/index.js';
import { type MockTarget, startTarget } from '../support/mock-target.js';

const mockDir = dirname(createRequire(import.meta.url).resolve('@omnikit/mock-omni/package.json'));
const bin = join(mockDir, 'bin', 'omni-mock.js');
const dir = mkdtempSync(join(tmpdir(), 'sdk-record-replay-'));
const recording = join(dir, 'day.jsonl');
const children = new Set<ChildProcess>();

/** Starts `omni-mock <args>` and resolves with its URL once it prints that it listens. */
async function startCli(args: string[]): Promise<{ child: ChildProcess; url: string; exited: Promise<number | null> }> {
  const child = spawn(process.execPath, [bin, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  children.add(child);
  let out = '';
  child.stdout?.on('data', (d: Buffer) => {
    out += d.toString();
  });
  child.stderr?.on('data', (d: Buffer) => {
    out += d.toString();
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const deadline = Date.now() + 15_000;
  let url: string | undefined;
  while (!url && Date.now() < deadline && child.exitCode === null) {
    url = /listening on (http:\/\/[0-9.]+:\d+)/.exec(out)?.[1];
    if (!url) await new Promise((r) => setTimeout(r, 20));
  }
  if (!url) throw new Error(`omni-mock ${args[0]} did not start:\n${out}`);
  return { child, url, exited };
}

/**
 * The flow, against any base URL: the phone registered and the clock moved through the control API
 * (recorded like the rest), then login, a call with hold, recording, hangup and dispose, its WAV, an
 * unknown call, logout. Returns what a CRM would keep of it.
 */
async function agentDay(baseUrl: string, systemKey: string, startNow: number): Promise<unknown[]> {
  let now = startNow;
  const control = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${baseUrl}${path}`, {
      method,
      headers: { authorization: `Key=${systemKey}`, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    expect(res.status).toBe(200);
    return res.json() as Promise<{ clock?: { now_ms: number } }>;
  };
  const advance = async (ms: number) => {
    now = (await control('POST', '/__mock/clock/advance', { ms })).clock?.now_ms ?? now;
  };
  const client = new OmniClient({ baseUrl, systemKey, now: () => now, validateResponses: true });
  const agent = client.agent(await client.authorize('agent1', 'password1'));
  const kept: unknown[] = [];
  await control('POST', '/__mock/phones/1001/register');
  expect(await agent.login({ campaign_id: 1, extension: '1001' })).toMatchObject({ success: true });
  const started = await agent.calls.make({ phone_number: '0800555001', unique_id: 'sdk-replay' });
  expect(started.call_state).toBe('initiated');
  kept.push(started.call_id, (await agent.get()).agent_state);
  await advance(3_000);
  const live = await agent.calls.get(started.call_id);
  expect(live).toMatchObject({ call_state: 'answered', unique_id: 'sdk-replay', agent_leg_state: 'connected' });
  expect(await agent.calls.hold(started.call_id)).toMatchObject({ success: true });
  await expect(agent.calls.hold(started.call_id)).rejects.toBeInstanceOf(InvalidStateError);
  expect(await agent.calls.retrieve(started.call_id)).toMatchObject({ success: true });
  const rec = await agent.calls.record(started.call_id, { action: 'start' });
  expect(rec.recording_state).toBe('recording');
  await advance(2_000);
  expect(await agent.calls.record(started.call_id, { action: 'stop' })).toMatchObject({ recording_state: 'stopped' });
  expect(await agent.calls.hangup(started.call_id)).toMatchObject({ success: true });
  kept.push((await agent.get()).agent_state);
  expect(await agent.calls.dispose(started.call_id, { disposition_code: 'SALE' })).toMatchObject({ success: true });
  kept.push(await agent.get());
  const wav = new Uint8Array(await (await agent.recordings.get(rec.recording_url)).arrayBuffer());
  expect(wav.length).toBe(44 + 2 * 8000 * 2);
  expect(new TextDecoder().decode(wav.slice(0, 4))).toBe('RIFF');
  kept.push(
    rec.recording_url,
    wav.length,
    wav.reduce((sum, b) => (sum + b) % 65_521, 0),
  );
  await expect(agent.calls.get(424242)).rejects.toBeInstanceOf(NotFoundError);
  expect(await agent.logout()).toMatchObject({ success: true });
  kept.push((await agent.get()).agent_state);
  return kept;
}

describe('the sdk flow recorded through omni-mock proxy, then served by omni-mock replay', () => {
  let target: MockTarget;
  let startNow = 0;
  let recorded: unknown[] = [];
  let mockClosed = false;

  beforeAll(async () => {
    // The bin runs the CLI's bundle, made from the mock's dist/.
    if (!existsSync(join(mockDir, 'dist', 'main.js'))) {
      const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
      execFileSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], { cwd: mockDir, stdio: 'pipe' });
    }
    if (!existsSync(join(mockDir, 'dist', 'bundle', 'omni-mock.js'))) {
      execFileSync(process.execPath, [join('scripts', 'build-cli-bundle.mjs')], { cwd: mockDir, stdio: 'pipe' });
    }
    target = await startTarget('http');
    startNow = target.now();
  });

  afterAll(async () => {
    for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
    if (!mockClosed) await target.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('records the flow through the proxy against the mock', async () => {
    const proxy = await startCli(['proxy', '--target', target.baseUrl, '--port', '0', '--record', recording]);
    recorded = await agentDay(proxy.url, target.systemKey, startNow);
    proxy.child.kill('SIGTERM');
    expect(await proxy.exited).toBe(0);
    const text = readFileSync(recording, 'utf8');
    expect(text.trim().split('\n').length).toBeGreaterThan(15);
    expect(text).not.toContain('password1');
    expect(text).not.toContain(target.systemKey);
  }, 30_000);

  it('passes again, with the same results, against the replay of the recording with the mock stopped', async () => {
    await target.close();
    mockClosed = true;
    const replay = await startCli(['replay', recording, '--port', '0']);
    const replayed = await agentDay(replay.url, 'another-system-key', startNow);
    expect(replayed).toEqual(recorded);
    replay.child.kill('SIGTERM');
    expect(await replay.exited).toBe(0);
  }, 30_000);
});
