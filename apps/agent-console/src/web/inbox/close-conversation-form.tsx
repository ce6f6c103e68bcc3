/**
 * Closing a conversation with one of its campaign's dispositions (nothing is chosen for the agent)
 * and notes. Omni then sends the conversation's `conversation_end`.
 *
 * @module
 */

import { Button, Group, NativeSelect, TextInput } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import type { CloseConversationBody } from '../../shared/inbox-schemas.js';

interface Props {
  dispositions: string[];
  closing: boolean;
  onClose(body: CloseConversationBody): Promise<boolean>;
  onError(error: string | null): void;
}

export function CloseConversationForm({ dispositions, closing, onClose, onError }: Props) {
  const [code, setCode] = useState('');
  const [notes, setNotes] = useState('');
  const chosen = dispositions.includes(code) ? code : '';

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (closing) return;
    if (!chosen) {
      onError('Choose a disposition before you close the conversation.');
      return;
    }
    onError(null);
    const done = await onClose({ disposition_code: chosen, ...(notes.trim() ? { notes: notes.trim() } : {}) });
    if (done) {
      setCode('');
      setNotes('');
    }
  };

  return (
    <form onSubmit={submit} noValidate aria-label="Close the conversation">
      <Group gap="xs" align="flex-end" wrap="wrap">
        <NativeSelect
          label="Close with disposition"
          value={chosen}
          onChange={(e) => setCode(e.currentTarget.value)}
          data={[{ value: '', label: 'Choose…' }, ...dispositions]}
          disabled={dispositions.length === 0}
          style={{ flex: '1 1 10rem' }}
        />
        <TextInput
          label="Close notes"
          value={notes}
          maxLength={2000}
          onChange={(e) => setNotes(e.currentTarget.value)}
          style={{ flex: '2 1 12rem' }}
        />
        <Button type="submit" variant="default" disabled={!chosen} loading={closing}>
          Close conversation
        </Button>
      </Group>
    </form>
  );
}
