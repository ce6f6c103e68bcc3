import type Database from 'better-sqlite3';
import type { CallStore, StoredCall } from '../engine/calls/call-store.js';
import { CALL_COLUMNS, type CallRow, fromCallRecordRow, toCallRecordRow } from './call-columns.js';

const SELECT = `SELECT ${CALL_COLUMNS.map(([c, f]) => `${c} AS ${f}`).join(', ')} FROM calls`;

function toCall(r: CallRow): StoredCall {
  return {
    ...fromCallRecordRow(r),
    linkedCallId: r.linkedCallId,
    recordedMs: r.recordedMs,
    recordingSince: r.recordingSince,
    notes: r.notes,
    callbackAt: r.callbackAt,
  };
}

function toRow(systemId: number, c: StoredCall): CallRow {
  return {
    systemId,
    ...toCallRecordRow(c),
    linkedCallId: c.linkedCallId,
    recordedMs: c.recordedMs,
    recordingSince: c.recordingSince,
    notes: c.notes,
    callbackAt: c.callbackAt,
  };
}

/** Calls on raw prepared statements: a call is read and written whole at every step of its machine. */
export function createCallRepository(sqlite: Database.Database): CallStore {
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
      insert.run(toRow(systemId, call));
    },
    update: (systemId, call) => {
      update.run(toRow(systemId, call));
    },
    get(systemId, callId) {
      const r = get.get(systemId, callId);
      return r ? toCall(r) : undefined;
    },
    findByRecordingFile(systemId, file) {
      if (file === '') return undefined;
      const r = byFile.get(systemId, file);
      return r ? toCall(r) : undefined;
    },
  };
}
