/**
 * What the agent may send in a conversation now. Inside the channel's window (and always on SMS and
 * email) free text, with a subject on email; on WhatsApp outside its 24-hour window the template
 * picker; on Messenger outside its window free text with one of the message tags it allows.
 * Nothing typed is cleared by a refusal.
 *
 * @module
 */

import { Button, Group, NativeSelect, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import type { InboxConversation, ReplyBody, TemplateList } from '../../shared/inbox-schemas.js';
import { TemplatePicker } from './template-picker.js';

interface Props {
  conversation: InboxConversation;
  templates: TemplateList | null;
  sending: boolean;
  onSend(body: ReplyBody): Promise<boolean>;
  onError(error: string | null): void;
}

export function ReplyBox({ conversation, templates, sending, onSend, onError }: Props) {
  const [text, setText] = useState('');
  const [subject, setSubject] = useState('');
  const [tag, setTag] = useState('');
  const { channel } = conversation;
  const closed = conversation.conversation_state === 'closed';

  if (closed)
    return (
      <Text size="sm" c="dimmed">
        This conversation is closed.
      </Text>
    );

  if (channel === 'whatsapp' && !conversation.window_open)
    return (
      <TemplatePicker
        templates={templates?.templates ?? []}
        sending={sending}
        onError={onError}
        onSend={(t, variables) => onSend({ kind: 'template', template_name: t.name, language: t.language, variables })}
      />
    );

  const needsTag = channel === 'facebook' && !conversation.window_open;
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (sending) return;
    if (!text.trim()) {
      onError('Write a message first.');
      return;
    }
    if (needsTag && !tag) {
      onError('Messenger’s 24-hour window has closed: choose a message tag that fits this message.');
      return;
    }
    onError(null);
    const sent = await onSend({
      kind: 'text',
      text: text.trim(),
      ...(channel === 'email' && subject.trim() ? { subject: subject.trim() } : {}),
      ...(needsTag ? { message_tag: tag } : {}),
    });
    if (sent) {
      setText('');
      setSubject('');
      setTag('');
    }
  };

  return (
    <form onSubmit={submit} noValidate aria-label="Reply to the customer" data-testid="reply-box">
      <Stack gap={6}>
        {channel === 'email' ? (
          <TextInput
            label="Subject"
            value={subject}
            maxLength={200}
            onChange={(e) => setSubject(e.currentTarget.value)}
          />
        ) : null}
        {needsTag ? (
          <NativeSelect
            label="Message tag (Messenger’s 24-hour window has closed)"
            value={tag}
            onChange={(e) => setTag(e.currentTarget.value)}
            data={[
              { value: '', label: 'Choose…' },
              ...(templates?.message_tags ?? []).map((t) => ({ value: t.tag, label: `${t.tag}: ${t.description}` })),
            ]}
          />
        ) : null}
        <Group gap="xs" align="flex-end" wrap="nowrap">
          <Textarea
            label="Reply"
            value={text}
            onChange={(e) => setText(e.currentTarget.value)}
            rows={2}
            maxLength={4096}
            resize="none"
            style={{ flex: 1, minWidth: 0 }}
          />
          <Button type="submit" loading={sending} miw={90}>
            Send
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
