import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMockOmni } from '../../src/index.js';
import { exportSystem, importSystem, SystemTransferError } from '../../src/store/system-transfer.js';
import { OmniTestClient } from '../support/omni-client.js';

const dir = mkdtempSync(join(tmpdir(), 'omni-system-transfer-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const quiet = { info: () => {}, error: () => {} };

/** A mock on `db` for the time of `use`, closed afterwards (a transfer needs the files closed). */
async function withMock<T>(db: string, use: (client: OmniTestClient) => Promise<T>): Promise<T> {
  const mock = await createMockOmni({ db, clock: 'manual', logger: quiet });
  try {
    return await use(new OmniTestClient(mock));
  } finally {
    await mock.close();
  }
}

const LEAD = {
  list_id: 1,
  first_name: 'Moving',
  last_name: 'Lead',
  other_info: 'goes with its system',
  phone_numbers: [{ phone_number: '0821234567', phone_type_id: 2 }],
};

describe('a system moved between databases (export, import)', () => {
  it('carries its data, its tokens, its clock and its pending webhooks; ids a database gives out are given anew', async () => {
    const a = join(dir, 'a.db');
    const b = join(dir, 'b.db');
    const out = join(dir, 'moving.db');
    const before = await withMock(a, async (root) => {
      await root.request('POST', '/__mock/systems', { body: { system_key: 'moving-system', clock: 'manual' } });
      const sys = root.withKey('moving-system');
      const token = await sys.login('agent1');
      const lead = (await sys.request('POST', '/omni/lead', { body: LEAD, token })).body.lead_id as number;
      await sys.request('POST', '/__mock/clock/advance', { body: { ms: 60_000 } });
      await sys.request('POST', '/omni/notification/endpoint', {
        body: { url: 'http://127.0.0.1:9/hook', secret: 'transfer-secret' },
        token,
      });
      await sys.request('POST', '/__mock/webhook/test', { body: {} });
      const deliveries = (await sys.request('GET', '/__mock/webhook/deliveries')).body;
      return { token, lead, now: (await sys.request('GET', '/__mock/clock')).body.now, deliveries };
    });
    // The target already has systems of its own, so the moved one gets another id there.
    await withMock(b, async (root) => {
      await root.request('POST', '/__mock/systems', { body: { system_key: 'resident-system', clock: 'manual' } });
    });

    const exported = exportSystem({ db: a, key: 'moving-system', out, remove: true });
    expect(exported.systemKey).toBe('moving-system');
    expect(exported.rows).toBeGreaterThan(350); // the demo data's 350 leads, users, campaigns…
    expect(existsSync(`${out}-wal`)).toBe(false);
    expect(importSystem({ db: b, from: out })).toEqual({ systemKey: 'moving-system', rows: exported.rows });

    await withMock(b, async (root) => {
      const sys = root.withKey('moving-system');
      expect((await sys.request('GET', '/__mock/system')).body).toMatchObject({
        system_key: 'moving-system',
        is_default: false,
      });
      expect((await sys.request('GET', '/__mock/clock')).body.now).toBe(before.now);
      // The token issued on the old database still opens the system.
      const lead = await sys.request('GET', `/omni/lead/${before.lead}`, { token: before.token });
      expect([lead.status, lead.body.first_name]).toEqual([200, 'Moving']);
      const deliveries = (await sys.request('GET', '/__mock/webhook/deliveries')).body;
      expect(deliveries.deliveries.map((d: { notification_id: string }) => d.notification_id)).toEqual(
        before.deliveries.deliveries.map((d: { notification_id: string }) => d.notification_id),
      );
      // The resident system is untouched, and a new lead in the moved system takes the next id.
      expect((await root.withKey('resident-system').request('GET', '/__mock/system')).status).toBe(200);
      const next = await sys.request('POST', '/omni/lead', { body: LEAD, token: before.token });
      expect(next.body.lead_id).toBe(before.lead + 1);
    });
    // --remove took it out of the source.
    await withMock(a, async (root) => {
      const gone = await root.withKey('moving-system').request('GET', '/__mock/system');
      expect([gone.status, gone.body.error_code]).toEqual([401, 'INVALID_SYSTEM_KEY']);
    });
  });

  it('the default system moved into a new database stays its default, and a mock starts on it; a database with a default of its own refuses it', async () => {
    const a = join(dir, 'default-source.db');
    const out = join(dir, 'default-system.db');
    const fresh = join(dir, 'default-target.db');
    const token = await withMock(a, async (root) => {
      const token = await root.login('agent1');
      await root.request('POST', '/omni/lead', { body: LEAD, token });
      return token;
    });
    exportSystem({ db: a, key: 'omni-demo-key', out });
    importSystem({ db: fresh, from: out });
    // Before: the mock made a default system of its own under the same key at start, which was taken.
    await withMock(fresh, async (root) => {
      expect(root.key).toBe('omni-demo-key');
      const systems = (await root.request('GET', '/__mock/systems')).body.systems;
      expect(systems.map((s: { system_key: string; is_default: boolean }) => [s.system_key, s.is_default])).toEqual([
        ['omni-demo-key', true],
      ]);
      const lead = await root.request('GET', '/omni/lead/351', { token });
      expect([lead.status, lead.body.first_name]).toEqual([200, 'Moving']);
      const removed = await root.request('DELETE', '/__mock/systems/omni-demo-key');
      expect([removed.status, removed.body.error_code]).toEqual([409, 'INVALID_STATE']);
    });
    // The source has a default system of its own: refused, and not with advice to delete it (it cannot be).
    expect(refusal(() => importSystem({ db: a, from: out }))).toBe(
      `${a} already holds a system omni-demo-key, its default system, which cannot be deleted: import into another database`,
    );
  });

  it('refuses clearly: an unknown key, an existing output, the default system removed, a key the target holds, a file that is not an export', async () => {
    const a = join(dir, 'c.db');
    await withMock(a, async (root) => {
      await root.request('POST', '/__mock/systems', { body: { system_key: 'second-system' } });
    });
    const refused = (fn: () => unknown) => {
      try {
        fn();
      } catch (error) {
        expect(error).toBeInstanceOf(SystemTransferError);
        return (error as Error).message;
      }
      throw new Error('not refused');
    };
    expect(refused(() => exportSystem({ db: a, key: 'no-such-system', out: join(dir, 'x.db') }))).toBe(
      `${a} holds no system no-such-system`,
    );
    expect(existsSync(join(dir, 'x.db'))).toBe(false);
    writeFileSync(join(dir, 'taken.db'), '');
    expect(refused(() => exportSystem({ db: a, key: 'second-system', out: join(dir, 'taken.db') }))).toContain(
      'exists already',
    );
    expect(
      refused(() => exportSystem({ db: a, key: 'omni-demo-key', out: join(dir, 'd.db'), remove: true })),
    ).toContain('it can be exported, not removed');
    expect(refused(() => exportSystem({ db: join(dir, 'none.db'), key: 'k', out: join(dir, 'e.db') }))).toContain(
      'there is no database',
    );
    exportSystem({ db: a, key: 'second-system', out: join(dir, 'second.db') });
    expect(refused(() => importSystem({ db: a, from: join(dir, 'second.db') }))).toBe(
      `${a} already holds a system second-system: delete it there first`,
    );
    writeFileSync(join(dir, 'junk.db'), 'not a database at all, just text that is long enough to be read');
    expect(refused(() => importSystem({ db: a, from: join(dir, 'junk.db') }))).toMatch(
      /cannot read|not a file of omni-mock system export/,
    );
    expect(refused(() => importSystem({ db: a, from: a }))).toMatch(/holds 2 systems|cannot read/);
  });
});

/** The error message of a refused transfer. */
function refusal(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(SystemTransferError);
    return (error as Error).message;
  }
  throw new Error('not refused');
}

/** Every file of the folder with the checksum of its bytes: what a refusal must leave as it was. */
function filesOf(folder: string): Record<string, string> {
  return Object.fromEntries(
    readdirSync(folder)
      .sort()
      .map((name) => [
        name,
        createHash('sha256')
          .update(readFileSync(join(folder, name)))
          .digest('hex'),
      ]),
  );
}

/** A fresh folder holding a copy of the mock database `base` as `name` (and nothing else). */
function folderWith(base: string, name: string): { folder: string; db: string } {
  const folder = mkdtempSync(join(dir, 'case-'));
  const db = join(folder, name);
  copyFileSync(base, db);
  return { folder, db };
}

/** Changes the file with a plain connection (no migrations), then closes it as a mock would leave it. */
function edit(db: string, sql: string): void {
  const sqlite = new Database(db);
  sqlite.exec(sql);
  sqlite.close();
}

describe('export and import read their sources only, and refuse before writing anything', () => {
  const base = join(dir, 'base.db');
  beforeAll(async () => {
    await withMock(base, async (root) => {
      await root.request('POST', '/__mock/systems', { body: { system_key: 'guest-system', clock: 'manual' } });
    });
  });

  it('an ordinary SQLite file as --db of export: refused as not a mock database, its bytes unchanged, no -wal left', () => {
    const folder = mkdtempSync(join(dir, 'case-'));
    const plain = join(folder, 'plain.db');
    edit(plain, "CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT); INSERT INTO notes (body) VALUES ('mine')");
    const before = filesOf(folder);
    expect(refusal(() => exportSystem({ db: plain, key: 'x', out: join(folder, 'px.db') }))).toBe(
      `${plain} is not a mock database (no omni-mock schema in it)`,
    );
    expect(filesOf(folder)).toEqual(before);
    const sqlite = new Database(plain, { readonly: true });
    expect(sqlite.pragma('journal_mode', { simple: true })).toBe('delete');
    sqlite.close();
  });

  it('a text file as --db of export: refused as not an SQLite file, unchanged', () => {
    const folder = mkdtempSync(join(dir, 'case-'));
    const text = join(folder, 'notes.txt');
    writeFileSync(text, 'not a database at all, just text that is long enough to be read by SQLite');
    const before = filesOf(folder);
    expect(refusal(() => exportSystem({ db: text, key: 'x', out: join(folder, 'o.db') }))).toMatch(
      new RegExp(`^${text} is not a mock database \\(not an SQLite file`),
    );
    expect(filesOf(folder)).toEqual(before);
  });

  it('a mock database from a newer OmniKit: refused, naming both versions, unchanged', () => {
    const { folder, db } = folderWith(base, 'newer.db');
    edit(
      db,
      "INSERT INTO __drizzle_migrations (hash, created_at) VALUES ('from-the-future', 9999999999999); PRAGMA user_version = 99000000",
    );
    const before = filesOf(folder);
    expect(refusal(() => exportSystem({ db, key: 'guest-system', out: join(folder, 'o.db') }))).toMatch(
      new RegExp(
        `^${db} was written by a newer OmniKit \\(omni-mock 99\\.0\\.0, schema \\d+\\) than this one .*: export it with that omni-mock$`,
      ),
    );
    expect(filesOf(folder)).toEqual(before);
  });

  it('a mock database from an older OmniKit: refused with the way to bring it up to date, not migrated behind the back', () => {
    const { folder, db } = folderWith(base, 'older.db');
    edit(db, 'DELETE FROM __drizzle_migrations WHERE created_at = (SELECT max(created_at) FROM __drizzle_migrations)');
    const before = filesOf(folder);
    expect(refusal(() => exportSystem({ db, key: 'guest-system', out: join(folder, 'o.db') }))).toMatch(
      new RegExp(
        `^${db} was written by an older OmniKit .*: open it with this omni-mock once \\(omni-mock --db ${db}, then stop it\\), then export$`,
      ),
    );
    expect(filesOf(folder)).toEqual(before);
  });

  it('a database its mock still runs on: refused, unchanged', async () => {
    const { folder, db } = folderWith(base, 'running.db');
    const mock = await createMockOmni({ db, clock: 'manual', logger: quiet });
    try {
      const before = filesOf(folder);
      expect(refusal(() => exportSystem({ db, key: 'guest-system', out: join(folder, 'o.db') }))).toMatch(
        /is in use|stop the mock/,
      );
      expect(filesOf(folder)).toEqual(before);
    } finally {
      await mock.close();
    }
  });

  it('an export without --remove leaves the source byte for byte as it was', () => {
    const { folder, db } = folderWith(base, 'source.db');
    const before = filesOf(folder);
    exportSystem({ db, key: 'guest-system', out: join(dir, 'guest-out.db') });
    expect(filesOf(folder)).toEqual(before);
  });

  it('an in-memory database keeps nothing: refused as --db of import, --db or --out of export', () => {
    const { folder, db } = folderWith(base, 'kept.db');
    const out = join(dir, 'memory-out.db');
    exportSystem({ db, key: 'guest-system', out });
    const before = filesOf(folder);
    const keepsNothing = 'an in-memory database keeps nothing';
    expect(refusal(() => importSystem({ db: ':memory:', from: out }))).toBe(
      `--db :memory: for import: ${keepsNothing}: give a file`,
    );
    expect(refusal(() => exportSystem({ db, key: 'guest-system', out: ':memory:', remove: true }))).toBe(
      `--out :memory: for export: ${keepsNothing}: give a new file`,
    );
    expect(refusal(() => exportSystem({ db: ':memory:', key: 'guest-system', out: join(folder, 'o.db') }))).toBe(
      `--db :memory: for export: ${keepsNothing}: give the file of a mock's database`,
    );
    expect(filesOf(folder)).toEqual(before);
  });

  it('a refused import creates no database, and leaves an existing one as it was', () => {
    const folder = mkdtempSync(join(dir, 'case-'));
    const text = join(dir, 'import-from.txt');
    writeFileSync(text, 'not a database at all, just text that is long enough to be read by SQLite');
    const fresh = join(folder, 'new2.db');
    // Two systems (a mock's database, not an export), a text file, a file from a newer OmniKit.
    const newer = join(dir, 'newer-export.db');
    exportSystem({ db: base, key: 'guest-system', out: newer });
    edit(newer, "INSERT INTO __drizzle_migrations (hash, created_at) VALUES ('from-the-future', 9999999999999)");
    const cases: [string, RegExp][] = [
      [base, /^.* holds 2 systems: import takes a file of omni-mock system export \(one system\)$/],
      [text, /^.* is not a file of omni-mock system export \(not an SQLite file/],
      [newer, /^.* was written by a newer OmniKit .*: import it with that omni-mock$/],
    ];
    for (const [from, message] of cases) {
      expect(refusal(() => importSystem({ db: fresh, from }))).toMatch(message);
      expect(readdirSync(folder)).toEqual([]);
    }
    const existing = join(folder, 'existing.db');
    copyFileSync(base, existing);
    const before = filesOf(folder);
    for (const [from, message] of cases) {
      expect(refusal(() => importSystem({ db: existing, from }))).toMatch(message);
      expect(filesOf(folder)).toEqual(before);
    }
  });

  it('an ordinary SQLite file as --db of import: refused, unchanged', () => {
    const folder = mkdtempSync(join(dir, 'case-'));
    const plain = join(folder, 'plain.db');
    edit(plain, "CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT); INSERT INTO notes (body) VALUES ('mine')");
    const from = join(dir, 'guest-for-plain.db');
    exportSystem({ db: base, key: 'guest-system', out: from });
    const before = filesOf(folder);
    expect(refusal(() => importSystem({ db: plain, from }))).toBe(
      `${plain} is not a mock database (it holds other tables): give a mock's database, or a new file, as --db`,
    );
    expect(filesOf(folder)).toEqual(before);
  });
});
