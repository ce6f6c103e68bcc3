/**
 * The console's header: who is signed in, the Agent / Supervisor switch (mock only), the shortcuts
 * list and Sign out. On a phone it takes two rows (the switch under the rest) so every control,
 * Sign out first of all, stays on the screen.
 *
 * @module
 */

import { Button, Group, SegmentedControl, Text, Title } from '@mantine/core';
import type { SessionView } from '../../shared/console-schemas.js';

export type ConsoleView = 'agent' | 'supervisor';

interface Props {
  session: SessionView;
  view: ConsoleView;
  onView(view: ConsoleView): void;
  onShortcuts(): void;
  onSignOut(): void;
  signingOut: boolean;
}

export function ConsoleHeader({ session, view, onView, onShortcuts, onSignOut, signingOut }: Props) {
  return (
    <div className="console-header" data-with-view={session.target === 'mock' || undefined}>
      <Group gap="sm" wrap="nowrap" className="console-header-who">
        <Title order={1} size="h4" style={{ whiteSpace: 'nowrap' }}>
          Agent console
        </Title>
        <Text size="sm" c="dimmed" visibleFrom="md" style={{ whiteSpace: 'nowrap' }}>
          {session.user_name} · ext {session.extension}
        </Text>
      </Group>
      {session.target === 'mock' ? (
        <SegmentedControl
          className="console-header-view"
          aria-label="View"
          size="sm"
          value={view}
          onChange={(v) => onView(v === 'supervisor' ? 'supervisor' : 'agent')}
          data={[
            { value: 'agent', label: 'Agent' },
            { value: 'supervisor', label: 'Supervisor (mock only)' },
          ]}
        />
      ) : null}
      <Group gap="xs" wrap="nowrap" className="console-header-actions">
        <Button variant="subtle" size="sm" onClick={onShortcuts} aria-keyshortcuts="?" px="xs">
          Shortcuts
        </Button>
        <Button variant="default" size="sm" onClick={onSignOut} loading={signingOut}>
          Sign out
        </Button>
      </Group>
    </div>
  );
}
