/**
 * The built `omni-mock` on a database whose systems carry a variation text this build cannot read (written by a newer
 * OmniKit, or edited by hand): it starts, says so once, and those systems answer as its `--vary`. And a `--vary` with
 * an empty item, or an `axis=value` with either side empty, is refused naming what is missing.
 *
 * @module
 */

import { type ChildProcess, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MOCK_VERSION } from '../../src/version.js';
import { ensureBuiltCli, type StartedCli, startCli } from '../support/cli-process.js';

const bin = fileURLToPath(new URL('../../bin/omni-mock.js', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'omni-cli-vary-'));
const children = new Set<ChildProcess>();

beforeAll(() => ensureBuiltCli());
afterAll(() => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

async function stopped(s: StartedCli): Promise<void> {
  s.child.kill('SIGTERM');
  await s.exited;
}

const DEMO = { Authorization: 'Key=omni-demo-key' };
const NEWER = 'errors=ok-false,colour=red';

describe('omni-mock on a database with a stored variation it does not understand', () => {
  it('starts, says so once, and the system answers as --vary until one is set', async () => {
    const db = join(dir, 'newer.db');
    const first = await startCli(bin, ['--port', '0', '--db', db], children);
    await stopped(first);
    const sqlite = new Database(db);
    sqlite.prepare('UPDATE systems SET vary = ? WHERE is_default = 1').run(NEWER);
    sqlite.close();

    const s = await startCli(bin, ['--port', '0', '--db', db, '--vary', 'ids=strings'], children);
    try {
      const said = `its stored variation "${NEWER}" is not understood by omni-mock ${MOCK_VERSION} (unknown axis "colour" (axes: errors, dates, ids, tokens, notifications, extras)): it is kept, but ignored until a variation is set again (PUT /__mock/system/variation); meanwhile the system follows the mock's --vary`;
      expect(s.output()).toContain(`omni-mock: system 1 (the default system): ${said}`);
      expect(s.output()).not.toContain('plays its own variation');
      // The mock's --vary: a refusal coded, not ok-false.
      const refused = await fetch(`${s.url}/omni/campaign/1`, { headers: DEMO });
      expect(refused.status).toBe(401);
      expect(await refused.json()).toMatchObject({ error_code: 'MISSING_TOKEN' });
      const read = await fetch(`${s.url}/__mock/system/variation`, { headers: DEMO });
      expect(read.status).toBe(200);
      expect(await read.json()).toMatchObject({
        vary: 'ids=strings',
        own: false,
        ignored: { vary: NEWER, detail: said },
      });
      expect(s.output().split(said)).toHaveLength(2);
    } finally {
      await stopped(s);
    }
    const after = new Database(db, { readonly: true });
    try {
      expect(after.prepare('SELECT vary FROM systems WHERE is_default = 1').get()).toEqual({ vary: NEWER });
    } finally {
      after.close();
    }
  });

  it.each([
    ['errors=ok-false,', '--vary: "errors=ok-false," has an empty item (a trailing comma)'],
    ['errors=', '--vary: no value given for errors (values: coded, ok-false, status-only)'],
    ['=x', `--vary: no axis named before '=' in "=x" (axes: errors, dates, ids, tokens, notifications, extras)`],
  ])('--vary %j: exit 2, saying what is missing', (vary, said) => {
    let stderr = '';
    let status: number | null = 0;
    try {
      execFileSync(process.execPath, [bin, '--db', ':memory:', '--vary', vary], { stdio: 'pipe' });
    } catch (error) {
      ({ status } = error as { status: number | null });
      stderr = String((error as { stderr: Buffer }).stderr);
    }
    expect(status).toBe(2);
    expect(stderr).toContain(said);
  });
});
