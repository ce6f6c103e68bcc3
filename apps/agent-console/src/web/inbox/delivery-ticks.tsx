/**
 * An outbound message's ticks: a clock while queued, one tick sent, two delivered, two blue read
 * (or opened), a red mark when it failed. The status is also written beside them, so colour and
 * shape are never the only signal.
 *
 * @module
 */

import { Group, Text } from '@mantine/core';
import type { DeliveryStatus } from './delivery-status.js';

const TICK = 'M1.5 8.5l3 3 6-7';
const SECOND = 'M6.5 11.5l6-7';

export function DeliveryTicks({ status }: { status: DeliveryStatus }) {
  const colour =
    status.level === 'seen'
      ? 'var(--mantine-color-blue-7)'
      : status.level === 'failed'
        ? '#a51d1d'
        : 'var(--mantine-color-gray-7)';
  const svg = {
    width: 18,
    height: 14,
    viewBox: '0 0 16 14',
    fill: 'none',
    stroke: colour,
    strokeWidth: 1.7,
    focusable: false,
  } as const;
  return (
    <Group gap={2} wrap="nowrap" component="span" data-ticks={status.level} title={status.words}>
      {status.level === 'pending' ? (
        <svg {...svg} aria-hidden="true">
          <circle cx="8" cy="7" r="5" />
          <path d="M8 4.5V7l1.8 1.2" />
        </svg>
      ) : status.level === 'failed' ? (
        <svg {...svg} aria-hidden="true">
          <circle cx="8" cy="7" r="5.5" />
          <path d="M8 4v3.5M8 9.6v.4" />
        </svg>
      ) : (
        <svg {...svg} aria-hidden="true">
          <path d={TICK} />
          {status.level === 'sent' ? null : <path d={SECOND} transform="translate(3 0)" />}
        </svg>
      )}
      <Text
        component="span"
        size="xs"
        c={status.level === 'failed' ? '#a51d1d' : 'dimmed'}
        data-testid="delivery-words"
      >
        {status.label}
      </Text>
    </Group>
  );
}
