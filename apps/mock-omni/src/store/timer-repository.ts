import type Database from 'better-sqlite3';
import type { TimerRecord, TimerStore } from '../engine/ports.js';
import { prepareUnguarded } from './pending-writes.js';

interface Row {
  timerId: number;
  systemId: number;
  dueAt: number;
  kind: string;
  ref: string;
  payload: string;
}

const toRecord = (r: Row): TimerRecord => ({ ...r, payload: JSON.parse(r.payload) as unknown });
const COLUMNS = 'timer_id AS timerId, system_id AS systemId, due_at AS dueAt, kind, ref, payload';

/**
 * Timers on raw prepared statements: every call sets, cancels and runs several of them, so the
 * statements are prepared once (a query built per call cost more than the work it did).
 */
export function createTimerRepository(sqlite: Database.Database): TimerStore {
  const insert = prepareUnguarded<[number, number, string, string, string]>(
    sqlite,
    'INSERT INTO timers (system_id, due_at, kind, ref, payload) VALUES (?, ?, ?, ?, ?)',
  );
  // One statement where a read and a delete were two: every timer that runs is taken this way.
  const takeNextDue = prepareUnguarded<[number, number], Row>(
    sqlite,
    `DELETE FROM timers WHERE timer_id = (
       SELECT timer_id FROM timers WHERE system_id = ? AND due_at <= ? ORDER BY due_at, timer_id LIMIT 1
     ) RETURNING ${COLUMNS}`,
  );
  const earliest = prepareUnguarded<[number], Row>(
    sqlite,
    `SELECT ${COLUMNS} FROM timers WHERE system_id = ? ORDER BY due_at, timer_id LIMIT 1`,
  );
  const remove = prepareUnguarded<[number]>(sqlite, 'DELETE FROM timers WHERE timer_id = ?');
  const cancel = prepareUnguarded<[number, string, string]>(
    sqlite,
    'DELETE FROM timers WHERE system_id = ? AND kind = ? AND ref = ?',
  );
  const count = prepareUnguarded<[number], { n: number }>(
    sqlite,
    'SELECT COUNT(*) AS n FROM timers WHERE system_id = ?',
  );
  const systems = prepareUnguarded<[], { id: number }>(sqlite, 'SELECT DISTINCT system_id AS id FROM timers');
  return {
    insert: (t) =>
      Number(insert.run(t.systemId, t.dueAt, t.kind, t.ref, JSON.stringify(t.payload ?? null)).lastInsertRowid),
    takeNextDue(systemId, upTo) {
      const r = takeNextDue.get(systemId, upTo);
      return r ? toRecord(r) : undefined;
    },
    earliest(systemId) {
      const r = earliest.get(systemId);
      return r ? toRecord(r) : undefined;
    },
    delete: (timerId) => remove.run(timerId).changes > 0,
    cancel: (systemId, kind, ref) => cancel.run(systemId, kind, ref).changes,
    count: (systemId) => count.get(systemId)?.n ?? 0,
    systemsWithTimers: () => systems.all().map((r) => r.id),
  };
}
