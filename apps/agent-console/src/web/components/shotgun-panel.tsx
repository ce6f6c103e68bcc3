import { Badge, Button, Group, Paper, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import type { ShotgunView } from '@omnikit/contracts';
import { type FormEvent, useState } from 'react';
import type { ConsoleClient } from '../api/console-client.js';
import { useAsyncAction } from '../hooks/use-async-action.js';
import { usePoll } from '../hooks/use-poll.js';
import { BlockedButton } from './blocked-button.js';
import { ErrorSlot } from './error-slot.js';

interface Props {
  client: ConsoleClient;
  onCallStarted(callId: number): void;
  /** Why no race can start now (a call is live), or null. */
  busyReason: string | null;
}

const SLOTS = 5;

const OUTCOME_WORDS: Record<ShotgunView['legs'][number]['outcome'], string> = {
  pending: 'ringing',
  won: 'answered — yours',
  cancelled: 'dropped',
  busy: 'busy',
  no_answer: 'no answer',
  machine: 'answering machine',
  invalid: 'invalid number',
  failed: 'network failure',
  declined: 'declined',
};

const RACE_WORDS: Record<ShotgunView['state'], string> = {
  racing: 'racing',
  won: 'won',
  lost: 'no one answered',
  cancelled: 'cancelled',
};

/**
 * Shotgun: up to five numbers dialled at once; the first that answers is put through, the others are
 * dropped. The race is polled leg by leg while it runs. The table always has five rows, so nothing
 * below it moves while legs change.
 */
export function ShotgunPanel({ client, onCallStarted, busyReason }: Props) {
  const [numbers, setNumbers] = useState<string[]>(() => Array.from({ length: SLOTS }, () => ''));
  const [race, setRace] = useState<ShotgunView | null>(null);
  const start = useAsyncAction();
  const poll = useAsyncAction();
  const racing = race?.state === 'racing';

  usePoll(
    async (signal) => {
      if (!race) return;
      const next = await poll.run(() => client.call('getShotgun', { params: { shotgun_id: race.shotgun_id }, signal }));
      if (!next) return;
      setRace(next);
      if (next.state === 'won' && next.winner_call_id) onCallStarted(next.winner_call_id);
    },
    500,
    racing,
  );

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busyReason && !racing) return;
    const phoneNumbers = numbers.map((n) => n.trim()).filter((n) => n !== '');
    const started = await start.run(() => client.call('startShotgun', { body: { phone_numbers: phoneNumbers } }));
    if (!started) return;
    setRace({
      shotgun_id: started.shotgun_id,
      state: 'racing',
      winner_call_id: 0,
      legs: started.calls.map((c) => ({
        call_id: c.call_id,
        phone_number: c.phone_number,
        call_state: 'initiated',
        outcome: 'pending',
        sip_code: 0,
      })),
    });
  };

  const cancel = async () => {
    if (!race) return;
    const done = await start.run(() => client.call('cancelShotgun', { params: { shotgun_id: race.shotgun_id } }));
    if (done) {
      const next = await poll.run(() => client.call('getShotgun', { params: { shotgun_id: race.shotgun_id } }));
      if (next) setRace(next);
    }
  };

  const rows = Array.from({ length: SLOTS }, (_, i) => race?.legs[i]);
  const filled = numbers.filter((n) => n.trim() !== '').length;

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="shotgun-title">
      <form onSubmit={submit} noValidate>
        <Stack gap="xs">
          <Group justify="space-between">
            <Title order={2} size="h4" id="shotgun-title">
              Shotgun
            </Title>
            <Badge variant="light" miw={140} data-testid="shotgun-state" aria-live="polite">
              {race ? `race ${RACE_WORDS[race.state]}` : 'no race'}
            </Badge>
          </Group>
          <SimpleGrid cols={{ base: 2, lg: 3 }} spacing="xs" verticalSpacing={4}>
            {numbers.map((value, i) => (
              <TextInput
                // biome-ignore lint/suspicious/noArrayIndexKey: the five slots are fixed positions.
                key={i}
                label={`Number ${i + 1}`}
                inputMode="tel"
                autoComplete="off"
                value={value}
                onChange={(e) => {
                  const next = e.currentTarget.value;
                  setNumbers((all) => all.map((n, j) => (j === i ? next : n)));
                }}
              />
            ))}
          </SimpleGrid>
          <Group gap="xs">
            <BlockedButton
              type="submit"
              blockedReason={racing ? null : busyReason}
              disabled={filled === 0 || racing}
              loading={start.pending}
            >
              Start shotgun
            </BlockedButton>
            <Button variant="default" disabled={!racing} onClick={cancel}>
              Cancel race
            </Button>
          </Group>
          <Table striped withTableBorder fz="sm" aria-label="Shotgun legs" data-testid="shotgun-legs">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Number</Table.Th>
                <Table.Th>Call</Table.Th>
                <Table.Th>Outcome</Table.Th>
                <Table.Th>SIP</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((leg, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: five fixed rows keep the table's height.
                <Table.Tr key={i} h={30}>
                  <Table.Td className="tabular">{leg?.phone_number ?? ''}</Table.Td>
                  <Table.Td>{leg?.call_state ?? ''}</Table.Td>
                  <Table.Td>{leg ? OUTCOME_WORDS[leg.outcome] : ''}</Table.Td>
                  <Table.Td className="tabular">{leg?.sip_code ? leg.sip_code : ''}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          <Text size="xs" c="dimmed">
            The first number that answers is put through to you; the others are dropped.
          </Text>
          <ErrorSlot error={start.error ?? poll.error} />
        </Stack>
      </form>
    </Paper>
  );
}
