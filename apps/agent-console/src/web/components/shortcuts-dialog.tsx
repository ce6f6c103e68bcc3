/**
 * The keyboard shortcuts, listed in a dialog that `?` opens (and the header's "Shortcuts" button, for
 * those who do not know to press it). Escape closes it and focus returns where it was.
 *
 * @module
 */

import { Kbd, Modal, Table, Text } from '@mantine/core';
import { DESK_SHORTCUTS } from './desk-shortcuts.js';

export function ShortcutsDialog({ opened, onClose }: { opened: boolean; onClose(): void }) {
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title="Keyboard shortcuts"
      centered
      size="md"
      closeButtonProps={{ 'aria-label': 'Close the shortcuts' }}
    >
      <Table aria-label="Keyboard shortcuts" data-testid="shortcuts-table">
        <Table.Tbody>
          {Object.values(DESK_SHORTCUTS).map((s) => (
            <Table.Tr key={s.key}>
              <Table.Td w={60}>
                <Kbd>{s.key.toUpperCase()}</Kbd>
              </Table.Td>
              <Table.Td>{s.label}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Text size="sm" c="dimmed" mt="sm">
        Shortcuts do nothing while you type in a field: press Tab to leave it, or Escape to close this list.
      </Text>
    </Modal>
  );
}
