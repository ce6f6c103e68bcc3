/**
 * One step of a call record: the machine's transition plus the effects that only touch the record itself (SIP code,
 * timeline marks at `at`, the recording's file name when it first starts, the agent's disposition). The effects that
 * reach outside the record — notifications, timers, the agent's state, the linked conference call, the CDR — are
 * returned for the integrator, in order.
 *
 * @module
 */

import {
  type CallEffect,
  type CallInput,
  type CallRole,
  startCall,
  type TransitionResult,
  transition,
} from './call-machine.js';
import type { CallRecord } from './call-record.js';
import { recordingFileName } from './recording-file-name.js';

export type NewCallRecord = Omit<CallRecord, 'machine' | 'sipCode' | 'dispositionCode' | 'recordingFile' | 'timeline'>;

export function startCallRecord(
  fields: NewCallRecord,
  options: { role: CallRole; autoRecord?: boolean; at: number },
): { record: CallRecord; effects: CallEffect[] } {
  const started = startCall(options.role, options.autoRecord ?? false);
  const record: CallRecord = {
    ...fields,
    machine: started.state,
    sipCode: 0,
    dispositionCode: null,
    recordingFile: '',
    timeline: [],
  };
  applyRecordEffects(record, started.effects, options.at);
  return { record, effects: started.effects };
}

export type StepResult =
  | { ok: true; record: CallRecord; effects: CallEffect[] }
  | Extract<TransitionResult, { ok: false }>;

export function stepCall(
  record: CallRecord,
  input: CallInput,
  at: number,
  facts: { dispositionCode?: string } = {},
): StepResult {
  const result = transition(record.machine, input);
  if (!result.ok) return result;
  const next: CallRecord = { ...record, machine: result.state, timeline: [...record.timeline] };
  if (input.type === 'dispose' && facts.dispositionCode !== undefined) next.dispositionCode = facts.dispositionCode;
  applyRecordEffects(next, result.effects, at);
  return { ok: true, record: next, effects: result.effects };
}

/**
 * Writes the effects on the record into `next`, a record (and timeline) the step has just made and nobody else holds:
 * a step copies the call and its timeline once, not once more here.
 */
function applyRecordEffects(next: CallRecord, effects: readonly CallEffect[], at: number): void {
  for (const e of effects) {
    if (e.type === 'sip_code') next.sipCode = e.code;
    else if (e.type === 'timeline') next.timeline.push({ at, event: e.event });
    else if (e.type === 'recording' && e.to === 'recording' && next.recordingFile === '')
      next.recordingFile = recordingFileName(next.callId, at);
  }
}
