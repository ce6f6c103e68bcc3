import type { CALL_DIRECTIONS } from '@omnikit/contracts';
import type { CalleeOutcome } from '@omnikit/contracts/control';
import type { CallMachineState } from './call-machine.js';
import type { TimelineEntry } from './call-timing.js';

export type CallDirection = (typeof CALL_DIRECTIONS)[number];

/**
 * Everything the mock keeps about one call: who and what it is, the machine's state and the facts
 * gathered along the way (SIP code, disposition, recording file, timeline). The store persists it;
 * the payload builders read it. Absent ids are 0 (B.1).
 */
export interface CallRecord {
  callId: number;
  /** The agent's user id; 0 while no agent has the call. */
  userId: number;
  campaignId: number;
  listId: number;
  leadId: number;
  shotgunId: number;
  /** The conference leg's parent call (call_type 5), else 0. */
  parentCallId: number;
  /** The customer's number: the callee outbound, the caller inbound. */
  phoneNumber: string;
  /** The number shown to the callee outbound (`outbound_cli` or the campaign's `caller_id`); the caller's inbound. */
  callerId: string;
  /** Inbound: the number the customer dialled; '' outbound. */
  dnis: string;
  /** The integrator's reference (`unique_id` in, `unique_id`/`reference_id` out); '' when none. */
  uniqueId: string;
  direction: CallDirection;
  /** 1 click-2-dial, 2 dialler outbound, 3 inbound, 4 shotgun leg, 5 conference leg (B.5). */
  callType: number;
  machine: CallMachineState;
  /** What the callee model decided (null for calls it does not dial, e.g. inbound). */
  outcome: CalleeOutcome | null;
  /** 0 until the network answers or refuses. */
  sipCode: number;
  /** The agent's disposition once disposed, else null (the system's applies, see `callDisposition`). */
  dispositionCode: string | null;
  /** The recording's file name; '' until recording starts. */
  recordingFile: string;
  timeline: TimelineEntry[];
}
