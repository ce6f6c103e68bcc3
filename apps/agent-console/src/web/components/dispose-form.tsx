import { Button, Group, NativeSelect, Stack, Textarea, TextInput } from '@mantine/core';
import type { CampaignView } from '@omnikit/contracts';
import { type FormEvent, type RefObject, useState } from 'react';
import type { ConsoleClient } from '../api/console-client.js';
import { useAsyncAction } from '../hooks/use-async-action.js';
import { ErrorSlot } from './error-slot.js';

interface Props {
  client: ConsoleClient;
  selectRef?: RefObject<HTMLSelectElement | null>;
  callId: number;
  campaign: CampaignView | undefined;
  /** Omni takes a disposition once the agent's part of the call has ended (B.5). */
  enabled: boolean;
  onDisposed(): void;
}

/** `datetime-local`'s value (the browser's time zone) as ISO-8601 with Z, or null when unreadable. */
function toIso(local: string): string | null {
  if (!local) return null;
  const date = new Date(local);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

/**
 * The disposition: one of the campaign's codes, a callback date and time for `CALLBK`, and notes.
 * The callback field is always there (enabled only for `CALLBK`) so choosing a code moves nothing.
 * A refusal keeps everything as typed.
 */
export function DisposeForm({ selectRef, client, callId, campaign, enabled, onDisposed }: Props) {
  const codes = campaign?.dispositions ?? [];
  const [code, setCode] = useState('');
  const [callback, setCallback] = useState('');
  const [notes, setNotes] = useState('');
  const [localError, setLocalError] = useState<string | null>(null);
  const action = useAsyncAction();
  const chosen = codes.includes(code) ? code : (codes[0] ?? '');
  const isCallback = chosen === 'CALLBK';

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setLocalError(null);
    const when = isCallback ? toIso(callback) : null;
    if (isCallback && !when) {
      setLocalError('A callback needs a date and time: fill in “Callback at”.');
      return;
    }
    const done = await action.run(async () => {
      await client.call('dispose', {
        params: { call_id: callId },
        body: {
          disposition_code: chosen,
          ...(when ? { callback_date_time: when } : {}),
          ...(notes.trim() ? { notes: notes.trim() } : {}),
        },
      });
      return true;
    });
    if (done) {
      setNotes('');
      setCallback('');
      onDisposed();
    }
  };

  return (
    <form onSubmit={submit} noValidate aria-label="Disposition">
      <Stack gap="xs">
        <Group gap="xs" grow align="flex-start">
          <NativeSelect
            ref={selectRef}
            label="Disposition"
            value={chosen}
            onChange={(e) => setCode(e.currentTarget.value)}
            data={codes}
            disabled={codes.length === 0}
          />
          <TextInput
            type="datetime-local"
            label="Callback at"
            value={callback}
            onChange={(e) => setCallback(e.currentTarget.value)}
            disabled={!isCallback}
          />
        </Group>
        <Textarea
          label="Notes"
          value={notes}
          onChange={(e) => setNotes(e.currentTarget.value)}
          rows={2}
          maxLength={2000}
          resize="none"
        />
        <Group>
          <Button type="submit" disabled={!enabled || !chosen} loading={action.pending} miw={100}>
            Dispose
          </Button>
        </Group>
        <ErrorSlot error={localError ?? action.error} />
      </Stack>
    </form>
  );
}
