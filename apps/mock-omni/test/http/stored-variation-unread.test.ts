/**
 * A stored variation this build cannot read — a database written by a newer OmniKit with an axis or value this one
 * does not know, or a `vary` column edited by hand — on a real SQLite file: the mock starts, the system answers as the
 * mock's `--vary`, the mock says so once at start and in `GET /__mock/system/variation`, and the stored text stays as
 * it is until a variation is set.
 *
 * @module
 */

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { MOCK_VERSION } from '../../src/version.js';
import { startMock } from '../support/omni-client.js';

const dir = mkdtempSync(join(tmpdir(), 'omni-vary-unread-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const AXES = 'errors, dates, ids, tokens, notifications, extras';
const NEWER = 'errors=ok-false,colour=red';
const NEWER_PROBLEM = `unknown axis "colour" (axes: ${AXES})`;
const NEWER_DEFAULT = 'dates=iso-week';
const NEWER_DEFAULT_PROBLEM = 'unknown value "iso-week" for dates (values: iso-z, vicidial, iso-offset)';

const detail = (vary: string, problem: string) =>
  `its stored variation "${vary}" is not understood by omni-mock ${MOCK_VERSION} (${problem}): it is kept, but ignored until a variation is set again (PUT /__mock/system/variation); meanwhile the system follows the mock's --vary`;

/** The `vary` column of every system, read once the mock has closed the file (it holds it exclusively). */
function storedVary(file: string): Record<string, string | null> {
  const sqlite = new Database(file, { readonly: true });
  try {
    const rows = sqlite.prepare('SELECT system_key, vary FROM systems').all() as { system_key: string; vary: string }[];
    return Object.fromEntries(rows.map((r) => [r.system_key, r.vary]));
  } finally {
    sqlite.close();
  }
}

/** A database whose default system and `newer-one` (system 2) carry variation texts this build cannot read. */
async function newerDatabase(name: string): Promise<string> {
  const file = join(dir, name);
  const first = await startMock({ db: file });
  const made = await first.client.request('POST', '/__mock/systems', {
    body: { system_key: 'newer-one', vary: 'errors=ok-false' },
  });
  expect(made.status).toBe(200);
  await first.mock.close();
  const sqlite = new Database(file);
  sqlite.prepare('UPDATE systems SET vary = ? WHERE system_key = ?').run(NEWER, 'newer-one');
  sqlite.prepare('UPDATE systems SET vary = ? WHERE is_default = 1').run(NEWER_DEFAULT);
  sqlite.close();
  return file;
}

describe('a stored variation this build does not understand', () => {
  it('the mock starts, says so once, and each such system answers as the mock’s --vary', async () => {
    const file = await newerDatabase('starts.db');
    const lines: string[] = [];
    const { mock, client } = await startMock({
      db: file,
      vary: 'ids=strings',
      logger: { info: (line) => lines.push(line), error: (line) => lines.push(line) },
    });
    try {
      expect(lines).toEqual([
        `omni-mock: system 1 (the default system): ${detail(NEWER_DEFAULT, NEWER_DEFAULT_PROBLEM)}`,
        `omni-mock: system 2: ${detail(NEWER, NEWER_PROBLEM)}`,
      ]);
      for (const c of [client, client.withKey('newer-one')]) {
        // The mock's --vary: refusals coded (not ok-false), ids as strings.
        expect(await c.request('GET', '/omni/campaign/1')).toMatchObject({
          status: 401,
          body: { error_code: 'MISSING_TOKEN' },
        });
        const token = await c.login();
        expect(await c.request('GET', '/omni/campaign/1', { token })).toMatchObject({
          status: 200,
          body: { campaign_id: '1' },
        });
        expect((await c.request('GET', '/__mock/system')).body.vary).toBe('ids=strings');
      }
      expect((await client.withKey('newer-one').request('GET', '/__mock/system/variation')).body).toEqual({
        vary: 'ids=strings',
        variation: {
          errors: 'coded',
          dates: 'iso-z',
          ids: 'strings',
          tokens: 'several',
          notifications: 'signed',
          extras: 'exact',
        },
        own: false,
        ignored: { vary: NEWER, detail: detail(NEWER, NEWER_PROBLEM) },
      });
      expect((await client.request('GET', '/__mock/system/variation')).body).toMatchObject({
        own: false,
        ignored: { vary: NEWER_DEFAULT, detail: detail(NEWER_DEFAULT, NEWER_DEFAULT_PROBLEM) },
      });
      // The systems' own views name the ignored text too, so a list of many systems shows which ones.
      const listed = (await client.request('GET', '/__mock/systems')).body.systems as Record<string, unknown>[];
      expect(listed.map((s) => [s.system_key, s.vary, s.vary_ignored])).toEqual([
        ['omni-demo-key', 'ids=strings', NEWER_DEFAULT],
        ['newer-one', 'ids=strings', NEWER],
      ]);
      expect((await client.withKey('newer-one').request('GET', '/__mock/system')).body.vary_ignored).toBe(NEWER);
      // Said once: requests add no lines.
      expect(lines).toHaveLength(2);
      // Nothing stored is lost, a reset included.
      await client.request('POST', '/__mock/system/reset', { body: {} });
      expect((await client.request('GET', '/__mock/system/variation')).body.ignored.vary).toBe(NEWER_DEFAULT);
    } finally {
      await mock.close();
    }
    expect(storedVary(file)).toMatchObject({ 'omni-demo-key': NEWER_DEFAULT, 'newer-one': NEWER });
  });

  it('setting a variation replaces the stored text; vary null gives it up', async () => {
    const file = await newerDatabase('set-again.db');
    const { mock, client } = await startMock({ db: file });
    try {
      const newer = client.withKey('newer-one');
      expect(
        await newer.request('PUT', '/__mock/system/variation', { body: { vary: 'errors=status-only' } }),
      ).toMatchObject({
        status: 200,
        body: { vary: 'errors=status-only', own: true },
      });
      expect((await newer.request('GET', '/__mock/system/variation')).body.ignored).toBeUndefined();
      expect(await newer.request('GET', '/omni/campaign/1')).toMatchObject({ status: 401, body: { success: false } });
      expect((await newer.request('GET', '/omni/campaign/1')).body.error_code).toBeUndefined();

      const cleared = await client.request('PUT', '/__mock/system/variation', { body: { vary: null } });
      expect(cleared.body).toEqual(expect.objectContaining({ vary: 'default', own: false }));
      expect(cleared.body.ignored).toBeUndefined();
      expect((await client.request('GET', '/__mock/system')).body).not.toHaveProperty('vary_ignored');
    } finally {
      await mock.close();
    }
    expect(storedVary(file)).toMatchObject({ 'omni-demo-key': null, 'newer-one': 'errors=status-only' });
  });
});
