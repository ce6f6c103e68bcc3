import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SourceFile } from '../../src/drift/contract-source.js';
import { DRIFT_APPLY_HELP, type DriftApplyIo, runDriftApply } from '../../src/drift/drift-apply-cli.js';
import { checkExchange, emptyDriftReport, foldFindings } from '../../src/drift/index.js';
import { restLine } from '../support/exchange-line.js';

const SOURCES: SourceFile[] = [
  {
    path: 'packages/contracts/src/routes/agents.ts',
    text: "export const agentView = z\n  .object({\n    user_id: id,\n    user_name: z.string(),\n  })\n  .meta({ id: 'Agent' });\n",
  },
];

function run(argv: string[], files: Record<string, string> = {}, sources: SourceFile[] | null = SOURCES) {
  const out: string[] = [];
  const err: string[] = [];
  const io: DriftApplyIo = {
    out: (t) => out.push(t),
    err: (t) => err.push(t),
    readText: (path) => files[path],
    sources: () => sources ?? undefined,
  };
  const status = runDriftApply(argv, io);
  return { status, out: out.join(''), err: err.join('') };
}

const report = foldFindings(
  emptyDriftReport('https://omni.example', '2026-01-05T08:00:00.000Z'),
  checkExchange(
    restLine('GET', '/omni/users/3', 200, {
      user_id: '3',
      user_name: 'agent1',
      extension: '1001',
      agent_state: 'paused',
      campaign_id: 1,
      registered: true,
      call_id: 0,
    }),
  ),
  1,
  '2026-01-05T08:01:00.000Z',
).report;

describe('omnikit-contracts drift-apply', () => {
  it('prints the change of each inferred difference against the source it is given', () => {
    const { status, out, err } = run(['drift-apply', 'r.json'], { 'r.json': JSON.stringify(report) });
    expect([status, err]).toEqual([0, '']);
    expect(
      out,
    ).toBe(String.raw`drift-apply: r.json (target https://omni.example, 2026-01-05T08:00:00.000Z to 2026-01-05T08:01:00.000Z)
drift: 0 documented, 1 inferred

Inferred (1): each a change that makes the contracts match what was seen, diffed on top of the ones before it: git apply this output whole, review the result (git diff), keep what you accept.

[1] getUser GET /omni/users/{user_id}: response.200.body.user_id
    type: expected integer, seen string; 1 exchange, first at seq 1; example: "3"
--- a/packages/contracts/src/routes/agents.ts
+++ b/packages/contracts/src/routes/agents.ts
@@ -1,6 +1,6 @@
 export const agentView = z
   .object({
-    user_id: id,
+    user_id: z.union([id, z.string().regex(/^\d+$/)]),
     user_name: z.string(),
   })
   .meta({ id: 'Agent' });

Documented (0): nothing to judge.
`);
  });

  it('gives instructions only, and says so, when no contracts source is found', () => {
    const { status, out, err } = run(['drift-apply', 'r.json'], { 'r.json': JSON.stringify(report) }, null);
    expect(status).toBe(0);
    expect(out).toContain(
      '    instruction: Change field "user_id" of schema Agent (its declaration was not found in the source): let it accept z.string().regex(/^\\d+$/) as well (z.union([<its schema>, z.string().regex(/^\\d+$/)])).',
    );
    expect(err).toBe(
      'omnikit-contracts drift-apply: no contracts source found (run it in an OmniKit checkout or pass --src): instructions only\n',
    );
  });

  it.each([
    [['drift-apply', 'missing.json'], {}, 'omnikit-contracts drift-apply: cannot read missing.json\n'],
    [
      ['drift-apply', 'r.json'],
      { 'r.json': '{"v":1,' },
      /^omnikit-contracts drift-apply: r\.json is not JSON \(.+\)\n$/,
    ],
    [
      ['drift-apply', 'r.json'],
      { 'r.json': JSON.stringify({ ...report, v: 2, summary: { ...report.summary, documented: 'none' } }) },
      /^omnikit-contracts drift-apply: r\.json is not a drift report \(v: .+; summary\.documented: .+\); write one with omni-mock proxy --report r\.json\n$/,
    ],
    [['drift-apply'], {}, /^omnikit-contracts: which report\? omnikit-contracts drift-apply <report\.json>\n/],
    [['drift-apply', 'a.json', 'b.json'], {}, /^omnikit-contracts: one report at a time, not a\.json and b\.json\n/],
    [['drift-apply', 'a.json', '--write'], {}, /^omnikit-contracts: unknown option --write\n/],
    [['apply', 'a.json'], {}, /^omnikit-contracts: unknown command "apply" \(the one command is drift-apply\)\n/],
  ])('exits 2 with a clear message: %j', (argv, files, message) => {
    const { status, out, err } = run(argv, files as Record<string, string>);
    expect(status).toBe(2);
    expect(out).toBe('');
    if (typeof message === 'string') expect(err).toBe(message);
    else expect(err).toMatch(message);
  });

  it('prints its --help', () => {
    expect(run(['drift-apply', '--help'])).toEqual({ status: 0, out: `${DRIFT_APPLY_HELP}\n`, err: '' });
  });
});

describe('the omnikit-contracts bin (built)', () => {
  const pkg = fileURLToPath(new URL('../..', import.meta.url));
  const dir = mkdtempSync(join(tmpdir(), 'drift-apply-'));
  beforeAll(() => {
    if (!existsSync(join(pkg, 'dist/drift/drift-apply-cli.js'))) {
      const tsc = fileURLToPath(new URL('../../../../node_modules/typescript/bin/tsc', import.meta.url));
      execFileSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], { cwd: pkg });
    }
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const bin = (args: string[]) => {
    try {
      const stdout = execFileSync(process.execPath, [join(pkg, 'bin/omnikit-contracts.js'), ...args], {
        encoding: 'utf8',
        cwd: join(pkg, '../..'),
        stdio: 'pipe',
      });
      return { status: 0, stdout, stderr: '' };
    } catch (error) {
      const e = error as { status: number; stdout: string; stderr: string };
      return { status: e.status, stdout: e.stdout, stderr: e.stderr };
    }
  };

  it('reads the repository’s contracts and prints the diff; a bad report exits 2', () => {
    const path = join(dir, 'report.json');
    writeFileSync(path, JSON.stringify(report));
    const good = bin(['drift-apply', path]);
    expect(good.status).toBe(0);
    expect(good.stdout).toContain('--- a/packages/contracts/src/routes/agents.ts');
    expect(good.stdout).toContain('+    user_id: z.union([id, z.string().regex(/^\\d+$/)]),');
    writeFileSync(path, '[]');
    const bad = bin(['drift-apply', path]);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/^omnikit-contracts drift-apply: .+report\.json is not a drift report \(\(report\): /);
  });
});
