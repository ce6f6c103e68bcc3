import type { CallRecord } from './call-record.js';

/**
 * A call as the mock keeps it: the call engine's record plus what the integration tracks around it
 * — the parent's current conference leg, how long the recording has run (for the WAV), and the
 * agent's disposition notes and callback time.
 */
export interface StoredCall extends CallRecord {
  /** On a parent call: its latest conference leg (0 when none was dialled). */
  linkedCallId: number;
  /** Milliseconds recorded (pauses excluded) up to `recordingSince`. */
  recordedMs: number;
  /** System clock ms the running recording (re)started; null when it is not running. */
  recordingSince: number | null;
  notes: string;
  /** `CALLBK`: when to call back (system clock ms). */
  callbackAt: number | null;
}

export interface CallStore {
  insert(systemId: number, call: StoredCall): void;
  get(systemId: number, callId: number): StoredCall | undefined;
  update(systemId: number, call: StoredCall): void;
  findByRecordingFile(systemId: number, file: string): StoredCall | undefined;
}
