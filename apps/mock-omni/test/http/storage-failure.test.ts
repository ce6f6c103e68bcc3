/**
 * A database that goes bad under a running mock answers 503 SERVICE_UNAVAILABLE in the error shape, with a detail that
 * says what to do, and the mock logs it once, however many requests hit it. The damage is real: a leaf page of the
 * leads table is overwritten in the file, so SQLite itself reports SQLITE_CORRUPT when a request reads that lead.
 *
 * @module
 */

import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { errorBody } from '@omnikit/contracts';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { storageKindOf } from '../../src/http/storage-failure.js';
import { createMockOmni, type MockOmni } from '../../src/index.js';
import { OmniTestClient } from '../support/omni-client.js';

const dir = mkdtempSync(join(tmpdir(), 'omni-corrupt-'));
const mocks: MockOmni[] = [];
afterAll(async () => {
  for (const m of mocks) await m.close().catch(() => {});
  rmSync(dir, { recursive: true, force: true });
});

const MARKER = 'damaged-page-marker';

/** The demo database plus 2,000 leads in list 1; the 1,000th carries a marker to find its page by. */
async function databaseWithLeads(file: string): Promise<number> {
  const first = await createMockOmni({ db: file, clock: 'manual', logger: { info: () => {}, error: () => {} } });
  await first.close();
  const sqlite = new Database(file);
  const base = (sqlite.prepare('SELECT coalesce(max(lead_id), 0) AS n FROM leads').get() as { n: number }).n;
  const insert = sqlite.prepare(
    `INSERT INTO leads (system_id, lead_id, list_id, first_name, phone_1, phones, created_at, updated_at)
     VALUES (1, ?, 1, ?, ?, '[]', 0, 0)`,
  );
  sqlite.transaction(() => {
    for (let n = 1; n <= 2_000; n++) {
      insert.run(base + n, n === 1_000 ? MARKER : `lead ${n} ${'x'.repeat(100)}`, `0700${String(n).padStart(6, '0')}`);
    }
  })();
  sqlite.pragma('wal_checkpoint(TRUNCATE)');
  const pageSize = Number(sqlite.pragma('page_size', { simple: true }));
  sqlite.close();
  // The page holding the marker: its B-tree page type byte becomes one SQLite does not know.
  const bytes = readFileSync(file);
  const at = bytes.indexOf(MARKER);
  expect(at).toBeGreaterThan(0);
  const page = Math.floor(at / pageSize);
  const fd = openSync(file, 'r+');
  writeSync(fd, Buffer.alloc(16, 0xff), 0, 16, page * pageSize);
  closeSync(fd);
  return base + 1_000;
}

describe('a database that goes bad while serving', () => {
  it('answers 503 SERVICE_UNAVAILABLE with a clear detail, and logs it once', async () => {
    const file = join(dir, 'corrupt.db');
    const damagedLead = await databaseWithLeads(file);
    const logged: string[] = [];
    const mock = await createMockOmni({
      db: file,
      clock: 'manual',
      logger: { info: () => {}, error: (m, e) => void logged.push(e === undefined ? m : `${m} ${String(e)}`) },
    });
    mocks.push(mock);
    const client = new OmniTestClient(mock);
    const token = await client.login();
    // A lead on an intact page is still served.
    expect((await client.request('GET', `/omni/lead/${damagedLead - 900}`, { token })).status).toBe(200);
    for (let i = 0; i < 3; i++) {
      const res = await client.request('GET', `/omni/lead/${damagedLead}`, { token });
      expect(res.status).toBe(503);
      expect(errorBody.parse(res.body)).toEqual({
        success: false,
        error_code: 'SERVICE_UNAVAILABLE',
        detail: expect.stringMatching(
          /database file is corrupt .*restore a copy of its --db, or restart it with --reset/,
        ),
      });
      expect(JSON.stringify(res.body)).not.toMatch(/\bat \w+ \(|\.ts:\d+/);
    }
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatch(/^omni-mock: the mock's database file is corrupt \(SQLITE_CORRUPT/);
    expect(logged[0]).not.toContain('\n');
  });

  it('tells storage failures from bugs by SQLite result code', () => {
    const sqliteError = (code: string) => Object.assign(new Error(code), { code });
    expect(storageKindOf(sqliteError('SQLITE_CORRUPT'))?.kind).toBe('corrupt');
    expect(storageKindOf(sqliteError('SQLITE_CORRUPT_INDEX'))?.kind).toBe('corrupt');
    expect(storageKindOf(sqliteError('SQLITE_NOTADB'))?.kind).toBe('corrupt');
    expect(storageKindOf(sqliteError('SQLITE_FULL'))?.kind).toBe('full');
    expect(storageKindOf(sqliteError('SQLITE_IOERR_READ'))?.kind).toBe('io');
    expect(storageKindOf(sqliteError('SQLITE_READONLY'))?.kind).toBe('readonly');
    // A constraint violation is the mock's bug (or a missing check), not the environment: still a 500.
    expect(storageKindOf(sqliteError('SQLITE_CONSTRAINT_PRIMARYKEY'))).toBeUndefined();
    expect(storageKindOf(new Error('boom'))).toBeUndefined();
    expect(storageKindOf(null)).toBeUndefined();
  });
});
