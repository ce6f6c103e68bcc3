import type Database from 'better-sqlite3';
import type { TokenRecord, TokenRevocation, TokenStore } from '../engine/ports.js';
import { TokenDigestIndex } from './token-digest-index.js';

interface Row {
  token_hash: Buffer;
  system_id: number;
  user_id: number;
  issued_at: number;
  expires_at: number;
}

/** The token store, plus what keeps its in-memory index and cache right (wired in create-stores). */
export interface CachedTokenStore extends TokenStore {
  /** A system's tokens were deleted (reset, system deleted): forget the cached ones. */
  forget(systemId: number): void;
  /** A transaction rolled back: forget the cached tokens, to be read again from the table. */
  clear(): void;
}

interface RevocationRow {
  system_id: number;
  user_id: number;
  revoked_through: number;
  kept_hash: Buffer;
}

/** Rows read by one statement when the index is read. */
const CHUNK = 65_536;

/**
 * Every row's key into the index: 65,536 rows a statement, each as 24 hex digits (its id, then
 * its digest's first 8 bytes) in one string. A row at a time, through a Buffer a row, took five
 * times as long (5.2 s against 1.0 s for 1.2 million tokens on a busy machine).
 */
function readIndex(sqlite: Database.Database, index: TokenDigestIndex): void {
  const chunk = sqlite
    .prepare<[number], [string | null, number | null]>(
      `SELECT group_concat(printf('%08X', token_id) || hex(substr(token_hash, 1, 8)), ''), max(token_id)
       FROM (SELECT token_id, token_hash FROM tokens WHERE token_id > ? ORDER BY token_id LIMIT ${CHUNK})`,
    )
    .raw();
  let after = 0;
  for (;;) {
    const [keys, last] = chunk.get(after) ?? [null, null];
    if (keys === null || last === null) return;
    for (let i = 0; i < keys.length; i += 24) {
      const id = Number.parseInt(keys.slice(i, i + 8), 16);
      index.addKey(Number.parseInt(keys.slice(i + 8, i + 16), 16), Number.parseInt(keys.slice(i + 16, i + 24), 16), id);
    }
    after = last;
  }
}

/** Tokens held in memory at most; beyond, the cache starts again (tokens are cheap to re-read). */
const CACHE_LIMIT = 10_000;

const HEX_SHA256 = /^[0-9a-f]{64}$/;

/**
 * Tokens by hash. The table appends a row per token (`token_id`, the rowid), and the lookup by
 * hash goes through an in-memory index, digest → `token_id`, over every row (token-digest-index.ts):
 * an SQL index on the digest would take each new token at a random place of its B-tree, and a
 * commit then writes one page per token authorized in the turn (`npm run bench:http`: authorize fell
 * from 80% to 68% of the baseline's inserts as the table grew to 700,000 tokens; appended, it holds
 * 96%). The index is read from the table when the repository is made — at start-up, about 1 s a
 * million tokens, never later: read lazily, the first request after a restart rebuilt it while
 * every request waited (2.5 s on 1.2 million tokens), and so did the first after a rollback or a
 * system's wipe. It is kept up to date by `insert`; what a rollback or a wipe leaves in it is
 * harmless, as a lookup checks the row's digest, so an entry left by a command undone by its
 * savepoint (whose `token_id` may be taken again) never answers for another token.
 *
 * Found tokens are cached too (a client sends its token on every request). A token row never
 * changes once written; expiry is not cached: the verifier checks it against the system's clock.
 * The engine speaks lower-case hex; the table holds the digest's 32 bytes.
 *
 * Revocations (`tokens=revoke-older`, one row per user in `token_revocations`) are read from their table, the truth,
 * but only for the users that may have one: a set of them is read at start and grows with each revocation (a
 * revocation rolled back leaves its user in the set, which costs one lookup that finds nothing), so a system that
 * never revokes pays one set lookup per request.
 */
export function createTokenRepository(sqlite: Database.Database): CachedTokenStore {
  const insert = sqlite.prepare<[Buffer, number, number, number, number]>(
    'INSERT INTO tokens (token_hash, system_id, user_id, issued_at, expires_at) VALUES (?, ?, ?, ?, ?)',
  );
  const byId = sqlite.prepare<[number], Row>(
    'SELECT token_hash, system_id, user_id, issued_at, expires_at FROM tokens WHERE token_id = ?',
  );
  const { n } = sqlite.prepare('SELECT count(*) AS n FROM tokens').get() as { n: number };
  const index = new TokenDigestIndex(n);
  readIndex(sqlite, index);
  /** The live row of a digest: an entry whose row holds another digest (or none) is stale. */
  const rowOf = (digest: Buffer): Row | undefined => {
    let row: Row | undefined;
    index.find(digest, (id) => {
      const r = byId.get(id);
      if (!r?.token_hash.equals(digest)) return false;
      row = r;
      return true;
    });
    return row;
  };
  /** The `token_id` of a stored token (its place in the order tokens were issued), by its hash. */
  const idOf = (hash: string): number | undefined => {
    if (!HEX_SHA256.test(hash)) return undefined;
    const digest = Buffer.from(hash, 'hex');
    return index.find(digest, (id) => byId.get(id)?.token_hash.equals(digest) === true);
  };
  const cache = new Map<string, TokenRecord>();
  const upsertRevocation = sqlite.prepare<[number, number, number, Buffer]>(
    `INSERT INTO token_revocations (system_id, user_id, revoked_through, kept_hash) VALUES (?, ?, ?, ?)
     ON CONFLICT (system_id, user_id) DO UPDATE SET revoked_through = excluded.revoked_through,
       kept_hash = excluded.kept_hash`,
  );
  const revocationOf = sqlite.prepare<[number, number], RevocationRow>(
    'SELECT system_id, user_id, revoked_through, kept_hash FROM token_revocations WHERE system_id = ? AND user_id = ?',
  );
  const revokedUsers = new Set<string>();
  const userKey = (systemId: number, userId: number) => `${systemId}:${userId}`;
  for (const r of sqlite
    .prepare<[], { system_id: number; user_id: number }>('SELECT system_id, user_id FROM token_revocations')
    .all())
    revokedUsers.add(userKey(r.system_id, r.user_id));
  return {
    insert: (t) => {
      if (!HEX_SHA256.test(t.tokenHash)) throw new Error('a token is stored by its SHA-256 in lower-case hex');
      const digest = Buffer.from(t.tokenHash, 'hex');
      if (rowOf(digest) !== undefined) throw new Error('a token with this SHA-256 is already stored');
      const { lastInsertRowid } = insert.run(digest, t.systemId, t.userId, t.issuedAt, t.expiresAt);
      index.add(digest, Number(lastInsertRowid));
    },
    findByHash(hash): TokenRecord | undefined {
      const cached = cache.get(hash);
      if (cached) return cached;
      // Only lower-case hex names a digest (Buffer.from would read other text loosely).
      if (!HEX_SHA256.test(hash)) return undefined;
      const digest = Buffer.from(hash, 'hex');
      const r = rowOf(digest);
      if (!r) return undefined;
      const record: TokenRecord = Object.freeze({
        tokenHash: hash,
        systemId: r.system_id,
        userId: r.user_id,
        issuedAt: r.issued_at,
        expiresAt: r.expires_at,
      });
      if (cache.size >= CACHE_LIMIT) cache.clear();
      cache.set(hash, record);
      return record;
    },
    revokeOlder(r: TokenRevocation) {
      if (!HEX_SHA256.test(r.keptHash)) throw new Error('a token is kept by its SHA-256 in lower-case hex');
      upsertRevocation.run(r.systemId, r.userId, r.revokedThrough, Buffer.from(r.keptHash, 'hex'));
      revokedUsers.add(userKey(r.systemId, r.userId));
    },
    revocation(systemId, userId): TokenRevocation | undefined {
      if (!revokedUsers.has(userKey(systemId, userId))) return undefined;
      const r = revocationOf.get(systemId, userId);
      return r
        ? { systemId, userId, revokedThrough: r.revoked_through, keptHash: r.kept_hash.toString('hex') }
        : undefined;
    },
    issuedBefore(aHash, bHash) {
      // Rows are appended as tokens are issued: a later token always gets a larger `token_id` than every stored one.
      const a = idOf(aHash);
      const b = idOf(bHash);
      return a === undefined || b === undefined ? undefined : a < b;
    },
    forget(systemId) {
      for (const [hash, t] of cache) if (t.systemId === systemId) cache.delete(hash);
    },
    clear: () => {
      cache.clear();
    },
  };
}
