import type Database from 'better-sqlite3';
import type { CallStore } from '../engine/calls/call-store.js';
import { CALL_COLUMNS, type CallRow, fromCallRow, toCallRow } from './call-columns.js';
import { callRowCacheOf } from './call-row-cache.js';
import { callRowWritten } from './dialler-state-mirror.js';

const SELECT = `SELECT ${CALL_COLUMNS.map(([c, f]) => `${c} AS ${f}`).join(', ')} FROM calls`;

/**
 * Calls on raw prepared statements: a call is read and written whole at every step of its machine. The call last
 * written or read is kept in memory (store/call-row-cache.ts), so its next step does not read it back.
 */
export function createCallRepository(sqlite: Database.Database): CallStore {
  const cache = callRowCacheOf(sqlite);
  const insert = sqlite.prepare<[CallRow]>(
    `INSERT INTO calls (${CALL_COLUMNS.map(([c]) => c).join(', ')}) VALUES (${CALL_COLUMNS.map(([, f]) => `@${f}`).join(', ')})`,
  );
  const update = sqlite.prepare<[CallRow]>(
    `UPDATE calls SET ${CALL_COLUMNS.filter(([, f]) => f !== 'systemId' && f !== 'callId')
      .map(([c, f]) => `${c} = @${f}`)
      .join(', ')} WHERE system_id = @systemId AND call_id = @callId`,
  );
  const get = sqlite.prepare<[number, number], CallRow>(`${SELECT} WHERE system_id = ? AND call_id = ?`);
  const byFile = sqlite.prepare<[number, string], CallRow>(
    `${SELECT} WHERE system_id = ? AND recording_file = ? ORDER BY call_id LIMIT 1`,
  );
  return {
    insert: (systemId, call) => {
      insert.run(toCallRow(systemId, call));
      cache.set(systemId, call);
      callRowWritten(sqlite, systemId, call.callId);
    },
    update: (systemId, call) => {
      if (update.run(toCallRow(systemId, call)).changes > 0) cache.set(systemId, call);
      else cache.drop(systemId, call.callId);
      callRowWritten(sqlite, systemId, call.callId);
    },
    get(systemId, callId) {
      const kept = cache.get(systemId, callId);
      if (kept) return kept;
      const r = get.get(systemId, callId);
      return r ? cache.set(systemId, fromCallRow(r)) : undefined;
    },
    findByRecordingFile(systemId, file) {
      if (file === '') return undefined;
      const r = byFile.get(systemId, file);
      return r ? fromCallRow(r) : undefined;
    },
  };
}
