/**
 * The agent's conversations: channel, customer, the last message and how many customer messages
 * are unread, newest activity first. Each row is a button; the open one is marked `aria-current`.
 *
 * @module
 */

import { Badge, Group, Stack, Text, UnstyledButton } from '@mantine/core';
import type { InboxConversation } from '../../shared/inbox-schemas.js';
import { ChannelBadge } from './channel-badge.js';

interface Props {
  conversations: InboxConversation[];
  selected: number | null;
  onSelect(conversationId: number): void;
}

/** The customer as the agent knows them: the address, with an email thread's subject. */
export function customerLabel(c: Pick<InboxConversation, 'customer_address' | 'subject'>): string {
  return c.subject ? `${c.customer_address} · ${c.subject}` : c.customer_address;
}

/** Newest activity first; a conversation without messages goes by its id. */
export function byActivity(a: InboxConversation, b: InboxConversation): number {
  const at = (c: InboxConversation) => c.last_message?.at ?? '';
  return at(b).localeCompare(at(a)) || b.conversation_id - a.conversation_id;
}

export function ConversationList({ conversations, selected, onSelect }: Props) {
  if (conversations.length === 0)
    return (
      <Text size="sm" c="dimmed" data-testid="no-conversations">
        No conversations. New ones arrive here while you are logged in to a messaging campaign and ready.
      </Text>
    );
  return (
    <ul className="conversation-list" aria-label="Conversations" data-testid="conversation-list">
      {[...conversations].sort(byActivity).map((c) => {
        const who = customerLabel(c);
        const last = c.last_message;
        return (
          <li key={c.conversation_id}>
            <UnstyledButton
              className="conversation-row"
              aria-current={selected === c.conversation_id ? 'true' : undefined}
              onClick={() => onSelect(c.conversation_id)}
              data-conversation-id={c.conversation_id}
            >
              <Stack gap={2}>
                <Group justify="space-between" wrap="nowrap" gap="xs">
                  <Text size="sm" fw={c.unread_count > 0 ? 700 : 500} truncate>
                    {who}
                  </Text>
                  {c.unread_count > 0 ? (
                    <Badge
                      size="sm"
                      color="blue"
                      variant="filled"
                      tt="none"
                      style={{ flexShrink: 0 }}
                      data-testid="unread-count"
                    >
                      {c.unread_count} unread
                    </Badge>
                  ) : null}
                </Group>
                <Group gap="xs" wrap="nowrap">
                  <ChannelBadge channel={c.channel} />
                  {c.conversation_state === 'assigned' ? null : (
                    <Text component="span" size="xs" c="dimmed">
                      {c.conversation_state}
                    </Text>
                  )}
                  {c.opted_out ? (
                    <Text component="span" size="xs" c="#a51d1d">
                      opted out
                    </Text>
                  ) : null}
                </Group>
                <Text size="xs" c="dimmed" truncate>
                  {last ? `${last.direction === 'outbound' ? 'You: ' : ''}${last.body}` : 'No messages yet'}
                </Text>
              </Stack>
            </UnstyledButton>
          </li>
        );
      })}
    </ul>
  );
}
