import { sql } from 'drizzle-orm';
import type { SequenceStore } from '../engine/ports.js';
import type { Db } from './create-db.js';
import { sequences } from './schema/index.js';

export function createSequenceRepository(db: Db): SequenceStore {
  const bump = db
    .insert(sequences)
    .values({ systemId: sql.placeholder('systemId'), name: sql.placeholder('name'), value: 1 })
    .onConflictDoUpdate({ target: [sequences.systemId, sequences.name], set: { value: sql`${sequences.value} + 1` } })
    .returning({ value: sequences.value })
    .prepare();
  return {
    next(systemId, name) {
      const row = bump.get({ systemId, name });
      if (!row) throw new Error(`sequence ${name} of system ${systemId} returned nothing`);
      return row.value;
    },
  };
}
