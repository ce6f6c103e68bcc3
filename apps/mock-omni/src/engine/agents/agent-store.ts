import type { AgentState } from '@omnikit/contracts';

/** The state an agent goes back to once a call's wrap-up ends (`logged_out`: its phone dropped meanwhile). */
export type ResumeState = 'paused' | 'ready' | 'logged_out';

/**
 * An agent as the call engine sees it: the user (id, name, own extension) and its campaign
 * session. `state`, `campaignId` and `callId` are what `GET /omni/users/{user_id}` shows (B.4).
 */
export interface AgentRecord {
  systemId: number;
  userId: number;
  userName: string;
  extension: string;
  state: AgentState;
  /** 0 when logged out. */
  campaignId: number;
  /** The call the agent is on or wrapping up; 0 otherwise. */
  callId: number;
  /** '' unless paused with a code. */
  pauseCode: string;
  resumeState: ResumeState;
  /** The bridge call to the agent's phone (placed at login); '' when logged out. */
  bridgeId: string;
  /** System clock ms of the login; null when logged out. */
  loggedInAt: number | null;
}

/** Agents' sessions; implemented on the users table plus `agent_sessions` (src/store/). */
export interface AgentStore {
  get(systemId: number, userId: number): AgentRecord | undefined;
  findByExtension(systemId: number, extension: string): AgentRecord | undefined;
  save(agent: AgentRecord): void;
}
