/**
 * The port the campaign series read their history through: the dialler's calls of a campaign as the
 * calls table keeps them (from their first ring, with their timelines), and every agent's state
 * changes in the order they happened (each `agent_state` notification the mock recorded).
 *
 * @module
 */

import type { AgentState } from '@omnikit/contracts';
import type { CallRecord } from '../calls/call-record.js';

/** An agent's state from `at` on, in campaign `campaignId` (0 when logged out). */
export interface AgentStateChange {
  userId: number;
  campaignId: number;
  state: AgentState;
  at: number;
}

export interface CampaignHistory {
  /** The campaign's dialler outbound (`call_type` 2) and inbound (3) calls that started up to `upTo`. */
  calls(systemId: number, campaignId: number, upTo: number): CallRecord[];
  /** Every agent's state changes of the system up to `upTo`, oldest first. */
  agentChanges(systemId: number, upTo: number): AgentStateChange[];
}
