import type { AgentState, Notification } from '@omnikit/contracts';
import type { ConsoleEventData, ConsoleEventName } from '../shared/console-schemas.js';

/** One open `GET /api/events` stream. */
export interface EventStream {
  readonly sessionId: string;
  readonly userId: number;
  send<E extends ConsoleEventName>(event: E, data: ConsoleEventData<E>): void;
  close(): void;
}

/** What the backend last heard of an agent's state (from `agent_state` notifications). */
export interface KnownAgentState {
  agent_state: AgentState;
  campaign_id: number;
  since: string;
}

/**
 * Routes each notification to the event streams of the agent it concerns (`payload.user_id`; 0
 * means no agent, so no stream), and remembers each agent's last `agent_state` for the supervisor
 * view. A stream belongs to one console session; ending the session closes its streams.
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
      this.#agentStates.set(p.user_id, { agent_state: p.agent_state, campaign_id: p.campaign_id, since: p.timestamp });
    }
    const userId = notification.payload.user_id;
    if (userId === 0) return;
    for (const stream of this.#streams) if (stream.userId === userId) stream.send('notification', notification);
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
