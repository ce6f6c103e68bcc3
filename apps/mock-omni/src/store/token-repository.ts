import { eq, sql } from 'drizzle-orm';
import type { TokenStore } from '../engine/ports.js';
import type { Db } from './create-db.js';
import { tokens } from './schema/index.js';

export function createTokenRepository(db: Db): TokenStore {
  const insert = db
    .insert(tokens)
    .values({
      tokenHash: sql.placeholder('tokenHash'),
      systemId: sql.placeholder('systemId'),
      userId: sql.placeholder('userId'),
      issuedAt: sql.placeholder('issuedAt'),
      expiresAt: sql.placeholder('expiresAt'),
    })
    .prepare();
  const find = db
    .select()
    .from(tokens)
    .where(eq(tokens.tokenHash, sql.placeholder('hash')))
    .prepare();
  return {
    insert: (token) => {
      insert.run({ ...token });
    },
    findByHash: (hash) => find.get({ hash }),
  };
}
