import type Database from 'better-sqlite3';
import type { CalleeOutcome } from '@omnikit/contracts/control';
import type { CallMachineState } from '../engine/calls/call-machine.js';
import type { CallDirection } from '../engine/calls/call-record.js';
import type { TimelineEntry } from '../engine/calls/call-timing.js';
import type { CallStore, StoredCall } from '../engine/calls/call-store.js';
import { CALL_RECORD_COLUMNS, STORED_CALL_EXTRA_COLUMNS } from './call-columns.js';

/** A call as its row holds it: the machine and the timeline as JSON. */
interface Row extends Omit<StoredCall, 'direction' | 'machine' | 'outcome' | 'timeline'> {
  systemId: number;
  direction: string;
  machine: string;
  outcome: string | null;
  timeline: string;
}

/** Every column of `calls`: the system, then the call's (`call_id` second: `update` skips both). */
const COLUMNS: readonly (readonly [column: string, field: keyof Row])[] = [
  ['system_id', 'systemId'],
  ...CALL_RECORD_COLUMNS,
  ...STORED_CALL_EXTRA_COLUMNS,
];

const SELECT = `SELECT ${COLUMNS.map(([c, f]) => `${c} AS ${f}`).join(', ')} FROM calls`;

function toCall(r: Row): StoredCall {
  const { systemId: _, ...rest } = r;
  return {
    ...rest,
    direction: r.direction as CallDirection,
    machine: JSON.parse(r.machine) as CallMachineState,
    outcome: r.outcome as CalleeOutcome | null,
    timeline: JSON.parse(r.timeline) as TimelineEntry[],
  };
}

function toRow(systemId: number, c: StoredCall): Row {
  return {
    systemId,
    callId: c.callId,
    userId: c.userId,
    campaignId: c.campaignId,
    listId: c.listId,
    leadId: c.leadId,
    shotgunId: c.shotgunId,
    parentCallId: c.parentCallId,
    linkedCallId: c.linkedCallId,
    phoneNumber: c.phoneNumber,
    callerId: c.callerId,
    dnis: c.dnis,
    uniqueId: c.uniqueId,
    direction: c.direction,
    callType: c.callType,
    machine: JSON.stringify(c.machine),
    outcome: c.outcome,
    sipCode: c.sipCode,
    dispositionCode: c.dispositionCode,
    recordingFile: c.recordingFile,
    recordedMs: c.recordedMs,
    recordingSince: c.recordingSince,
    timeline: JSON.stringify(c.timeline),
    notes: c.notes,
    callbackAt: c.callbackAt,
  };
}

/** Calls on raw prepared statements: a call is read and written whole at every step of its machine. */
export function createCallRepository(sqlite: Database.Database): CallStore {
  const insert = sqlite.prepare<[Row]>(
    `INSERT INTO calls (${COLUMNS.map(([c]) => c).join(', ')}) VALUES (${COLUMNS.map(([, f]) => `@${f}`).join(', ')})`,
  );
  const update = sqlite.prepare<[Row]>(
    `UPDATE calls SET ${COLUMNS.slice(2)
      .map(([c, f]) => `${c} = @${f}`)
      .join(', ')} WHERE system_id = @systemId AND call_id = @callId`,
  );
  const get = sqlite.prepare<[number, number], Row>(`${SELECT} WHERE system_id = ? AND call_id = ?`);
  const byFile = sqlite.prepare<[number, string], Row>(
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
