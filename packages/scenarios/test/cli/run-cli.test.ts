import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createMockOmni, type Listening, type MockOmni } from '@omnikit/mock-omni';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CliIo, runCli } from '../../src/cli/run-cli.js';
import { check, step, testNumber } from '../../src/dsl/builders.js';
import { m } from '../../src/dsl/matchers.js';
import type { ScenarioInput } from '../../src/dsl/scenario-schema.js';
import { library } from '../../src/library/index.js';

const silent = { info: () => {}, error: () => {} };

function io(env: CliIo['env'] = {}) {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { out: (t: string) => out.push(t), err: (t: string) => err.push(t), env } satisfies CliIo };
}

/** A scenario as a CRM developer would write it in JSON: plain data. */
const busyJson: ScenarioInput = {
  name: 'json: busy line',
  given: {
    agents: [{ as: 'a1' }],
    campaigns: [{ as: 'c', fields: { campaign_name: 'JSON', campaign_type: 3 } }],
  },
  steps: [step.online('a1', 'c'), step.dial('a1', 'call', '0800555002'), step.advance(2_000)],
  expect: [check.call('a1', 'call', { call_state: 'ended' }), check.agent('a1', { agent_state: 'wrap_up' })],
};
const wrongJson: ScenarioInput = {
  ...busyJson,
  name: 'json: expects the impossible',
  expect: [check.call('a1', 'call', { call_state: 'answered' })],
};
/** Fails at a step at once (no waiting for expectations): the busy call has ended, so hold is refused. */
const holdEndedJson: ScenarioInput = {
  ...busyJson,
  name: 'json: holds an ended call',
  steps: [...busyJson.steps, step.hold('a1', 'call')],
};
const answerJson: ScenarioInput = {
  name: 'json: answered',
  given: busyJson.given,
  steps: [step.online('a1', 'c'), step.dial('a1', 'call', testNumber(0)), step.advance(1_500)],
  expect: [
    check.notifications('subsequence', [{ type: 'call_state', fields: { call_state: 'answered' } }], {
      fields: { call_id: m.ref('call') },
    }),
  ],
};

/** Waits on the manual clock for a hold that never comes: a step that runs for a minute unless interrupted. */
const waitsJson: ScenarioInput = {
  name: 'json: waits for a hold',
  given: busyJson.given,
  steps: [
    step.online('a1', 'c'),
    step.dial('a1', 'call', testNumber(0)),
    step.advance(1_500),
    step.waitFor('call_state', { call_id: m.ref('call'), call_state: 'on_hold' }, 60_000),
  ],
  expect: [check.agent('a1', { agent_state: 'ready' })],
};

/** An integration as a module exports it (any object of this shape is one): its only step takes a minute. */
const slowIntegrationModule = `export const slow = {
  kind: 'integration',
  name: 'slow integration',
  description: '',
  seed: 1,
  async run(omni, step) {
    await step('a minute of work', () => new Promise((resolve) => setTimeout(resolve, 60_000)));
  },
};
`;

/** A real Omni's variables (OMNI_TEST_NUMBERS the mock's test line) for the mock at `url` standing in for one. */
function realEnv(url: string): Record<string, string> {
  return {
    OMNI_BASE_URL: url,
    OMNI_SYSTEM_KEY: 'omni-demo-key',
    OMNI_AGENT_USER: 'agent1',
    OMNI_AGENT_PASSWORD: 'password1',
    OMNI_AGENT_EXTENSION: '1001',
    OMNI_AGENT_WEBRTC_PASSWORD: 'webrtc1',
    OMNI_TEST_NUMBERS: '0870000001',
  };
}

interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
  /** From the Ctrl-C (or the start, without one) to the exit. */
  ms: number;
}

/**
 * The real CLI in another process (the source, through tsx), as a user runs it. `interruptWhen` sends it
 * Ctrl-C (SIGINT) once its progress says so; a child still running after `limitMs` is killed (code null).
 */
function spawnCli(
  args: string[],
  opts: {
    cwd?: string;
    env?: Record<string, string>;
    interruptWhen?: (stderr: string) => boolean;
    limitMs?: number;
  } = {},
): Promise<CliRun> {
  const child = spawn(
    process.execPath,
    [
      '--conditions=@omnikit/source',
      '--import',
      'tsx',
      fileURLToPath(new URL('../../src/cli/main.ts', import.meta.url)),
      ...args,
    ],
    {
      cwd: opts.cwd ?? fileURLToPath(new URL('../..', import.meta.url)),
      stdio: ['ignore', 'pipe', 'pipe'],
      ...(opts.env ? { env: { ...process.env, ...opts.env } } : {}),
    },
  );
  let stdout = '';
  let stderr = '';
  let from = Date.now();
  let interrupted = false;
  child.stdout.on('data', (d) => {
    stdout += d;
  });
  child.stderr.on('data', (d) => {
    stderr += d;
    if (!interrupted && opts.interruptWhen?.(stderr)) {
      interrupted = true;
      from = Date.now();
      child.kill('SIGINT');
    }
  });
  const limit = setTimeout(() => child.kill('SIGKILL'), opts.limitMs ?? 30_000);
  return new Promise((resolve) =>
    child.on('close', (code) => {
      clearTimeout(limit);
      resolve({ code, stdout, stderr, ms: Date.now() - from });
    }),
  );
}

describe('omnikit-scenarios', () => {
  let dir: string;
  let mock: MockOmni;
  let server: Listening;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'omnikit-scenarios-'));
    await writeFile(join(dir, 'busy.json'), JSON.stringify(busyJson));
    await writeFile(join(dir, 'wrong.json'), JSON.stringify(wrongJson));
    await writeFile(join(dir, 'answer.json'), JSON.stringify([answerJson]));
    await writeFile(join(dir, 'hold-ended.json'), JSON.stringify(holdEndedJson));
    await writeFile(join(dir, 'waits.json'), JSON.stringify(waitsJson));
    await writeFile(join(dir, 'slow-integration.mjs'), slowIntegrationModule);
    await writeFile(join(dir, 'syntax.mjs'), 'this is not js {\n');
    await writeFile(join(dir, 'throws.mjs'), 'export const x = 1;\nthrow new Error("boom in module");\n');
    await writeFile(
      join(dir, 'bad.json'),
      JSON.stringify({ ...busyJson, name: 'bad', steps: [{ do: 'fly', agent: 'a1' }] }),
    );
    mock = await createMockOmni({ clock: 'manual', logger: silent });
    server = await mock.listen({ port: 0 });
  });
  afterAll(async () => {
    await server.close();
    await mock.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('--help prints the usage; no command is a usage error', async () => {
    const a = io();
    expect(await runCli(['--help'], a.io)).toBe(0);
    expect(a.out.join('\n')).toContain('omnikit-scenarios run [files|dirs] [options]');
    expect(await runCli([], io().io)).toBe(2);
  });

  it('list shows the library', async () => {
    const a = io();
    expect(await runCli(['list'], a.io)).toBe(0);
    expect(a.out).toHaveLength(library.length);
    expect(a.out[0]).toContain('click-2-dial happy path');
  });

  it('bad usage answers 2 with the reason', async () => {
    const cases: [string[], RegExp][] = [
      [['fly'], /unknown command "fly"/],
      [['run', '--bogus'], /Unknown option '--bogus'/],
      [['run', '--seed', 'abc'], /--seed must be an integer/],
      [['run', '--target', 'nowhere'], /--target must be inproc, real or a URL/],
      [['run', '--target', 'real'], /OMNI_BASE_URL and OMNI_SYSTEM_KEY must be set/],
      [['run', join(dir, 'missing.json')], /no such file or directory/],
      [['run', join(dir, 'bad.json')], /scenario "bad" is not valid:\n {2}steps\.0/],
      [['run', '--random', '3'], /--random goes with --vary all/],
      [['run', '--vary', 'all', '--random', 'x'], /--random must be an integer/],
      [['run', '--vary', 'colour=red'], /--vary: unknown axis "colour" \(axes: errors, dates/],
      [
        ['run', '--vary', 'dates=roman'],
        /--vary: unknown value "roman" for dates \(values: iso-z, vicidial, iso-offset\)/,
      ],
      [['run', '--vary', 'random'], /--vary: --vary random needs a seed/],
      [['run', '--vary', 'errors='], /--vary: no value given for errors \(values: coded, ok-false, status-only\)/],
      [['run', '--vary', '=x'], /--vary: no axis named before '=' in "=x" \(axes: errors, dates/],
      [['run', '--vary', 'all', '--target', 'http://127.0.0.1:9'], /--vary needs the in-process mock/],
      [
        ['run', '--vary', 'all', '--target', 'real'],
        /--vary needs the in-process mock \(--target inproc\), not --target real/,
      ],
      [['contract', '--vary', 'all'], /--vary goes with run/],
      [
        ['run', '--json', join(dir, 'no-such-folder', 'r.json')],
        /--json .*no-such-folder.*r\.json: its folder .*no-such-folder does not exist/,
      ],
      [['run', '--json', dir], /--json .*: is a folder, not a file/],
      [
        ['run', '--vary', 'all', '--json', join(dir, 'no-such-folder', 'm.json')],
        /--json .*: its folder .* does not exist/,
      ],
      [['contract', '--json', join(dir, 'busy.json', 'c.json')], /--json .*: its folder .*busy\.json is not a folder/],
    ];
    for (const [argv, message] of cases) {
      const a = io();
      expect(await runCli(argv, a.io), argv.join(' ')).toBe(2);
      expect(a.err.join('\n')).toMatch(message);
    }
  });

  it('reads a directory; a malformed file and two different scenarios under one name are usage errors', async () => {
    const folder = join(dir, 'suite');
    await mkdir(folder);
    await writeFile(join(folder, 'answer.json'), JSON.stringify(answerJson));
    await writeFile(join(folder, 'notes.txt'), 'not a scenario');
    const a = io();
    expect(await runCli(['run', folder, '--quiet'], a.io)).toBe(0);
    expect(a.out.join('\n')).toMatch(/json: answered\s+passed/);
    expect(a.out.join('\n')).toContain('1 passed, 0 failed, 0 not run');

    await writeFile(join(dir, 'broken.json'), '{ "name": "half');
    const b = io();
    expect(await runCli(['run', join(dir, 'broken.json')], b.io)).toBe(2);
    expect(b.err.join('\n')).toMatch(/broken\.json: not valid JSON/);

    await writeFile(join(dir, 'twin.json'), JSON.stringify({ ...answerJson, steps: [step.online('a1', 'c')] }));
    const c = io();
    expect(await runCli(['run', join(folder, 'answer.json'), join(dir, 'twin.json')], c.io)).toBe(2);
    expect(c.err.join('\n')).toMatch(
      /two different scenarios are named "json: answered" \(.*answer\.json and .*twin\.json\)/,
    );
    // The very same scenario given twice runs once.
    const d = io();
    expect(await runCli(['run', join(folder, 'answer.json'), join(dir, 'answer.json'), '--quiet'], d.io)).toBe(0);
    expect(d.out.join('\n')).toContain('1 passed, 0 failed, 0 not run');
  });

  it('runs JSON scenarios in-process: a table, a JSON report, exit 1 when one fails', async () => {
    const a = io();
    const report = join(dir, 'report.json');
    const code = await runCli(
      ['run', join(dir, 'busy.json'), join(dir, 'wrong.json'), '--json', report, '--seed', '7'],
      a.io,
    );
    expect(code).toBe(1);
    const table = a.out.join('\n');
    expect(table).toMatch(/json: busy line\s+passed/);
    expect(table).toMatch(/json: expects the impossible\s+failed/);
    expect(table).toContain('call_state: expected "answered", got "ended"');
    expect(table).toContain('1 passed, 1 failed, 0 not run');
    expect(a.err.some((l) => l.includes('[1/2] json: busy line'))).toBe(true);
    const json = JSON.parse(await readFile(report, 'utf8')) as { scenarios: { name: string; status: string }[] };
    expect(json.scenarios.map((s) => [s.name, s.status])).toEqual([
      ['json: busy line', 'passed'],
      ['json: expects the impossible', 'failed'],
    ]);
  });

  it('--vary all runs each scenario under each variant: a matrix, its JSON, exit 1 when a cell failed', async () => {
    const a = io();
    const report = join(dir, 'matrix.json');
    const code = await runCli(
      [
        'run',
        join(dir, 'busy.json'),
        join(dir, 'hold-ended.json'),
        '--vary',
        'all',
        '--random',
        '2',
        '--seed',
        '7',
        '--json',
        report,
      ],
      a.io,
    );
    expect(code).toBe(1);
    const text = a.out.join('\n');
    const columns = 13 + 2;
    expect(text).toContain(`Variant matrix on in-process mock: 2 × ${columns} variants`);
    expect(text).toMatch(/^json: busy line\s+(✓ +){14}✓$/m);
    expect(text).toMatch(/^json: holds an ended call\s+(✗ +){14}✗$/m);
    expect(text).toContain(' 2  errors=ok-false');
    expect(text).toMatch(/15 {2}random#8 {2}errors=\S+,dates=\S+,ids=\S+,tokens=\S+,notifications=\S+,extras=\S+/);
    expect(text).toContain(
      'json: holds an ended call × 5 dates=iso-offset (axis dates): step 7 (hold agent=a1 call=call)\n    step 7 (hold agent=a1 call=call) failed: InvalidStateError 409 INVALID_STATE',
    );
    expect(text).toContain(`${2 * columns} cells: ${columns} passed, ${columns} failed, 0 not run`);
    expect(a.err[0]).toBe(`variant 1/${columns} default (default)`);
    expect(a.err).toContain('  [2/2] json: holds an ended call');
    const json = JSON.parse(await readFile(report, 'utf8')) as {
      variants: { label: string; variation: string }[];
      rows: { name: string; cells: { variant: string; status: string; failedAt?: string }[] }[];
    };
    expect(json.variants).toHaveLength(columns);
    expect(json.variants[13]?.label).toBe('random#7');
    expect(json.rows[1]?.cells[3]).toMatchObject({
      variant: 'dates=vicidial',
      status: 'failed',
      failedAt: 'step 7 (hold agent=a1 call=call)',
    });
  }, 120_000);

  it('--vary <spec> runs the suite once, on a mock playing that variation', async () => {
    const a = io();
    expect(
      await runCli(['run', join(dir, 'busy.json'), '--vary', 'errors=ok-false,ids=strings', '--quiet'], a.io),
    ).toBe(0);
    expect(a.out.join('\n')).toContain('Target: in-process mock (--vary errors=ok-false,ids=strings)');
    expect(a.out.join('\n')).toContain('1 passed, 0 failed, 0 not run');
  });

  it('refuses a URL with no control API and points at --target real', async () => {
    const strict = await createMockOmni({ strict: true, clock: 'real', logger: silent });
    const s = await strict.listen({ port: 0 });
    try {
      const a = io();
      expect(await runCli(['run', '--target', s.url], a.io)).toBe(2);
      expect(a.err.join('\n')).toContain('use --target real');
    } finally {
      await s.close();
      await strict.close();
    }
  });

  it('a mock with an admin key at a URL: OMNI_MOCK_ADMIN_KEY passes it, none (or a wrong one) is a usage error', async () => {
    const guarded = await createMockOmni({ clock: 'manual', logger: silent, adminKey: 'scenarios-admin-key' });
    const s = await guarded.listen({ port: 0 });
    try {
      const none = io();
      expect(await runCli(['run', join(dir, 'busy.json'), '--target', s.url], none.io)).toBe(2);
      expect(none.err.join('\n')).toContain('set OMNI_MOCK_ADMIN_KEY');
      const wrong = io({ OMNI_MOCK_ADMIN_KEY: 'not-the-key' });
      expect(await runCli(['run', join(dir, 'busy.json'), '--target', s.url], wrong.io)).toBe(2);
      expect(wrong.err.join('\n')).toContain('the one given is wrong');
      const right = io({ OMNI_MOCK_ADMIN_KEY: 'scenarios-admin-key' });
      expect(await runCli(['run', join(dir, 'busy.json'), '--target', s.url, '--quiet'], right.io)).toBe(0);
      expect(right.out.join('\n')).toContain('1 passed, 0 failed');
    } finally {
      await s.close();
      await guarded.close();
    }
  });

  it('the contract suite from the command line: the mock by default, the real Omni when its credentials are set', async () => {
    const a = io();
    expect(await runCli(['contract', '--quiet'], a.io)).toBe(0);
    expect(a.out.join('\n')).toContain('Contract suite on in-process mock');
    expect(a.out.join('\n')).toContain('| `POST /vicidial/leads/archive` | matches |');
    const b = io({ OMNI_BASE_URL: 'http://127.0.0.1:9', OMNI_SYSTEM_KEY: 'k' });
    expect(await runCli(['contract', '--quiet'], b.io)).toBe(2);
    expect(b.err.join('\n')).toContain('--target real: agent credentials must be set');
  });

  it('a target that cannot be reached is found before anything runs: one line, exit 2, a real Omni as a mock at a URL', async () => {
    // The bin, as a user runs it: a mock at a URL where nothing listens...
    const mockUrl = await spawnCli(['run', '--target', 'http://127.0.0.1:9']);
    expect(mockUrl.code).toBe(2);
    expect(mockUrl.stdout).toBe('');
    expect(mockUrl.stderr.trim().split('\n')).toEqual([
      expect.stringMatching(/^omnikit-scenarios: --target http:\/\/127\.0\.0\.1:9: cannot reach it \(/),
    ]);
    // ...and a real Omni there, found by the credentials check before the first scenario (progress on: no line of
    // a scenario shows), exit the same.
    const real = await spawnCli(['run', '--target', 'real'], {
      env: { ...realEnv('http://127.0.0.1:9'), OMNI_SYSTEM_KEY: 'k' },
    });
    expect(real.code).toBe(2);
    expect(real.stdout).toBe('');
    expect(real.stderr.trim().split('\n')).toEqual([
      expect.stringMatching(
        /^omnikit-scenarios: cannot reach the real Omni at http:\/\/127\.0\.0\.1:9 \(.*no connection to Omni.*\); no scenario was run$/,
      ),
    ]);
    // The contract suite the same: its first request is the credentials' check.
    const a = io({ ...realEnv('http://127.0.0.1:9'), OMNI_SYSTEM_KEY: 'k' });
    expect(await runCli(['contract', '--quiet'], a.io)).toBe(2);
    expect(a.err).toEqual([
      expect.stringMatching(
        /^omnikit-scenarios: cannot reach the real Omni at http:\/\/127\.0\.0\.1:9 \(.*no connection to Omni.*\); no check was run$/,
      ),
    ]);
    expect(a.out).toEqual([]);
  }, 60_000);

  it('a real Omni that refuses the system key: checked once before any scenario, one line naming it, exit 2', async () => {
    // Every request the run sends reaches the mock through this counter.
    const seen: string[] = [];
    const counter = createServer(async (req, res) => {
      seen.push(`${req.method} ${new URL(req.url ?? '/', 'http://x').pathname}`);
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      const headers = new Headers();
      for (const name of ['authorization', 'content-type', 'tokenkey'])
        if (typeof req.headers[name] === 'string') headers.set(name, req.headers[name]);
      const answer = await fetch(`${server.url}${req.url}`, {
        method: req.method ?? 'GET',
        headers,
        ...(chunks.length > 0 ? { body: Buffer.concat(chunks) } : {}),
      });
      res.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? 'text/plain' });
      res.end(Buffer.from(await answer.arrayBuffer()));
    });
    await new Promise<void>((resolve) => counter.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(counter.address() as AddressInfo).port}`;
      const run = await spawnCli(['run', '--target', 'real'], {
        env: { ...realEnv(url), OMNI_SYSTEM_KEY: 'not-the-key' },
      });
      expect(run.code).toBe(2);
      expect(run.stdout).toBe('');
      expect(run.stderr.trim().split('\n')).toEqual([
        `omnikit-scenarios: the real Omni at ${url} refused the system key (OMNI_SYSTEM_KEY): 401 INVALID_SYSTEM_KEY: the system key is not the key of any system of this mock; no scenario was run`,
      ]);
      // One authorize (beside the probe for an omni-mock proxy): no scenario set anything up.
      expect(seen.filter((r) => r !== 'GET /__proxy/tap')).toEqual(['POST /omni/user/authorize']);
    } finally {
      await new Promise((resolve) => counter.close(resolve));
    }
  }, 60_000);

  it('a refused agent password, and a refused key for the contract suite, are one line and exit 2 too', async () => {
    const a = io({ ...realEnv(server.url), OMNI_AGENT_PASSWORD: 'not-the-password' });
    expect(await runCli(['run', join(dir, 'answer.json'), '--target', 'real'], a.io)).toBe(2);
    expect(a.err).toEqual([
      `omnikit-scenarios: the real Omni at ${server.url} refused the agent's user name and password (OMNI_AGENT_USER "agent1", OMNI_AGENT_PASSWORD): 401 INVALID_TOKEN: user_name or password is wrong (the password is sent as Base64); no scenario was run`,
    ]);
    expect(a.out).toEqual([]);
    const b = io({ ...realEnv(server.url), OMNI_SYSTEM_KEY: 'not-the-key' });
    expect(await runCli(['contract', '--target', 'real'], b.io)).toBe(2);
    expect(b.err).toHaveLength(1);
    expect(b.err[0]).toMatch(
      /refused the system key \(OMNI_SYSTEM_KEY\): 401 INVALID_SYSTEM_KEY: .*; no check was run$/,
    );
    expect(b.out).toEqual([]);
  });

  it('an unknown OMNI_TIME_ZONE is bad usage: one line, exit 2, before anything runs', async () => {
    for (const command of ['run', 'contract']) {
      const a = io({ ...realEnv(server.url), OMNI_TIME_ZONE: 'Mars/Olympus' });
      expect(await runCli([command, '--target', 'real'], a.io), command).toBe(2);
      expect(a.err).toEqual([
        'omnikit-scenarios: --target real: OMNI_TIME_ZONE must be an IANA time zone (e.g. Africa/Johannesburg) or an offset like +02:00, not "Mars/Olympus"',
      ]);
      expect(a.out).toEqual([]);
    }
  });

  it('an interrupted run (Ctrl-C) still prints its table and exits 130', async () => {
    const a = io();
    const stop = new AbortController();
    stop.abort();
    expect(await runCli(['run', join(dir, 'busy.json'), '--quiet'], { ...a.io, signal: stop.signal })).toBe(130);
    expect(a.out.join('\n')).toContain('NOT RUN: json: busy line\n  the run was interrupted');
  });

  it('a bad --json destination is refused before anything runs: one line, exit 2', async () => {
    for (const json of [join(dir, 'no-such-folder', 'r.json'), dir]) {
      const run = await spawnCli(['run', join(dir, 'busy.json'), '--json', json]);
      expect(run.code, json).toBe(2);
      expect(run.stdout).toBe('');
      expect(run.stderr.trim().split('\n')).toHaveLength(1);
      expect(run.stderr).toMatch(/^omnikit-scenarios: --json /);
      expect(run.stderr).not.toContain('[1/1]');
    }
  }, 60_000);

  it.skipIf(process.getuid?.() === 0)('a --json folder that cannot be written is refused before the run', async () => {
    const locked = join(dir, 'locked');
    await mkdir(locked, { mode: 0o500 });
    const a = io();
    expect(await runCli(['run', join(dir, 'busy.json'), '--json', join(locked, 'r.json')], a.io)).toBe(2);
    expect(a.err.join('\n')).toMatch(/--json .*r\.json: its folder .*locked cannot be written/);
    expect(a.out).toEqual([]);
  });

  it('a module that fails to load is named: one line, exit 2', async () => {
    const syntax = await spawnCli(['run', join(dir, 'syntax.mjs')]);
    expect(syntax.code).toBe(2);
    expect(syntax.stderr.trim()).toBe(
      `omnikit-scenarios: ${join(dir, 'syntax.mjs')}: could not be loaded (SyntaxError: Unexpected identifier 'is')`,
    );
    const throws = await spawnCli(['run', join(dir, 'throws.mjs')]);
    expect(throws.code).toBe(2);
    expect(throws.stderr.trim()).toBe(
      `omnikit-scenarios: ${join(dir, 'throws.mjs')}: could not be loaded (boom in module)`,
    );
  }, 60_000);

  it('Ctrl-C abandons an integration’s step at once: it is not run, and the exit status is 130', async () => {
    const run = await spawnCli(['run', join(dir, 'slow-integration.mjs')], {
      interruptWhen: (stderr) => stderr.includes('step 1 (a minute of work)'),
    });
    expect(run.code).toBe(130);
    expect(run.ms).toBeLessThan(10_000);
    expect(run.stdout).toMatch(/slow integration\s+not run\s+0\/1/);
    expect(run.stdout).toContain(
      'NOT RUN: slow integration\n  the run was interrupted during step 1 (a minute of work)',
    );
    expect(run.stdout).toContain('0 passed, 0 failed, 1 not run');
  }, 60_000);

  it('Ctrl-C mid-scenario: the scenario under way is not run (interrupted) in the table, the JSON and the summary; exit 130', async () => {
    const report = join(dir, 'interrupted.json');
    const run = await spawnCli(['run', join(dir, 'waits.json'), join(dir, 'busy.json'), '--json', report], {
      interruptWhen: (stderr) => stderr.includes('step 7/7 waitFor'),
    });
    expect(run.code).toBe(130);
    expect(run.ms).toBeLessThan(10_000);
    expect(run.stdout).toMatch(/json: waits for a hold\s+not run\s+6\/7/);
    expect(run.stdout).toContain('NOT RUN: json: waits for a hold\n  the run was interrupted during step 7 (waitFor)');
    expect(run.stdout).toContain('NOT RUN: json: busy line\n  the run was interrupted');
    expect(run.stdout).not.toContain('FAILED');
    expect(run.stdout).toContain('0 passed, 0 failed, 2 not run');
    const json = JSON.parse(await readFile(report, 'utf8')) as {
      scenarios: { name: string; status: string; reason?: string; message?: string; failedAt?: string }[];
      counts: unknown;
    };
    expect(json.scenarios).toEqual([
      expect.objectContaining({
        name: 'json: waits for a hold',
        status: 'not run',
        reason: 'the run was interrupted during step 7 (waitFor)',
        stepsRun: 6,
      }),
      expect.objectContaining({ name: 'json: busy line', status: 'not run', reason: 'the run was interrupted' }),
    ]);
    expect(json.scenarios[0]).not.toHaveProperty('failedAt');
    expect(json.counts).toEqual({ passed: 0, failed: 0, notRun: 2 });
  }, 60_000);

  it('a mock at a URL delivers to OMNI_WEBHOOK_PUBLIC_URL when given (it may not reach this machine)', async () => {
    // The "tunnel": records what the mock delivers to the public URL (it forwards nowhere).
    const delivered: { path: string; type: string }[] = [];
    const tunnel = createServer((req, res) => {
      let body = '';
      req.on('data', (d) => {
        body += d;
      });
      req.on('end', () => {
        delivered.push({ path: req.url ?? '', type: (JSON.parse(body) as { type: string }).type });
        res.writeHead(200).end();
      });
    });
    await new Promise<void>((resolve) => tunnel.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = tunnel.address() as AddressInfo;
      const a = io({ OMNI_WEBHOOK_PUBLIC_URL: `http://127.0.0.1:${port}/t` });
      // Nothing reaches the local inbox, so the scenario waiting for a notification fails…
      expect(await runCli(['run', join(dir, 'answer.json'), '--target', server.url, '--quiet'], a.io)).toBe(1);
      // …because every delivery went to the public URL, under the inbox's path.
      expect(delivered.length).toBeGreaterThan(0);
      for (const d of delivered) expect(d.path).toMatch(/^\/t\/hooks\/\d+$/);
      expect(delivered.map((d) => d.type)).toContain('call_state');
    } finally {
      await new Promise((resolve) => tunnel.close(resolve));
    }
  }, 30_000);

  it('the bin runs the whole library against a started mock (another process, over HTTP)', async () => {
    const report = join(dir, 'library.json');
    const child = spawn(
      process.execPath,
      [
        '--conditions=@omnikit/source',
        '--import',
        'tsx',
        'src/cli/main.ts',
        'run',
        '--target',
        server.url,
        '--json',
        report,
      ],
      { cwd: new URL('../..', import.meta.url).pathname, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => {
      stdout += d;
    });
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(stderr).toContain(`[1/${library.length}] click-2-dial happy path`);
    expect(stdout).toContain(`Target: mock at ${server.url}`);
    expect(stdout).toContain(`${library.length} passed, 0 failed, 0 not run`);
    expect(code).toBe(0);
    const json = JSON.parse(await readFile(report, 'utf8')) as {
      scenarios: { name: string; status: string; notes: string[] }[];
    };
    expect(json.scenarios).toHaveLength(library.length);
    expect(json.scenarios.find((s) => s.name === 'SIP phone drop mid-call')?.notes.join(' ')).toContain(
      'a virtual phone stood in',
    );
  }, 120_000);
});
