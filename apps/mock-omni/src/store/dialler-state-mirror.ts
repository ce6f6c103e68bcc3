/**
 * The dialler's working state of one system as it stands in its tables (`dialler_agents`, `dialler_calls` with each
 * call's record, `dialler_campaign_state`), kept in memory beside them so that a command's queries — the longest-idle
 * agent, the longest-waiting call, how many are ready or dialling — and its reads of what it wrote a moment ago cost no
 * SQL. The tables stay the truth: every write goes to them first, then here; the mirror is filled from them on first
 * use and refilled once the connection's write epoch has moved (a rollback or a wipe: store/write-epoch.ts). One
 * mirror per connection and system, shared by every store made on them, so two stores of a system never disagree.
 *
 * @module
 */

import type Database from 'better-sqlite3';
import type { CallRecord } from '../engine/calls/call-record.js';
import type { CampaignRuntime, DiallerAgent, DiallerCall } from '../engine/dialler/dialler-store.js';
import { callRecordOf } from './call-columns.js';
import { type WriteEpoch, writeEpochOf } from './write-epoch.js';

export interface DiallerStateMirror {
  /** The system's dialler agents and held calls, when filled at the current epoch. */
  agents: Map<number, DiallerAgent> | undefined;
  calls: Map<number, DiallerCall> | undefined;
  /** Per campaign, the runtime as last read or saved (held for the COMMIT, store/coalesced-writes.ts, or written). */
  runtimes: Map<number, CampaignRuntime>;
  /** Drops whatever was filled at an older epoch; call before every use. */
  check(): void;
}

function createMirror(writes: WriteEpoch): DiallerStateMirror {
  let epoch = writes.value;
  const mirror: DiallerStateMirror = {
    agents: undefined,
    calls: undefined,
    runtimes: new Map(),
    check() {
      if (writes.value === epoch) return;
      epoch = writes.value;
      mirror.agents = undefined;
      mirror.calls = undefined;
      mirror.runtimes.clear();
    },
  };
  return mirror;
}

const mirrors = new WeakMap<Database.Database, Map<number, DiallerStateMirror>>();

export function diallerStateMirrorOf(sqlite: Database.Database, systemId: number): DiallerStateMirror {
  let bySystem = mirrors.get(sqlite);
  if (!bySystem) {
    bySystem = new Map();
    mirrors.set(sqlite, bySystem);
  }
  let mirror = bySystem.get(systemId);
  if (!mirror) {
    mirror = createMirror(writeEpochOf(sqlite));
    bySystem.set(systemId, mirror);
  }
  mirror.check();
  return mirror;
}

/**
 * A call's row was written by someone other than the dialler's store (the agent-call flow): a held call takes its
 * record, as the join of its rows would read it.
 */
export function callRowWritten(sqlite: Database.Database, systemId: number, call: CallRecord): void {
  const calls = mirrors.get(sqlite)?.get(systemId)?.calls;
  const held = calls?.get(call.callId);
  if (held) calls?.set(call.callId, { ...held, record: callRecordOf(call) });
}
