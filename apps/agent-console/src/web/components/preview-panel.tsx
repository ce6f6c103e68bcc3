import { Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import type { LeadView } from '@omnikit/contracts';
import { useState } from 'react';
import type { ConsoleClient } from '../api/console-client.js';
import { useAsyncAction } from '../hooks/use-async-action.js';
import { ErrorSlot } from './error-slot.js';

interface Props {
  client: ConsoleClient;
  /** Only a logged-in, paused or ready agent may take a lead. */
  enabled: boolean;
  onCallStarted(callId: number): void;
}

/**
 * Preview dialling: Omni holds the next lead for this agent; the agent reads it, then calls one of
 * its numbers or skips it.
 */
export function PreviewPanel({ client, enabled, onCallStarted }: Props) {
  const [lead, setLead] = useState<LeadView | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const action = useAsyncAction();

  const next = async () => {
    const answer = await action.run(() => client.call('previewNext'));
    if (!answer) return;
    setLead(answer.lead);
    setNote(answer.lead ? null : answer.detail);
  };

  const skip = async (current: LeadView) => {
    const done = await action.run(() => client.call('previewSkip', { body: { lead_id: current.lead_id } }));
    if (done) {
      setLead(null);
      setNote(`Skipped ${current.first_name} ${current.last_name}.`);
    }
  };

  const dial = async (current: LeadView, phoneNumber: string) => {
    const started = await action.run(() =>
      client.call('dial', { body: { phone_number: phoneNumber, lead_id: current.lead_id } }),
    );
    if (started) {
      setLead(null);
      setNote(`Calling ${current.first_name} ${current.last_name} on ${phoneNumber}.`);
      onCallStarted(started.call_id);
    }
  };

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="preview-title">
      <Stack gap="xs">
        <Group justify="space-between">
          <Title order={2} size="h4" id="preview-title">
            Preview leads
          </Title>
          <Button variant="light" onClick={next} disabled={!enabled || lead !== null} loading={action.pending}>
            Next lead
          </Button>
        </Group>
        {lead ? (
          <Stack gap={4} data-testid="preview-lead">
            <Text fw={600}>
              {lead.first_name} {lead.last_name}{' '}
              <Text span c="dimmed" size="sm">
                (lead {lead.lead_id}, {lead.status})
              </Text>
            </Text>
            <Text size="sm">{lead.other_info}</Text>
            <Group gap="xs">
              {lead.phone_numbers.map((p) => (
                <Button key={p.phone_number} size="xs" onClick={() => dial(lead, p.phone_number)} disabled={!enabled}>
                  Call {p.phone_number}
                </Button>
              ))}
              <Button size="xs" variant="default" onClick={() => skip(lead)}>
                Skip lead
              </Button>
            </Group>
          </Stack>
        ) : (
          <Text size="sm" c="dimmed">
            {note ?? 'Take the next lead to see who to call.'}
          </Text>
        )}
        <ErrorSlot error={action.error} />
      </Stack>
    </Paper>
  );
}
