import { Button, Group, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import type { ConsoleClient } from '../api/console-client.js';
import { useAsyncAction } from '../hooks/use-async-action.js';
import { ErrorSlot } from './error-slot.js';

/**
 * Mock only: a caller dials a campaign's number now, so a person trying the console can take an
 * inbound call by clicking (a real Omni's callers ring on their own). The demo data's DIDs are
 * 0861000004 (Inbound) and 0861000005 (Progressive blended). What was typed stays after a refusal.
 */
export function InboundCallForm({ client }: { client: ConsoleClient }) {
  const [did, setDid] = useState('0861000005');
  const [caller, setCaller] = useState('0215550123');
  const [placed, setPlaced] = useState<string | null>(null);
  const action = useAsyncAction();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setPlaced(null);
    const result = await action.run(() =>
      client.call('supervisorInbound', { body: { did: did.trim(), phone_number: caller.trim() } }),
    );
    if (result) setPlaced(result.detail);
  };

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="inbound-title">
      <form onSubmit={submit} noValidate>
        <Stack gap="xs">
          <Title order={3} size="h4" id="inbound-title">
            Ring an inbound call
          </Title>
          <Text size="sm" c="dimmed">
            A caller dials a campaign’s number: 0861000005 (Progressive blended) or 0861000004 (Inbound). A ready agent
            logged in to that campaign takes it.
          </Text>
          <Group align="flex-start" gap="xs" grow>
            <TextInput
              label="Number dialled"
              inputMode="tel"
              autoComplete="off"
              value={did}
              onChange={(e) => setDid(e.currentTarget.value)}
            />
            <TextInput
              label="Caller"
              inputMode="tel"
              autoComplete="off"
              value={caller}
              onChange={(e) => setCaller(e.currentTarget.value)}
            />
          </Group>
          <Group>
            <Button type="submit" loading={action.pending} disabled={!did.trim() || !caller.trim()}>
              Ring inbound call
            </Button>
            <Text size="sm" data-testid="inbound-placed" aria-live="polite">
              {placed ?? ''}
            </Text>
          </Group>
          <ErrorSlot error={action.error} />
        </Stack>
      </form>
    </Paper>
  );
}
