import type { AgentState, Notification } from '@omnikit/contracts';
import { describe, expect, it } from 'vitest';
import { NotificationHub } from '../../src/server/notification-hub.js';

/** An `agent_state` notification as the sdk hands it over (B.7's payload). */
function agentState(
  userId: number,
  state: AgentState,
  previous: AgentState,
  timestamp: string,
  campaignId = 1,
): Notification {
  return {
    type: 'agent_state',
    payload: {
      user_id: userId,
      campaign_id: campaignId,
      extension: `100${userId}`,
      agent_state: state,
      previous_state: previous,
      pause_code: '',
      reason: 'api',
      timestamp,
    },
  };
}

describe('the agents’ states the supervisor view falls back on', () => {
  it('keeps the newest agent_state by its timestamp: an older one arriving late does not overwrite it', async () => {
    const hub = new NotificationHub();
    // The newer first (a retry, or parallel senders, delivered the older one after it).
    hub.dispatch(agentState(4, 'ready', 'paused', '2026-01-05T08:00:05.000Z'));
    hub.dispatch(agentState(4, 'paused', 'logged_out', '2026-01-05T08:00:01.000Z'));
    expect(hub.agentState(4)).toMatchObject({
      agent_state: 'ready',
      campaign_id: 1,
      since: '2026-01-05T08:00:05.000Z',
    });
    // A newer one still moves it on; another agent's order is its own.
    hub.dispatch(agentState(4, 'on_call', 'ready', '2026-01-05T08:00:09.000Z'));
    hub.dispatch(agentState(5, 'paused', 'logged_out', '2026-01-05T08:00:00.000Z', 3));
    expect(hub.agentState(4)).toMatchObject({ agent_state: 'on_call', since: '2026-01-05T08:00:09.000Z' });
    expect(hub.agentState(5)).toMatchObject({ agent_state: 'paused', campaign_id: 3 });
    // Every delivery still counts as received.
    expect(hub.received).toBe(4);
  });

  it('in the same instant, the state the held one came from is older; a state it moved to is newer', () => {
    const hub = new NotificationHub();
    const at = '2026-01-05T08:00:00.000Z';
    // Campaign login (paused) then ready in one instant, delivered the other way round.
    hub.dispatch(agentState(4, 'ready', 'paused', at));
    hub.dispatch(agentState(4, 'paused', 'logged_out', at));
    expect(hub.agentState(4)?.agent_state).toBe('ready');
    // A move on from the held state in that same instant is taken.
    hub.dispatch(agentState(4, 'paused', 'ready', at));
    expect(hub.agentState(4)?.agent_state).toBe('paused');
  });

  it('still streams a late, older agent_state to the agent’s feed (the feed orders by time)', () => {
    const hub = new NotificationHub();
    const sent: string[] = [];
    hub.subscribe({
      sessionId: 's1',
      userId: 4,
      send: (event, data) => sent.push(`${event}:${event === 'notification' ? (data as Notification).type : ''}`),
      close: () => {},
    });
    hub.dispatch(agentState(4, 'ready', 'paused', '2026-01-05T08:00:05.000Z'));
    hub.dispatch(agentState(4, 'paused', 'logged_out', '2026-01-05T08:00:01.000Z'));
    expect(sent).toEqual(['notification:agent_state', 'notification:agent_state']);
  });
});
