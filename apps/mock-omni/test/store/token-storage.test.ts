/**
 * How tokens sit in SQLite (B.3: only their SHA-256, looked up by it): the digest's 32 bytes in rows appended in issue
 * order (migration 0008), found through the repository's in-memory index of digests, and never the token itself, in
 * the database file or its WAL.
 *
 * @module
 */

import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { createDb } from '../../src/store/create-db.js';
import { createStores } from '../../src/store/create-stores.js';
import { type CachedTokenStore, createTokenRepository } from '../../src/store/token-repository.js';
import { databaseBefore, insertSystems } from '../support/old-database.js';
import { startMock } from '../support/omni-client.js';

const dir = mkdtempSync(join(tmpdir(), 'omni-tokens-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const sha256 = (text: string) => createHash('sha256').update(text).digest();

/** An in-memory database with `n` systems (ids 1…n). */
function withSystems(n: number) {
  const open = createDb(':memory:');
  insertSystems(open.sqlite, n);
  return open;
}

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
    const indexes = open.prepare("SELECT name FROM pragma_index_list('tokens')").all();
    open.close();
    // No SQL index on the digest (the in-memory one serves lookups): only the system's, for resets.
    expect(indexes).toEqual([{ name: 'tokens_system_idx' }]);
    expect(rows.some((r) => Buffer.isBuffer(r.token_hash) && r.token_hash.length === 32 && r.user_id === 3)).toBe(true);
  });

  it('finds nothing for a hash that is not lower-case hex SHA-256, and refuses to store one', () => {
    const open = withSystems(1);
    try {
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

  it('a token undone with its command is not found, even once its token_id is taken by another', () => {
    const open = withSystems(2);
    try {
      const stores = createStores(open);
      const tokens = stores.tokens;
      const undone = sha256('undone').toString('hex');
      const next = sha256('next').toString('hex');
      stores.tx.run(() => {
        expect(() =>
          stores.tx.run(() => {
            tokens.insert({ tokenHash: undone, systemId: 1, userId: 1, issuedAt: 0, expiresAt: 10 });
            throw new Error('the command fails after its insert');
          }),
        ).toThrow(/fails/);
        expect(tokens.findByHash(undone)).toBeUndefined();
        tokens.insert({ tokenHash: next, systemId: 1, userId: 2, issuedAt: 0, expiresAt: 10 });
      });
      stores.tx.flush();
      const ids = open.sqlite.prepare('SELECT token_id, token_hash FROM tokens').all() as {
        token_id: number;
        token_hash: Buffer;
      }[];
      // The undone row's token_id went to the next token: the stale index entry must not answer.
      expect(ids.map((r) => [r.token_id, r.token_hash.toString('hex')])).toEqual([[1, next]]);
      expect(tokens.findByHash(undone)).toBeUndefined();
      expect(tokens.findByHash(next)?.userId).toBe(2);
      // And the undone digest may be stored afterwards (it is not a duplicate of anything live).
      tokens.insert({ tokenHash: undone, systemId: 1, userId: 3, issuedAt: 0, expiresAt: 10 });
      expect(tokens.findByHash(undone)?.userId).toBe(3);
    } finally {
      open.close();
    }
  });

  it('refuses a second row for a stored digest and keeps the first', () => {
    const open = withSystems(1);
    try {
      const tokens = createTokenRepository(open.sqlite);
      const hex = sha256('once').toString('hex');
      tokens.insert({ tokenHash: hex, systemId: 1, userId: 1, issuedAt: 0, expiresAt: 10 });
      expect(() => tokens.insert({ tokenHash: hex, systemId: 1, userId: 5, issuedAt: 1, expiresAt: 11 })).toThrow(
        /already stored/,
      );
      expect(tokens.findByHash(hex)?.userId).toBe(1);
      expect(open.sqlite.prepare('SELECT count(*) AS n FROM tokens').get()).toEqual({ n: 1 });
    } finally {
      open.close();
    }
  });

  it("a system's reset forgets its tokens and keeps the others'; a new repository on the file finds those", () => {
    const file = join(dir, 'reset.db');
    const open = createDb(file);
    const a = sha256('of system 1').toString('hex');
    const b = sha256('of system 2').toString('hex');
    try {
      insertSystems(open.sqlite, 2);
      const stores = createStores(open);
      stores.tokens.insert({ tokenHash: a, systemId: 1, userId: 1, issuedAt: 0, expiresAt: 10 });
      stores.tokens.insert({ tokenHash: b, systemId: 2, userId: 1, issuedAt: 0, expiresAt: 10 });
      expect(stores.tokens.findByHash(a)?.systemId).toBe(1);
      stores.tx.run(() => stores.systems.wipeData(1));
      stores.tx.flush();
      expect(stores.tokens.findByHash(a)).toBeUndefined();
      expect(stores.tokens.findByHash(b)?.systemId).toBe(2);
    } finally {
      open.close();
    }
    const again = createDb(file);
    try {
      const tokens = createTokenRepository(again.sqlite);
      expect(tokens.findByHash(a)).toBeUndefined();
      expect(tokens.findByHash(b)).toEqual({ tokenHash: b, systemId: 2, userId: 1, issuedAt: 0, expiresAt: 10 });
    } finally {
      again.close();
    }
  });

  it('reads the table once, when made: not again after a rollback, a failed commit or a wipe', () => {
    const open = withSystems(2);
    try {
      const prepare = open.sqlite.prepare.bind(open.sqlite);
      let fullReads = 0;
      // Counts every run of a statement that reads the digests of more than one row.
      open.sqlite.prepare = ((source: string) => {
        const statement = prepare(source);
        if (/token_hash/.test(source) && /FROM tokens/.test(source) && !/WHERE token_id = \?$/.test(source)) {
          for (const method of ['get', 'all', 'iterate'] as const) {
            const run = statement[method].bind(statement) as (...args: unknown[]) => unknown;
            Object.assign(statement, {
              [method]: (...args: unknown[]) => {
                fullReads++;
                return run(...args);
              },
            });
          }
        }
        return statement;
      }) as typeof open.sqlite.prepare;
      const stores = createStores(open);
      // An empty table: one statement finds no row.
      expect(fullReads).toBe(1);
      const kept = sha256('kept').toString('hex');
      stores.tokens.insert({ tokenHash: kept, systemId: 2, userId: 1, issuedAt: 0, expiresAt: 10 });
      expect(() =>
        stores.tx.run(() => {
          stores.tokens.insert({
            tokenHash: sha256('undone').toString('hex'),
            systemId: 1,
            userId: 1,
            issuedAt: 0,
            expiresAt: 10,
          });
          throw new Error('the command fails');
        }),
      ).toThrow(/fails/);
      stores.tx.flush();
      // What the group commit does after a failed COMMIT.
      (stores.tokens as CachedTokenStore).clear();
      stores.tx.run(() => stores.systems.wipeData(1));
      stores.tx.flush();
      expect(stores.tokens.findByHash(kept)?.systemId).toBe(2);
      expect(stores.tokens.findByHash(sha256('undone').toString('hex'))).toBeUndefined();
      expect(fullReads).toBe(1);
    } finally {
      open.close();
    }
  });

  it('migration 0008 carries the tokens of an older database over (hex → bytes, in issue order)', () => {
    const file = join(dir, 'migrated.db');
    const sqlite = databaseBefore(dir, 8, file);
    const kept = sha256('kept').toString('hex');
    const other = sha256('other').toString('hex');
    const insert = sqlite.prepare(
      'INSERT INTO tokens (token_hash, system_id, user_id, issued_at, expires_at) VALUES (?, 1, ?, ?, ?)',
    );
    // Inserted out of issue order: the migration appends them by issued_at.
    insert.run(other, 4, 300, 400);
    insert.run(kept, 2, 100, 200);
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
      // Appended in the order the tokens were issued.
      expect(open.sqlite.prepare('SELECT token_id, user_id FROM tokens ORDER BY token_id').all()).toEqual([
        { token_id: 1, user_id: 2 },
        { token_id: 2, user_id: 4 },
      ]);
    } finally {
      open.close();
    }
  });
});

describe('token revocations (tokens=revoke-older)', () => {
  it('outlive a restart, whatever the variation after it, and go with a reset', async () => {
    const db = join(dir, 'revoked.db');
    const first = await startMock({ db, vary: 'tokens=revoke-older' });
    const older = await first.client.login('agent2');
    const newer = await first.client.login('agent2');
    await first.mock.close();
    const again = await startMock({ db });
    try {
      const status = async (token: string) => (await again.client.request('GET', '/omni/users', { token })).status;
      expect([await status(older), await status(newer)]).toEqual([401, 200]);
      expect((await again.client.request('POST', '/__mock/system/reset', { body: {} })).status).toBe(200);
      const open = again.mock.services.stores;
      expect(open.tokens.revocation(1, 2)).toBeUndefined();
    } finally {
      await again.mock.close();
    }
  });

  it('tell tokens of one instant apart by the stored issue order, after a restart too', async () => {
    const db = join(dir, 'same-instant.db');
    const first = await startMock({ db, vary: 'tokens=revoke-older' });
    const older = await first.client.login('agent3');
    const newer = await first.client.login('agent3');
    await first.mock.close();
    // The manual clock stood still across the restart: the next token is issued at the revoking authorize's instant.
    const again = await startMock({ db });
    try {
      const later = await again.client.login('agent3');
      const status = async (token: string) => (await again.client.request('GET', '/omni/users', { token })).status;
      expect([await status(older), await status(newer), await status(later)]).toEqual([401, 200, 200]);
      const { tokens } = again.mock.services.stores;
      const hash = (token: string) => sha256(token).toString('hex');
      expect([tokens.issuedBefore(hash(older), hash(newer)), tokens.issuedBefore(hash(later), hash(newer))]).toEqual([
        true,
        false,
      ]);
      expect(tokens.issuedBefore(hash(older), hash('never issued'))).toBeUndefined();
    } finally {
      await again.mock.close();
    }
  });
});
