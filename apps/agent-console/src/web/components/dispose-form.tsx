import { Button, Group, NativeSelect, SimpleGrid, Stack, Textarea, TextInput } from '@mantine/core';
import type { CampaignView } from '@omnikit/contracts';
import { type FormEvent, type RefObject, useEffect, useState } from 'react';
import type { ConsoleClient } from '../api/console-client.js';
import { useAsyncAction } from '../hooks/use-async-action.js';
import { DESK_SHORTCUTS } from './desk-shortcuts.js';

/** What was recorded, for the confirmation the agent sees. */
export interface Disposed {
  callId: number;
  code: string;
}

interface Props {
  client: ConsoleClient;
  selectRef?: RefObject<HTMLSelectElement | null>;
  formRef?: RefObject<HTMLFormElement | null>;
  callId: number;
  campaign: CampaignView | undefined;
  /** Omni takes a disposition once the agent's part of the call has ended (B.5). */
  enabled: boolean;
  onDisposed(disposed: Disposed): void;
  /** The form's error in words (or null), for the panel's one error slot. */
  onError(error: string | null): void;
}

/** `datetime-local`'s value (the browser's time zone) as ISO-8601 with Z, or null when unreadable. */
function toIso(local: string): string | null {
  if (!local) return null;
  const date = new Date(local);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

/** The select's first option: no code is chosen for the agent. */
const NONE = { value: '', label: 'Choose…' };

/**
 * The disposition: one of the campaign's codes, chosen by the agent (nothing is preselected: a
 * default would record calls the agent never judged), a callback date and time for `CALLBK`, and
 * notes. The callback field is always there (enabled only for `CALLBK`) so choosing a code moves
 * nothing. A refusal keeps everything as typed.
 */
export function DisposeForm({ selectRef, formRef, client, callId, campaign, enabled, onDisposed, onError }: Props) {
  const codes = campaign?.dispositions ?? [];
  const [code, setCode] = useState('');
  const [callback, setCallback] = useState('');
  const [notes, setNotes] = useState('');
  const [localError, setLocalError] = useState<string | null>(null);
  const action = useAsyncAction();
  const chosen = codes.includes(code) ? code : '';
  const isCallback = chosen === 'CALLBK';
  const error = localError ?? action.error;
  useEffect(() => onError(error), [error, onError]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!enabled || action.pending) return;
    setLocalError(null);
    if (!chosen) {
      setLocalError('Choose a disposition first.');
      selectRef?.current?.focus();
      return;
    }
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
      setCode('');
      onDisposed({ callId, code: chosen });
    }
  };

  return (
    <form onSubmit={submit} noValidate aria-label="Disposition" ref={formRef}>
      <Stack gap={6}>
        <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="xs" verticalSpacing={6}>
          <NativeSelect
            ref={selectRef}
            label="Disposition"
            value={chosen}
            onChange={(e) => setCode(e.currentTarget.value)}
            data={[NONE, ...codes]}
            disabled={codes.length === 0}
          />
          <TextInput
            type="datetime-local"
            label="Callback at"
            value={callback}
            onChange={(e) => setCallback(e.currentTarget.value)}
            disabled={!isCallback}
          />
        </SimpleGrid>
        <Group gap="xs" align="flex-end" wrap="nowrap">
          <Textarea
            label="Notes"
            value={notes}
            onChange={(e) => setNotes(e.currentTarget.value)}
            rows={2}
            maxLength={2000}
            resize="none"
            style={{ flex: 1, minWidth: 0 }}
          />
          <Button
            type="submit"
            disabled={!enabled || !chosen}
            loading={action.pending}
            miw={100}
            aria-keyshortcuts={DESK_SHORTCUTS.dispose.key.toUpperCase()}
          >
            Dispose
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
