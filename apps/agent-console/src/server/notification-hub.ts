import type { AgentState, AgentStatePayload, Notification } from '@omnikit/contracts';
import type { ConsoleEventData, ConsoleEventName } from '../shared/console-schemas.js';

/** One open `GET /api/events` stream. */
export interface EventStream {
  readonly sessionId: string;
  readonly userId: number;
  send<E extends ConsoleEventName>(event: E, data: ConsoleEventData<E>): void;
  close(): void;
}

/** The newest state the backend has heard of an agent (from `agent_state` notifications). */
export interface KnownAgentState {
  agent_state: AgentState;
  campaign_id: number;
  /** The notification's `timestamp`: when Omni moved the agent to this state. */
  since: string;
  /** The state it moved from (tells two notifications of one instant apart). */
  previous_state: AgentState;
}

/**
 * Whether `incoming` is older than the state already `held`. Deliveries come in any order (Omni retries a failed
 * one for up to two hours, B.7, and promises no order between notifications not of one call), so arrival says
 * nothing: the payload's `timestamp` does. Two of one instant (a campaign login's `paused` and the `ready` right
 * after it, on a clock that did not move) are told apart by their states: the one the held state came from is the
 * older, unless it says it came from the held one.
 */
function olderThan(incoming: AgentStatePayload, held: KnownAgentState): boolean {
  const at = Date.parse(incoming.timestamp);
  const heldAt = Date.parse(held.since);
  if (Number.isNaN(at) || Number.isNaN(heldAt)) return false;
  if (at !== heldAt) return at < heldAt;
  return incoming.agent_state === held.previous_state && incoming.previous_state !== held.agent_state;
}

/**
 * Routes each notification to the event streams of the agent it concerns (`payload.user_id`; 0
 * means no agent, so no stream), and remembers each agent's newest `agent_state` (by its `timestamp`,
 * not by arrival: see `olderThan`) for the supervisor view. A stream belongs to one console session;
 * ending the session closes its streams.
 */
export class NotificationHub {
  readonly #streams = new Set<EventStream>();
  readonly #agentStates = new Map<number, KnownAgentState>();
  #received = 0;

  subscribe(stream: EventStream): () => void {
    this.#streams.add(stream);
    return () => this.#streams.delete(stream);
  }

  dispatch(notification: Notification): void {
    this.#received += 1;
    if (notification.type === 'agent_state') {
      const p = notification.payload;
      const held = this.#agentStates.get(p.user_id);
      if (!held || !olderThan(p, held))
        this.#agentStates.set(p.user_id, {
          agent_state: p.agent_state,
          campaign_id: p.campaign_id,
          since: p.timestamp,
          previous_state: p.previous_state,
        });
    }
    const userId = notification.payload.user_id;
    if (userId === 0) return;
    for (const stream of this.#streams) if (stream.userId === userId) stream.send('notification', notification);
  }

  /**
   * Tells every stream of an agent its Omni token's expiry (`token`): the agent's sessions in this console share
   * one Omni token, so all of them have a new one when it changes.
   */
  tokenChanged(userId: number, expiresAt: string): void {
    for (const stream of this.#streams) if (stream.userId === userId) stream.send('token', { expires_at: expiresAt });
  }

  /** Tells a session's streams that it ended, and closes them. */
  endSession(sessionId: string, state: 'signed_out' | 'expired'): void {
    for (const stream of [...this.#streams]) {
      if (stream.sessionId !== sessionId) continue;
      stream.send('session', { state });
      stream.close();
      this.#streams.delete(stream);
    }
  }

  agentState(userId: number): KnownAgentState | undefined {
    return this.#agentStates.get(userId);
  }

  get streamCount(): number {
    return this.#streams.size;
  }

  get received(): number {
    return this.#received;
  }

  closeAll(): void {
    for (const stream of this.#streams) stream.close();
    this.#streams.clear();
  }
}
