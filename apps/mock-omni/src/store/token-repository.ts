import type Database from 'better-sqlite3';
import type { TokenRecord, TokenStore } from '../engine/ports.js';

interface Row {
  token_hash: Buffer;
  system_id: number;
  user_id: number;
  issued_at: number;
  expires_at: number;
}

/** The token store, plus what keeps its in-memory index and cache right (wired in create-stores). */
export interface CachedTokenStore extends TokenStore {
  /** A system's tokens were deleted (reset, system deleted): forget them. */
  forget(systemId: number): void;
  /** A transaction rolled back: forget what memory holds, to be read again from the table. */
  clear(): void;
}

/** Tokens held in memory at most; beyond, the cache starts again (tokens are cheap to re-read). */
const CACHE_LIMIT = 10_000;

const HEX_SHA256 = /^[0-9a-f]{64}$/;

/**
 * Tokens by hash. The table appends a row per token (`token_id`, the rowid), and the lookup by
 * hash goes through an in-memory index, digest → `token_id`, over every row: an SQL index
 * on the digest would take each new token at a random place of its B-tree, and a commit then
 * writes one page per token authorized in the turn (`npm run bench:http`: authorize fell from 80%
 * to 68% of the baseline's inserts as the table grew to 700,000 tokens; appended, it holds 96%).
 * The index is read from the table on first use (about 2 s a million tokens; 85 bytes of heap a
 * token), kept up to date by `insert`, and read again after a rollback or a system's wipe
 * (`clear`, `forget`). A lookup checks the row's digest, so an entry left by a command undone by its
 * savepoint (whose `token_id` may be taken again) never answers for another token.
 *
 * Found tokens are cached too (a client sends its token on every request). A token row never
 * changes once written; expiry is not cached: the verifier checks it against the system's clock.
 * The engine speaks lower-case hex; the table holds the digest's 32 bytes.
 */
export function createTokenRepository(sqlite: Database.Database): CachedTokenStore {
  const insert = sqlite.prepare<[Buffer, number, number, number, number]>(
    'INSERT INTO tokens (token_hash, system_id, user_id, issued_at, expires_at) VALUES (?, ?, ?, ?, ?)',
  );
  const byId = sqlite.prepare<[number], Row>(
    'SELECT token_hash, system_id, user_id, issued_at, expires_at FROM tokens WHERE token_id = ?',
  );
  const everyDigest = sqlite.prepare<[], [number, Buffer]>('SELECT token_id, token_hash FROM tokens').raw();
  let index: Map<string, number> | undefined;
  const indexed = (): Map<string, number> => {
    if (index) return index;
    const built = new Map<string, number>();
    // Keyed by the digest's 32 bytes as a one-byte string: 85 bytes of heap a token (measured),
    // against 116 for its 64 hex characters.
    for (const [id, digest] of everyDigest.iterate()) built.set(digest.toString('latin1'), id);
    index = built;
    return built;
  };
  const cache = new Map<string, TokenRecord>();
  return {
    insert: (t) => {
      if (!HEX_SHA256.test(t.tokenHash)) throw new Error('a token is stored by its SHA-256 in lower-case hex');
      const digest = Buffer.from(t.tokenHash, 'hex');
      const digests = indexed();
      const key = digest.toString('latin1');
      const id = digests.get(key);
      // Only a stale entry (its row undone) may share a digest: a live one is a duplicate token.
      if (id !== undefined && byId.get(id)?.token_hash.equals(digest)) {
        throw new Error('a token with this SHA-256 is already stored');
      }
      const { lastInsertRowid } = insert.run(digest, t.systemId, t.userId, t.issuedAt, t.expiresAt);
      digests.set(key, Number(lastInsertRowid));
    },
    findByHash(hash): TokenRecord | undefined {
      const cached = cache.get(hash);
      if (cached) return cached;
      // Only lower-case hex names a digest (Buffer.from would read other text loosely).
      if (!HEX_SHA256.test(hash)) return undefined;
      const digest = Buffer.from(hash, 'hex');
      const id = indexed().get(digest.toString('latin1'));
      if (id === undefined) return undefined;
      const r = byId.get(id);
      if (!r?.token_hash.equals(digest)) return undefined;
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
    forget(systemId) {
      index = undefined;
      for (const [hash, t] of cache) if (t.systemId === systemId) cache.delete(hash);
    },
    clear: () => {
      index = undefined;
      cache.clear();
    },
  };
}
