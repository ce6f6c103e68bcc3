import type Database from 'better-sqlite3';
import type { CallStore } from '../engine/calls/call-store.js';
import { CALL_COLUMNS, type CallRow, fromCallRow } from './call-columns.js';
import { callRowCacheOf } from './call-row-cache.js';
import { callRowWritten } from './dialler-state-mirror.js';

const SELECT = `SELECT ${CALL_COLUMNS.map(([c, f]) => `${c} AS ${f}`).join(', ')} FROM calls`;

/**
 * Calls on raw prepared statements: a call is read and written whole at every step of its machine. Its row is written
 * and read through store/call-row-cache.ts, which holds a turn's writes of it until the COMMIT and keeps the call last
 * written or read in memory, so its next step neither writes nor reads it back.
 */
export function createCallRepository(sqlite: Database.Database): CallStore {
  const cache = callRowCacheOf(sqlite);
  // Not hot: prepared with the read barrier, which writes the held rows first.
  const byFile = sqlite.prepare<[number, string], CallRow>(
    `${SELECT} WHERE system_id = ? AND recording_file = ? ORDER BY call_id LIMIT 1`,
  );
  return {
    insert: (systemId, call) => {
      cache.insert(systemId, call);
      callRowWritten(sqlite, systemId, call);
    },
    update: (systemId, call) => {
      cache.update(systemId, call);
      callRowWritten(sqlite, systemId, call);
    },
    get: (systemId, callId) => cache.get(systemId, callId),
    findByRecordingFile(systemId, file) {
      if (file === '') return undefined;
      const r = byFile.get(systemId, file);
      return r ? fromCallRow(r) : undefined;
    },
  };
}
