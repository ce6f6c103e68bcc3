import { Group, Paper, Stack, TextInput, Title } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import type { ConsoleClient } from '../api/console-client.js';
import { useAsyncAction } from '../hooks/use-async-action.js';
import { BlockedButton } from './blocked-button.js';
import { ErrorSlot } from './error-slot.js';

interface Props {
  client: ConsoleClient;
  onCallStarted(callId: number): void;
  /** Why no call can be placed now (a call is live), or null. */
  busyReason: string | null;
}

/**
 * Click-2-Dial: a number, or a lead (its id, with the number to dial). What was typed stays after a
 * call or a refusal, so a redial or a fix is one keystroke away. While a call is live Dial is held
 * back and says why.
 */
export function DialPanel({ client, onCallStarted, busyReason }: Props) {
  const [phoneNumber, setPhoneNumber] = useState('');
  const [leadId, setLeadId] = useState('');
  const action = useAsyncAction();
  const leadError = leadId.trim() !== '' && !/^[1-9][0-9]*$/.test(leadId.trim()) ? 'a lead id is a whole number' : null;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (leadError || busyReason) return;
    const lead = leadId.trim();
    const started = await action.run(() =>
      client.call('dial', {
        body: { phone_number: phoneNumber.trim(), ...(lead ? { lead_id: Number(lead) } : {}) },
      }),
    );
    if (started) onCallStarted(started.call_id);
  };

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="dial-title">
      <form onSubmit={submit} noValidate>
        <Stack gap="xs">
          <Title order={2} size="h4" id="dial-title">
            Dial
          </Title>
          <Group align="flex-start" gap="xs" grow>
            <TextInput
              label="Phone number"
              name="phone_number"
              inputMode="tel"
              autoComplete="off"
              value={phoneNumber}
              onChange={(e) => setPhoneNumber(e.currentTarget.value)}
            />
            <TextInput
              label="Lead id (optional)"
              name="lead_id"
              inputMode="numeric"
              autoComplete="off"
              value={leadId}
              error={leadError}
              onChange={(e) => setLeadId(e.currentTarget.value)}
            />
          </Group>
          <Group>
            <BlockedButton
              type="submit"
              blockedReason={busyReason}
              loading={action.pending}
              disabled={!phoneNumber.trim()}
              miw={100}
            >
              Dial
            </BlockedButton>
          </Group>
          <ErrorSlot error={action.error} />
        </Stack>
      </form>
    </Paper>
  );
}
