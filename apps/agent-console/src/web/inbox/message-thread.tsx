/**
 * A conversation's messages, oldest first: the customer's on the left, the agent's on the right
 * with their delivery ticks, a failure's reason in words under the message. The box has a fixed
 * height and scrolls to the newest message, so the reply box below never moves.
 *
 * @module
 */

import { ScrollArea, Text } from '@mantine/core';
import { useEffect, useRef } from 'react';
import type { InboxChannel, ThreadMessage } from '../../shared/inbox-schemas.js';
import { formatSystemTime, SYSTEM_TIME_LABEL } from '../components/system-time.js';
import { deliveryStatus } from './delivery-status.js';
import { DeliveryTicks } from './delivery-ticks.js';

interface Props {
  channel: InboxChannel;
  messages: ThreadMessage[];
}

export function MessageThread({ channel, messages }: Props) {
  const viewport = useRef<HTMLDivElement>(null);
  const last = messages.at(-1)?.message_id ?? 0;
  useEffect(() => {
    void last;
    const el = viewport.current;
    if (el) el.scrollTop = el.scrollHeight;
  }, [last]);
  return (
    <ScrollArea
      h={260}
      viewportRef={viewport}
      type="auto"
      offsetScrollbars
      viewportProps={{ tabIndex: 0, 'aria-label': 'Messages, oldest first' }}
    >
      <ol className="message-thread" aria-label="Messages" aria-live="polite" data-testid="thread">
        {messages.length === 0 ? (
          <li>
            <Text size="sm" c="dimmed">
              No messages yet.
            </Text>
          </li>
        ) : (
          messages.map((m) => {
            const status =
              m.direction === 'outbound'
                ? deliveryStatus(channel, m.message_status, m.channel_error_code, m.channel_error_detail)
                : null;
            return (
              <li key={m.message_id} className="message" data-direction={m.direction} data-message-id={m.message_id}>
                <div className="message-bubble">
                  {m.subject ? (
                    <Text size="sm" fw={600}>
                      {m.subject}
                    </Text>
                  ) : null}
                  <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
                    {m.body}
                  </Text>
                  {m.template ? (
                    <Text size="xs" c="dimmed">
                      Template {m.template.template_name} ({m.template.language})
                    </Text>
                  ) : null}
                  {m.message_tag ? (
                    <Text size="xs" c="dimmed">
                      Tag {m.message_tag}
                    </Text>
                  ) : null}
                  <div className="message-meta">
                    <Text
                      component="time"
                      size="xs"
                      c="dimmed"
                      className="tabular"
                      dateTime={m.created_at}
                      title={`${SYSTEM_TIME_LABEL} (UTC)`}
                    >
                      {formatSystemTime(m.created_at).slice(11, 19)}
                    </Text>
                    {m.segments > 1 ? (
                      <Text component="span" size="xs" c="dimmed">
                        {m.segments} SMS
                      </Text>
                    ) : null}
                    {status ? <DeliveryTicks status={status} /> : null}
                  </div>
                  {status?.level === 'failed' ? (
                    <Text size="xs" c="#a51d1d" fw={500} data-testid="failure-reason">
                      {status.words}
                    </Text>
                  ) : null}
                </div>
              </li>
            );
          })
        )}
      </ol>
    </ScrollArea>
  );
}
