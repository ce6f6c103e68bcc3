/**
 * The dialler's working state, as a port the store implements (rows in SQLite, maps in memory), so that a command
 * touches a few small records instead of one big snapshot. Three kinds of record:
 *
 * - `DiallerAgent` — an agent logged in to a campaign, as the dialler last heard of it.
 * - `DiallerCall` — a call the dialler has in hand: an outbound call dialling, or answered and waiting
 *   (at most 2 s) for an agent, or an inbound caller in the queue. The record is the same `CallRecord`
 *   the calls table keeps: the SQLite store writes it there (so `GET` finds a dialler call from its
 *   first ring) and keeps `phase`, `waitingSince`, `machine` and `talkMs` in a row beside it. Once an
 *   agent has the call, or it ends, the dialler lets go of it (`releaseCall`, with its last record):
 *   the call row stays, with that record, only the dialler's hold on it goes.
 * - `CampaignRuntime` — per campaign: statistics counters, pacing estimates, the arrival process.
 *
 * @module
 */

import type { AgentState } from '@omnikit/contracts';
import type { CallRecord } from '../calls/call-record.js';
import type { ArrivalState } from './arrival-process.js';
import type { CampaignCounters } from './campaign-stats.js';
import type { PacingState } from './pacing.js';

export interface DiallerAgent {
  userId: number;
  campaignId: number;
  state: AgentState;
  /** When it entered `state` (virtual epoch ms): for a ready agent, how long it has been idle. */
  since: number;
  /** The lead it holds in preview (B.8), 0 when none. */
  previewLeadId: number;
}

/** `dialling`: placed, not answered; `waiting`: answered, no agent yet (drop after 2 s); `queued`: inbound, in the queue. */
export type DiallerCallPhase = 'dialling' | 'waiting' | 'queued';

export interface DiallerCall {
  record: CallRecord;
  phase: DiallerCallPhase;
  /** When it started waiting (answered, or joined the queue); null while dialling. */
  waitingSince: number | null;
  /** Outbound: an answering machine answers it (the callee's plan). */
  machine: boolean;
  /** Inbound: how long the caller talks once put through (ms); 0 outbound (the callee's plan says). */
  talkMs: number;
}

export interface CampaignRuntime {
  campaignId: number;
  stats: CampaignCounters;
  pacing: PacingState;
  /** The seeded arrival process ringing the campaign's DIDs, or null. */
  arrival: ArrivalState | null;
  /** The pending wake-up for leads that fall due later (`dialler_wake`), or null. */
  wakeAt: number | null;
}

export interface DiallerStore {
  /** The campaign's runtime: an object of the caller's own, which it may change. */
  runtime(campaignId: number): CampaignRuntime | undefined;
  /**
   * Stores the runtime. The store may keep `runtime` itself, not a copy: the caller hands it over and changes it no
   * more (a command saves its runtimes as it ends).
   */
  saveRuntime(runtime: CampaignRuntime): void;

  agent(userId: number): DiallerAgent | undefined;
  saveAgent(agent: DiallerAgent): void;
  removeAgent(userId: number): void;
  /** The campaign's agents, by user id. */
  agents(campaignId: number): DiallerAgent[];
  /** The campaign's ready agent idle the longest: earliest `since`, then the lowest user id. */
  longestIdle(campaignId: number): DiallerAgent | undefined;
  readyCount(campaignId: number): number;

  call(callId: number): DiallerCall | undefined;
  saveCall(call: DiallerCall): void;
  /** Whether the dialler has the call in hand (cheaper than `call`: nothing is read back). */
  holds(callId: number): boolean;
  /** The dialler lets go of the call (ended, or an agent has it); `last` is its record as it is now. */
  releaseCall(callId: number, last: CallRecord): void;
  /** The campaign's outbound calls still dialling. */
  dialling(campaignId: number): number;
  /** The call in `phase` that has waited longest: earliest `waitingSince`, then the lowest call id. */
  firstWaiting(campaignId: number, phase: 'waiting' | 'queued'): DiallerCall | undefined;
  waitingCount(campaignId: number, phase: 'waiting' | 'queued'): number;
}
