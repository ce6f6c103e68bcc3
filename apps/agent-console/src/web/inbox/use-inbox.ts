/**
 * The agent's inbox as the screen keeps it: read at once, every few seconds, and again whenever
 * a messaging notification arrives (`refresh`), so a new conversation shows up live. Against a
 * real Omni the answer says messaging is not published, and polling stops.
 *
 * @module
 */

import { useCallback, useState } from 'react';
import type { InboxView } from '../../shared/inbox-schemas.js';
import { errorText } from '../api/console-api-error.js';
import type { ConsoleClient } from '../api/console-client.js';
import { usePoll } from '../hooks/use-poll.js';

export interface Inbox {
  view: InboxView | null;
  error: string | null;
  /** Bumped on every successful read, so the open thread is read with the list. */
  version: number;
  refresh(): void;
  /** Customer messages unread over all conversations. */
  unread: number;
}

const POLL_MS = 3000;

export function useInbox(client: ConsoleClient): Inbox {
  const [view, setView] = useState<InboxView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [version, setVersion] = useState(0);

  const read = useCallback(
    async (signal?: AbortSignal) => {
      try {
        const next = await client.call('inbox', signal ? { signal } : {});
        setView(next);
        setError(null);
        setVersion((v) => v + 1);
      } catch (failure) {
        if (signal?.aborted) return;
        setError(`The inbox cannot be read: ${errorText(failure)}`);
      }
    },
    [client],
  );
  usePoll(read, POLL_MS, view === null || view.available);
  const refresh = useCallback(() => void read(), [read]);
  const unread = view?.available ? view.conversations.reduce((sum, c) => sum + c.unread_count, 0) : 0;
  return { view, error, version, refresh, unread };
}
