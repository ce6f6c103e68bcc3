import type Database from 'better-sqlite3';
import type { TokenRecord, TokenStore } from '../engine/ports.js';

interface Row {
  token_hash: Buffer;
  system_id: number;
  user_id: number;
  issued_at: number;
  expires_at: number;
}

/** The token store, plus what keeps its in-memory cache right (wired in create-stores). */
export interface CachedTokenStore extends TokenStore {
  /** A system's tokens were deleted (reset, system deleted): forget them. */
  forget(systemId: number): void;
  /** Forget every cached token (a transaction rolled back). */
  clear(): void;
}

/** Tokens held in memory at most; beyond, the cache starts again (tokens are cheap to re-read). */
const CACHE_LIMIT = 10_000;

/**
 * Tokens by hash: raw prepared statements, as this lookup runs on every authenticated request,
 * and a cache of the tokens found, so a client's token is read from SQLite once. A token row never
 * changes once written; rows leave only with their system's data (`forget`, called by the system
 * repository on reset and delete). A token a client sends was given to it in a committed answer,
 * so a cached row cannot be undone by a rollback; `clear` still runs on one, for callers inside
 * the process. Expiry is not cached: the verifier checks it against the system's clock each time.
 * The table keys a token by the digest's 32 bytes (migration 0008); the engine speaks hex.
 */
const HEX_SHA256 = /^[0-9a-f]{64}$/;

/** The 32 bytes the table keys a token by; undefined when `hash` is not a SHA-256 in lower-case hex. */
function digestOf(hash: string): Buffer | undefined {
  return HEX_SHA256.test(hash) ? Buffer.from(hash, 'hex') : undefined;
}

export function createTokenRepository(sqlite: Database.Database): CachedTokenStore {
  const insert = sqlite.prepare(
    'INSERT INTO tokens (token_hash, system_id, user_id, issued_at, expires_at) VALUES (?, ?, ?, ?, ?)',
  );
  const find = sqlite.prepare<[Buffer], Row>(
    'SELECT token_hash, system_id, user_id, issued_at, expires_at FROM tokens WHERE token_hash = ?',
  );
  const cache = new Map<string, TokenRecord>();
  return {
    insert: (t) => {
      const digest = digestOf(t.tokenHash);
      if (!digest) throw new Error('a token is stored by its SHA-256 in lower-case hex');
      insert.run(digest, t.systemId, t.userId, t.issuedAt, t.expiresAt);
    },
    findByHash(hash): TokenRecord | undefined {
      const cached = cache.get(hash);
      if (cached) return cached;
      const digest = digestOf(hash);
      const r = digest && find.get(digest);
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
    forget(systemId) {
      for (const [hash, t] of cache) if (t.systemId === systemId) cache.delete(hash);
    },
    clear: () => cache.clear(),
  };
}
