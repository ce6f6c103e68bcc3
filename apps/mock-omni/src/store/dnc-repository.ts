import { and, asc, eq, sql } from 'drizzle-orm';
import type { DncStore } from '../engine/ports.js';
import type { Db } from './create-db.js';
import { dncNumbers } from './schema/index.js';

export function createDncRepository(db: Db): DncStore {
  const has = db
    .select({ n: dncNumbers.phoneNumber })
    .from(dncNumbers)
    .where(
      and(eq(dncNumbers.systemId, sql.placeholder('systemId')), eq(dncNumbers.phoneNumber, sql.placeholder('phone'))),
    )
    .prepare();
  const add = db
    .insert(dncNumbers)
    .values({
      systemId: sql.placeholder('systemId'),
      phoneNumber: sql.placeholder('phone'),
      addedAt: sql.placeholder('at'),
    })
    .onConflictDoNothing()
    .prepare();
  return {
    add(systemId, phones, at) {
      let added = 0;
      for (const phone of phones) added += add.run({ systemId, phone, at }).changes;
      return added;
    },
    remove(systemId, phone) {
      return db
        .delete(dncNumbers)
        .where(and(eq(dncNumbers.systemId, systemId), eq(dncNumbers.phoneNumber, phone)))
        .run().changes;
    },
    has: (systemId, phone) => has.get({ systemId, phone }) !== undefined,
    list: (systemId) =>
      db
        .select({ n: dncNumbers.phoneNumber })
        .from(dncNumbers)
        .where(eq(dncNumbers.systemId, systemId))
        .orderBy(asc(dncNumbers.phoneNumber))
        .all()
        .map((r) => r.n),
  };
}
