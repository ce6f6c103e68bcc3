import { Alert, Badge, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import type { Phone, PhoneStatus } from '../phone/use-phone.js';
import { formatSystemTime, SYSTEM_TIME_LABEL } from './system-time.js';

const STATUS_WORDS: Record<PhoneStatus, { label: string; color: string }> = {
  off: { label: 'not registered', color: 'gray' },
  registering: { label: 'registering…', color: 'yellow' },
  registered: { label: 'registered', color: 'green' },
  reconnecting: { label: 'reconnecting…', color: 'orange' },
  failed: { label: 'not registered', color: 'red' },
};

/** The softphone's registration, the bridge call, and the way to register again. */
export function PhonePanel({ phone }: { phone: Phone }) {
  const { state } = phone;
  const words = STATUS_WORDS[state.status];
  const busy = state.status === 'registering';
  const active = state.status === 'registered' || state.status === 'reconnecting';
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="phone-title">
      <Stack gap={6}>
        <Group justify="space-between" wrap="nowrap">
          <Title order={2} size="h4" id="phone-title">
            Phone
          </Title>
          <Badge color={words.color} variant="filled" miw={130} aria-live="polite" data-testid="phone-status">
            {words.label}
          </Badge>
        </Group>
        <Text size="sm">
          Extension <strong>{state.extension ?? '—'}</strong> · bridge call{' '}
          <strong data-testid="bridge-state">
            {state.bridge === 'up' ? (state.held ? 'connected (held)' : 'connected') : 'none'}
          </strong>
        </Text>
        <Text size="xs" c="dimmed" mih={18} data-testid="phone-expiry">
          {state.expiresAt
            ? `WebRTC session valid until ${formatSystemTime(state.expiresAt, 'minute')} (${SYSTEM_TIME_LABEL})`
            : ''}
        </Text>
        {state.reloaded ? (
          <Alert color="orange" variant="light" p="xs" role="status">
            This page was reloaded. A reload drops the phone’s registration and its bridge call, as in Omni’s own
            webphone, so the console registered the phone again. If you were logged in to a campaign, log in again.
          </Alert>
        ) : null}
        <Text size="sm" c="red.9" mih={20} role="alert">
          {state.error ?? ''}
        </Text>
        <Group>
          {/* One button that changes its words, so keyboard focus stays on it. */}
          <Button
            variant={active ? 'default' : 'filled'}
            onClick={() => void (active ? phone.unregister() : phone.register())}
            loading={busy}
            miw={170}
          >
            {active ? 'Unregister phone' : 'Register phone'}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}
