import type Database from 'better-sqlite3';
import type { TokenRecord, TokenStore } from '../engine/ports.js';

interface Row {
  token_hash: string;
  system_id: number;
  user_id: number;
  issued_at: number;
  expires_at: number;
}

/** Tokens by hash: raw prepared statements, as this lookup runs on every authenticated request. */
export function createTokenRepository(sqlite: Database.Database): TokenStore {
  const insert = sqlite.prepare(
    'INSERT INTO tokens (token_hash, system_id, user_id, issued_at, expires_at) VALUES (?, ?, ?, ?, ?)',
  );
  const find = sqlite.prepare<[string], Row>(
    'SELECT token_hash, system_id, user_id, issued_at, expires_at FROM tokens WHERE token_hash = ?',
  );
  return {
    insert: (t) => {
      insert.run(t.tokenHash, t.systemId, t.userId, t.issuedAt, t.expiresAt);
    },
    findByHash(hash): TokenRecord | undefined {
      const r = find.get(hash);
      return r
        ? {
            tokenHash: r.token_hash,
            systemId: r.system_id,
            userId: r.user_id,
            issuedAt: r.issued_at,
            expiresAt: r.expires_at,
          }
        : undefined;
    },
  };
}
