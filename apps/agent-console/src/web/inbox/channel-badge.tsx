/**
 * A channel's icon and name, so the agent sees at a glance where a conversation lives. The icon is
 * decoration (hidden from screen readers); the name is always written.
 *
 * @module
 */

import { Group, Text } from '@mantine/core';
import type { InboxChannel } from '../../shared/inbox-schemas.js';
import { CHANNEL_LABELS } from './channel-labels.js';

/** Each channel's colour: at least 5.9:1 on white, on the open row's blue and on the bubbles (WCAG AA for small text). */
const COLOURS: Record<InboxChannel, string> = {
  sms: '#343a40',
  whatsapp: '#1e6b2f',
  email: '#1864ab',
  facebook: '#364fc7',
};

function ChannelIcon({ channel }: { channel: InboxChannel }) {
  const common = {
    width: 16,
    height: 16,
    viewBox: '0 0 16 16',
    fill: 'none',
    stroke: COLOURS[channel],
    strokeWidth: 1.6,
    focusable: false,
  } as const;
  switch (channel) {
    case 'sms':
      return (
        <svg {...common} aria-hidden="true">
          <rect x="4" y="1.5" width="8" height="13" rx="1.5" />
          <path d="M7 12.5h2" />
        </svg>
      );
    case 'whatsapp':
      return (
        <svg {...common} aria-hidden="true">
          <path d="M2.5 13.5l1-3a5.5 5.5 0 1 1 2 2z" />
        </svg>
      );
    case 'email':
      return (
        <svg {...common} aria-hidden="true">
          <rect x="1.5" y="3.5" width="13" height="9" rx="1" />
          <path d="M2 4l6 5 6-5" />
        </svg>
      );
    case 'facebook':
      return (
        <svg {...common} aria-hidden="true">
          <path d="M8 1.8c-3.6 0-6.3 2.6-6.3 6 0 1.9.9 3.5 2.3 4.6v2l2.1-1.2c.6.2 1.2.3 1.9.3 3.6 0 6.3-2.6 6.3-5.8S11.6 1.8 8 1.8z" />
          <path d="M4.8 9.5l2.2-2.3 1.5 1.4 2.4-2.2" />
        </svg>
      );
  }
}

/** The channel's icon and name. */
export function ChannelBadge({ channel }: { channel: InboxChannel }) {
  return (
    <Group gap={4} wrap="nowrap" component="span" data-channel={channel}>
      <ChannelIcon channel={channel} />
      <Text component="span" size="xs" fw={600} style={{ color: COLOURS[channel] }}>
        {CHANNEL_LABELS[channel]}
      </Text>
    </Group>
  );
}
