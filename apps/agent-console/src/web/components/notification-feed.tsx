import { Badge, Group, Paper, ScrollArea, Stack, Text, Title } from '@mantine/core';
import { useEffect, useRef } from 'react';
import type { EventStreamStatus } from '../hooks/use-console-events.js';
import { SYSTEM_TIME_LABEL } from './system-time.js';

export interface FeedItem {
  key: number;
  /** The Omni system's time of the notification (ms), NaN when it had none: the feed's order. */
  at: number;
  /** That time as Omni wrote it. */
  instant: string;
  time: string;
  type: string;
  text: string;
}

const STATUS_WORDS: Record<EventStreamStatus, string> = {
  connecting: 'connecting…',
  open: 'live',
  reconnecting: 'reconnecting…',
};

/**
 * The live feed of Omni's notifications for this agent. New lines go at the bottom of a box of fixed
 * height that scrolls to them, so earlier lines and the rest of the screen never move.
 */
export function NotificationFeed({ items, status }: { items: FeedItem[]; status: EventStreamStatus }) {
  const viewport = useRef<HTMLDivElement>(null);
  const count = items.length;
  useEffect(() => {
    void count;
    const el = viewport.current;
    if (el) el.scrollTop = el.scrollHeight;
  }, [count]);
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="feed-title">
      <Stack gap="xs">
        <Group justify="space-between">
          <Title order={2} size="h4" id="feed-title">
            Notifications
          </Title>
          <Badge variant="dot" color={status === 'open' ? 'green' : 'orange'} miw={120}>
            {STATUS_WORDS[status]}
          </Badge>
        </Group>
        <Text size="xs" c="dimmed" data-testid="feed-time-note">
          Times are {SYSTEM_TIME_LABEL} (UTC), the clock Omni stamps its notifications with; the feed is in that order.
        </Text>
        <ScrollArea
          h={220}
          viewportRef={viewport}
          type="auto"
          offsetScrollbars
          // Reachable by keyboard, so the lines can be scrolled without a mouse.
          viewportProps={{ tabIndex: 0, 'aria-label': 'Notifications, oldest first' }}
        >
          <ol
            aria-live="polite"
            aria-label="Notifications"
            style={{ margin: 0, paddingLeft: 0, listStyle: 'none' }}
            data-testid="feed"
          >
            {items.length === 0 ? (
              <li>
                <Text size="sm" c="dimmed">
                  Nothing yet. Notifications from Omni appear here as they happen.
                </Text>
              </li>
            ) : (
              items.map((item) => (
                <li key={item.key} data-type={item.type}>
                  <Text size="sm" lineClamp={2}>
                    <Text
                      className="tabular"
                      c="dimmed"
                      size="xs"
                      component="time"
                      dateTime={item.instant || undefined}
                      title={`${SYSTEM_TIME_LABEL} (UTC)`}
                    >
                      {item.time}
                    </Text>{' '}
                    {item.text}
                  </Text>
                </li>
              ))
            )}
          </ol>
        </ScrollArea>
      </Stack>
    </Paper>
  );
}
