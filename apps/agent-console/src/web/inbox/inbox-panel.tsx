/**
 * The inbox: the agent's messaging campaign (join, leave), the conversation list and the open
 * thread with its reply box (or template picker) and the close form. The list comes from the
 * screen (re-read on every messaging notification and polled); the open thread is re-read with it,
 * so new messages and delivery ticks appear without a click. Opening a thread marks the
 * customer's messages read.
 *
 * @module
 */

import { Alert, Badge, Button, Grid, Group, NativeSelect, Paper, Stack, Text, Title } from '@mantine/core';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { InboxView, ReplyBody, TemplateList, ThreadView } from '../../shared/inbox-schemas.js';
import { errorText } from '../api/console-api-error.js';
import type { ConsoleClient } from '../api/console-client.js';
import { ErrorSlot } from '../components/error-slot.js';
import { formatSystemTime, SYSTEM_TIME_LABEL } from '../components/system-time.js';
import type { AsyncAction } from '../hooks/use-async-action.js';
import { useAsyncAction } from '../hooks/use-async-action.js';
import { ChannelBadge } from './channel-badge.js';
import { CloseConversationForm } from './close-conversation-form.js';
import { ConversationList, customerLabel } from './conversation-list.js';
import { MessageThread } from './message-thread.js';
import { ReplyBox } from './reply-box.js';

interface Props {
  client: ConsoleClient;
  inbox: InboxView | null;
  inboxError: string | null;
  /** Bumped by the screen whenever the list was read again. */
  refreshSignal: number;
  /** Re-read the list now (after a command). */
  onChanged(): void;
  /** A conversation was closed: the screen confirms it. */
  onClosed(conversationId: number, code: string): void;
}

export function InboxPanel({ client, inbox, inboxError, refreshSignal, onChanged, onClosed }: Props) {
  const [selected, setSelected] = useState<number | null>(null);
  const [thread, setThread] = useState<ThreadView | null>(null);
  const [templates, setTemplates] = useState<TemplateList | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const [campaignChoice, setCampaignChoice] = useState('');
  const reader = useAsyncAction();
  const sender = useAsyncAction();
  const closer = useAsyncAction();
  const joiner = useAsyncAction();
  const marked = useRef(new Map<number, number>());

  const available = inbox?.available === true ? inbox : null;

  useEffect(() => {
    if (!available || templates) return;
    client
      .call('messagingTemplates')
      .then(setTemplates)
      .catch((error: unknown) => setFormError(`The templates cannot be read: ${errorText(error)}`));
  }, [available, client, templates]);

  const readThread = useCallback(
    async (conversationId: number) => {
      const next = await reader.run(() =>
        client.call('getConversation', { params: { conversation_id: conversationId } }),
      );
      if (!next) return;
      setThread(next);
      // The agent sees the customer's messages now: mark them read, once per newest message.
      const lastInbound = next.messages.filter((m) => m.direction === 'inbound').at(-1);
      if (
        lastInbound &&
        marked.current.get(conversationId) !== lastInbound.message_id &&
        next.conversation.unread_count > 0
      ) {
        marked.current.set(conversationId, lastInbound.message_id);
        await reader.run(() => client.call('markRead', { params: { conversation_id: conversationId } }));
        onChanged();
      }
    },
    [client, onChanged, reader.run],
  );

  // Re-read the open thread each time the list is read again (a notification or the poll).
  useEffect(() => {
    void refreshSignal;
    if (selected !== null) void readThread(selected);
  }, [refreshSignal, selected, readThread]);

  const open = (conversationId: number) => {
    setFormError(null);
    if (conversationId !== selected) setThread(null);
    setSelected(conversationId);
  };

  const send = async (body: ReplyBody): Promise<boolean> => {
    if (selected === null) return false;
    const sent = await sender.run(() => client.call('reply', { params: { conversation_id: selected }, body }));
    if (!sent) return false;
    void readThread(selected);
    onChanged();
    return true;
  };

  if (inbox && !inbox.available)
    return (
      <Paper withBorder p="md" component="section" aria-labelledby="inbox-title">
        <Title order={2} size="h4" id="inbox-title" mb="xs">
          Inbox
        </Title>
        <Alert color="gray" title="Messaging is not available" data-testid="inbox-unavailable">
          {inbox.reason}
        </Alert>
      </Paper>
    );

  const current = thread && thread.conversation.conversation_id === selected ? thread : null;
  const error = formError ?? sender.error ?? closer.error ?? joiner.error ?? reader.error ?? inboxError;

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="inbox-title" id="inbox">
      <Stack gap="xs">
        <Group justify="space-between" wrap="wrap" gap="xs">
          <Title order={2} size="h4" id="inbox-title">
            Inbox
          </Title>
          {available ? (
            <MessagingControls
              client={client}
              inbox={available}
              joiner={joiner}
              campaignChoice={campaignChoice}
              onCampaignChoice={setCampaignChoice}
              onChanged={onChanged}
            />
          ) : null}
        </Group>
        <Grid gap="sm">
          <Grid.Col span={{ base: 12, md: 5 }}>
            {available ? (
              <ConversationList conversations={available.conversations} selected={selected} onSelect={open} />
            ) : (
              <Text size="sm" c="dimmed">
                Reading the inbox…
              </Text>
            )}
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 7 }}>
            {current ? (
              <Stack gap={6} data-testid="conversation" data-conversation-id={current.conversation.conversation_id}>
                <Group justify="space-between" wrap="wrap" gap="xs">
                  <Title order={3} size="h5">
                    {customerLabel(current.conversation)}
                  </Title>
                  <Group gap="xs">
                    <ChannelBadge channel={current.conversation.channel} />
                    <Text size="xs" c="dimmed" data-testid="window-state">
                      {windowWords(current.conversation)}
                    </Text>
                  </Group>
                </Group>
                <MessageThread channel={current.conversation.channel} messages={current.messages} />
                <ReplyBox
                  key={current.conversation.conversation_id}
                  conversation={current.conversation}
                  templates={templates}
                  sending={sender.pending}
                  onSend={send}
                  onError={setFormError}
                />
                {current.conversation.conversation_state === 'closed' ? null : (
                  <CloseConversationForm
                    dispositions={current.dispositions}
                    closing={closer.pending}
                    onError={setFormError}
                    onClose={async (body) => {
                      const id = current.conversation.conversation_id;
                      const done = await closer.run(() =>
                        client.call('closeConversation', { params: { conversation_id: id }, body }),
                      );
                      if (!done) return false;
                      onClosed(id, body.disposition_code);
                      void readThread(id);
                      onChanged();
                      return true;
                    }}
                  />
                )}
              </Stack>
            ) : (
              <Text size="sm" c="dimmed">
                {selected === null ? 'Choose a conversation to read it and reply.' : 'Reading the conversation…'}
              </Text>
            )}
          </Grid.Col>
        </Grid>
        <ErrorSlot error={error} />
      </Stack>
    </Paper>
  );
}

/** Whether free text may be sent now, and until when, in words. */
function windowWords(c: ThreadView['conversation']): string {
  if (c.window_expires_at === null) return 'No reply window on this channel';
  const until = `${formatSystemTime(c.window_expires_at, 'minute')} (${SYSTEM_TIME_LABEL})`;
  return c.window_open ? `Reply window open until ${until}` : `Reply window closed at ${until}`;
}

type Available = Extract<InboxView, { available: true }>;

const STATE_WORDS: Record<string, string> = {
  ready: 'ready',
  paused: 'paused',
  logged_out: 'not taking conversations',
};

/**
 * The agent's messaging campaign and state, apart from the voice ones: join a campaign (paused),
 * go ready to be offered conversations or pause, leave (open conversations go back to the queue).
 */
function MessagingControls({
  client,
  inbox,
  joiner,
  campaignChoice,
  onCampaignChoice,
  onChanged,
}: {
  client: ConsoleClient;
  inbox: Available;
  joiner: AsyncAction;
  campaignChoice: string;
  onCampaignChoice(value: string): void;
  onChanged(): void;
}) {
  const run = async (task: () => Promise<unknown>) => {
    if (await joiner.run(task)) onChanged();
  };
  const joined = inbox.campaigns.find((c) => c.campaign_id === inbox.agent.campaign_id);
  if (joined) {
    const ready = inbox.agent.messaging_state === 'ready';
    return (
      <Group gap="xs" wrap="wrap" data-testid="messaging-campaign">
        <Text size="sm">{joined.campaign_name}</Text>
        <Badge color={ready ? 'green' : 'yellow'} variant="filled" data-testid="messaging-state">
          {STATE_WORDS[inbox.agent.messaging_state] ?? inbox.agent.messaging_state}
        </Badge>
        <Button
          size="xs"
          loading={joiner.pending}
          onClick={() => run(() => client.call('messagingState', { body: { state: ready ? 'paused' : 'ready' } }))}
        >
          {ready ? 'Pause conversations' : 'Ready for conversations'}
        </Button>
        <Button
          size="xs"
          variant="default"
          loading={joiner.pending}
          onClick={() => run(() => client.call('messagingLeave'))}
        >
          Leave
        </Button>
      </Group>
    );
  }
  const campaign = inbox.campaigns.find((c) => String(c.campaign_id) === campaignChoice) ?? inbox.campaigns[0];
  return (
    <Group gap="xs" wrap="nowrap" align="flex-end">
      <NativeSelect
        size="xs"
        aria-label="Messaging campaign"
        value={campaign ? String(campaign.campaign_id) : ''}
        onChange={(e) => onCampaignChoice(e.currentTarget.value)}
        data={
          inbox.campaigns.length === 0
            ? [{ value: '', label: 'No messaging campaigns' }]
            : inbox.campaigns.map((c) => ({ value: String(c.campaign_id), label: c.campaign_name }))
        }
        disabled={inbox.campaigns.length === 0}
      />
      <Button
        size="xs"
        disabled={!campaign}
        loading={joiner.pending}
        onClick={() =>
          campaign
            ? run(() => client.call('messagingJoin', { body: { campaign_id: campaign.campaign_id } }))
            : undefined
        }
      >
        Take conversations
      </Button>
    </Group>
  );
}
