import type { Notification } from '@omnikit/contracts';
import { useEffect, useRef, useState } from 'react';
import { consoleEvents } from '../../shared/console-schemas.js';
import type { ConsoleClient } from '../api/console-client.js';

export type EventStreamStatus = 'connecting' | 'open' | 'reconnecting';

export interface ConsoleEventHandlers {
  onNotification(notification: Notification): void;
  /** The agent's Omni token (and so its WebRTC session) now ends at `expiresAt` (ISO-8601 UTC). */
  onToken(expiresAt: string): void;
  onSessionEnded(state: 'signed_out' | 'expired'): void;
}

/**
 * The backend's Server-Sent Events for this agent (`GET /api/events`). EventSource reconnects by
 * itself; the status says whether the live feed is flowing. Messages are checked against the
 * console API's schemas; one that does not fit is ignored rather than breaking the page.
 */
export function useConsoleEvents(client: ConsoleClient, handlers: ConsoleEventHandlers): EventStreamStatus {
  const [status, setStatus] = useState<EventStreamStatus>('connecting');
  const latest = useRef(handlers);
  latest.current = handlers;
  useEffect(() => {
    const source = new EventSource(client.url('events'), { withCredentials: true });
    const parse = (event: MessageEvent<string>): unknown => {
      try {
        return JSON.parse(event.data);
      } catch {
        return undefined;
      }
    };
    source.addEventListener('open', () => setStatus('open'));
    source.addEventListener('error', () =>
      setStatus(source.readyState === EventSource.CLOSED ? 'connecting' : 'reconnecting'),
    );
    source.addEventListener('hello', () => setStatus('open'));
    source.addEventListener('notification', (event) => {
      const parsed = consoleEvents.notification.safeParse(parse(event));
      if (parsed.success) latest.current.onNotification(parsed.data);
    });
    source.addEventListener('token', (event) => {
      const parsed = consoleEvents.token.safeParse(parse(event));
      if (parsed.success) latest.current.onToken(parsed.data.expires_at);
    });
    source.addEventListener('session', (event) => {
      const parsed = consoleEvents.session.safeParse(parse(event));
      if (parsed.success) {
        source.close();
        latest.current.onSessionEnded(parsed.data.state);
      }
    });
    return () => source.close();
  }, [client]);
  return status;
}
