import type Database from 'better-sqlite3';
import type { SequenceStore } from '../engine/ports.js';

/** Per-system id counters: one upsert per new id (raw prepared: it runs on every insert). */
export function createSequenceRepository(sqlite: Database.Database): SequenceStore {
  const bump = sqlite.prepare<[number, string], { value: number }>(
    `INSERT INTO sequences (system_id, name, value) VALUES (?, ?, 1)
       ON CONFLICT (system_id, name) DO UPDATE SET value = value + 1
       RETURNING value`,
  );
  return {
    next(systemId, name) {
      const row = bump.get(systemId, name);
      if (!row) throw new Error(`sequence ${name} of system ${systemId} returned nothing`);
      return row.value;
    },
  };
}
