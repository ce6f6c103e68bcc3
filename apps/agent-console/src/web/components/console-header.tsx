/**
 * The console's header: who is signed in, the Agent / Inbox / Supervisor (mock only) switch, the shortcuts
 * list and Sign out. On a phone it takes two rows (the switch under the rest) so every control,
 * Sign out first of all, stays on the screen.
 *
 * @module
 */

import { Button, Group, SegmentedControl, Text, Title } from '@mantine/core';
import type { SessionView } from '../../shared/console-schemas.js';

export type ConsoleView = 'agent' | 'inbox' | 'supervisor';

interface Props {
  session: SessionView;
  view: ConsoleView;
  onView(view: ConsoleView): void;
  onShortcuts(): void;
  onSignOut(): void;
  signingOut: boolean;
  /** Customer messages unread in the inbox, shown on its switch. */
  unread: number;
}

const VIEWS: readonly ConsoleView[] = ['agent', 'inbox', 'supervisor'];

export function ConsoleHeader({ session, view, onView, onShortcuts, onSignOut, signingOut, unread }: Props) {
  return (
    <div className="console-header" data-with-view>
      <Group gap="sm" wrap="nowrap" className="console-header-who">
        <Title order={1} size="h4" style={{ whiteSpace: 'nowrap' }}>
          Agent console
        </Title>
        <Text size="sm" c="dimmed" visibleFrom="md" style={{ whiteSpace: 'nowrap' }}>
          {session.user_name} · ext {session.extension}
        </Text>
      </Group>
      <SegmentedControl
        className="console-header-view"
        aria-label="View"
        size="sm"
        value={view}
        onChange={(v) => onView(VIEWS.find((known) => known === v) ?? 'agent')}
        data={[
          { value: 'agent', label: 'Agent' },
          { value: 'inbox', label: unread > 0 ? `Inbox (${unread})` : 'Inbox' },
          // The supervisor view reads the mock's control API: offered only where it answers.
          ...(session.target === 'mock' && session.control_api
            ? [{ value: 'supervisor', label: 'Supervisor (mock only)' }]
            : []),
        ]}
      />
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
