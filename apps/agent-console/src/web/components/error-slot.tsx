import { Text } from '@mantine/core';

/**
 * Where a panel's last error is written. The slot keeps its height whether or not there is an error,
 * so an error appearing during a call never pushes the rest of the screen down.
 */
export function ErrorSlot({ error, id }: { error: string | null; id?: string }) {
  return (
    <Text id={id} role="alert" c="red.8" size="sm" mih={40} lineClamp={2} fw={500}>
      {error ?? ''}
    </Text>
  );
}
