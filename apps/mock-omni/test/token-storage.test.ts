import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { afterAll, describe, expect, it } from 'vitest';
import { createDb, MIGRATIONS_FOLDER } from '../src/store/create-db.js';
import { createTokenRepository } from '../src/store/token-repository.js';
import { startMock } from './support/omni-client.js';

/**
 * How tokens sit in SQLite (B.3: only their SHA-256, looked up by it): keyed by the digest's 32
 * bytes in a WITHOUT ROWID table (migration 0008), and never the token itself, in the database file
 * or its WAL.
 */
const dir = mkdtempSync(join(tmpdir(), 'omni-tokens-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const sha256 = (text: string) => createHash('sha256').update(text).digest();

describe('token storage', () => {
  it('keeps only the 32-byte SHA-256 of a token: the token is nowhere in the file or its WAL', async () => {
    const db = join(dir, 'live.db');
    const { mock, client } = await startMock({ db });
    try {
      const token = await client.login('agent3');
      const digest = sha256(token);
      // The mock holds its file exclusively (no second connection while it runs): read the bytes.
      const bytes = Buffer.concat([db, `${db}-wal`].filter(existsSync).map((f) => readFileSync(f)));
      expect(bytes.includes(Buffer.from(token))).toBe(false);
      expect(bytes.includes(Buffer.from(digest.toString('hex')))).toBe(false);
      expect(bytes.includes(digest)).toBe(true);
      const row = mock.services.stores.tokens.findByHash(digest.toString('hex'));
      expect(row?.userId).toBe(3);
    } finally {
      await mock.close();
    }
    const open = new Database(db, { readonly: true });
    const rows = open.prepare('SELECT token_hash, user_id FROM tokens').all() as {
      token_hash: Buffer;
      user_id: number;
    }[];
    const table = open.prepare("SELECT wr FROM pragma_table_list WHERE name = 'tokens'").get() as { wr: number };
    open.close();
    expect(table.wr).toBe(1);
    expect(rows.some((r) => Buffer.isBuffer(r.token_hash) && r.token_hash.length === 32 && r.user_id === 3)).toBe(true);
  });

  it('finds nothing for a hash that is not lower-case hex SHA-256, and refuses to store one', () => {
    const open = createDb(':memory:');
    try {
      open.sqlite
        .prepare(
          `INSERT INTO systems (system_key, is_default, seed, clock_mode, clock_scale, clock_virtual_anchor,
             clock_wall_anchor, clock_start, office_hours, token_lifetime_ms, created_at)
           VALUES ('k', 1, 1, 'manual', 1, 0, 0, 0, '{}', 1, 0)`,
        )
        .run();
      const tokens = createTokenRepository(open.sqlite);
      const hex = sha256('t').toString('hex');
      tokens.insert({ tokenHash: hex, systemId: 1, userId: 1, issuedAt: 0, expiresAt: 10 });
      expect(tokens.findByHash(hex)?.userId).toBe(1);
      for (const bad of [hex.toUpperCase(), hex.slice(0, 62), `${hex}00`, 't', ''])
        expect(tokens.findByHash(bad)).toBeUndefined();
      expect(() => tokens.insert({ tokenHash: 'not-hex', systemId: 1, userId: 1, issuedAt: 0, expiresAt: 10 })).toThrow(
        /SHA-256/,
      );
    } finally {
      open.close();
    }
  });

  it('migration 0008 carries the tokens of an older database over (hex → bytes)', () => {
    const old = join(dir, 'up-to-0007');
    cpSync(MIGRATIONS_FOLDER, old, { recursive: true });
    const journalPath = join(old, 'meta', '_journal.json');
    const journal = JSON.parse(readFileSync(journalPath, 'utf8')) as { entries: { idx: number }[] };
    journal.entries = journal.entries.filter((e) => e.idx < 8);
    writeFileSync(journalPath, JSON.stringify(journal));

    const file = join(dir, 'migrated.db');
    const sqlite = new Database(file);
    migrate(drizzle(sqlite), { migrationsFolder: old });
    sqlite
      .prepare(
        `INSERT INTO systems (system_key, is_default, seed, clock_mode, clock_scale, clock_virtual_anchor,
           clock_wall_anchor, clock_start, office_hours, token_lifetime_ms, created_at)
         VALUES ('k', 1, 1, 'manual', 1, 0, 0, 0, '{}', 1, 0)`,
      )
      .run();
    const kept = sha256('kept').toString('hex');
    const other = sha256('other').toString('hex');
    const insert = sqlite.prepare(
      'INSERT INTO tokens (token_hash, system_id, user_id, issued_at, expires_at) VALUES (?, 1, ?, ?, ?)',
    );
    insert.run(kept, 2, 100, 200);
    insert.run(other, 4, 300, 400);
    sqlite.close();

    const open = createDb(file);
    try {
      const tokens = createTokenRepository(open.sqlite);
      expect(tokens.findByHash(kept)).toEqual({
        tokenHash: kept,
        systemId: 1,
        userId: 2,
        issuedAt: 100,
        expiresAt: 200,
      });
      expect(tokens.findByHash(other)).toEqual({
        tokenHash: other,
        systemId: 1,
        userId: 4,
        issuedAt: 300,
        expiresAt: 400,
      });
      expect(open.sqlite.prepare('SELECT count(*) AS n FROM tokens').get()).toEqual({ n: 2 });
      expect(open.sqlite.prepare("SELECT wr FROM pragma_table_list WHERE name = 'tokens'").get()).toEqual({ wr: 1 });
    } finally {
      open.close();
    }
  });
});
