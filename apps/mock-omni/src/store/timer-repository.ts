import type Database from 'better-sqlite3';
import type { TimerRecord, TimerStore } from '../engine/ports.js';

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
  const insert = sqlite.prepare<[number, number, string, string, string]>(
    'INSERT INTO timers (system_id, due_at, kind, ref, payload) VALUES (?, ?, ?, ?, ?)',
  );
  // One statement where a read and a delete were two: every timer that runs is taken this way.
  const takeNextDue = sqlite.prepare<[number, number], Row>(
    `DELETE FROM timers WHERE timer_id = (
       SELECT timer_id FROM timers WHERE system_id = ? AND due_at <= ? ORDER BY due_at, timer_id LIMIT 1
     ) RETURNING ${COLUMNS}`,
  );
  const earliest = sqlite.prepare<[number], Row>(
    `SELECT ${COLUMNS} FROM timers WHERE system_id = ? ORDER BY due_at, timer_id LIMIT 1`,
  );
  const remove = sqlite.prepare<[number]>('DELETE FROM timers WHERE timer_id = ?');
  const cancel = sqlite.prepare<[number, string, string]>(
    'DELETE FROM timers WHERE system_id = ? AND kind = ? AND ref = ?',
  );
  const count = sqlite.prepare<[number], { n: number }>('SELECT COUNT(*) AS n FROM timers WHERE system_id = ?');
  const systems = sqlite.prepare<[], { id: number }>('SELECT DISTINCT system_id AS id FROM timers');
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
