import { describe, expect, it } from 'vitest';
import {
  CHANNEL_STATUSES,
  canMoveMessageStatus,
  engagementStatus,
  isFailedMessageStatus,
  isFinalMessageStatus,
  MESSAGE_STATUSES,
  type MessageStatus,
} from '../../../src/engine/messaging/message-status.js';
import { MESSAGING_CHANNELS, type MessagingChannel } from '../../../src/engine/messaging/messaging-channel.js';

/** Every move each channel allows, written out by hand. */
const MOVES: Readonly<Record<MessagingChannel, readonly string[]>> = {
  sms: ['queued→sent', 'queued→failed', 'sent→delivered', 'sent→failed', 'sent→undelivered'],
  whatsapp: ['queued→sent', 'queued→failed', 'sent→delivered', 'sent→failed', 'delivered→read'],
  facebook: ['queued→sent', 'queued→failed', 'sent→delivered', 'sent→failed', 'delivered→read'],
  email: ['queued→sent', 'queued→failed', 'sent→delivered', 'sent→failed', 'sent→undelivered', 'delivered→opened'],
};

describe('outbound status progression per channel', () => {
  it.each(MESSAGING_CHANNELS)('%s allows exactly its moves', (channel) => {
    const allowed: string[] = [];
    for (const from of MESSAGE_STATUSES)
      for (const to of MESSAGE_STATUSES) if (canMoveMessageStatus(channel, from, to)) allowed.push(`${from}→${to}`);
    expect(allowed.sort()).toEqual([...MOVES[channel]].sort());
  });

  it('read only on WhatsApp and Messenger, opened only on email, undelivered only on SMS and email', () => {
    expect(MESSAGING_CHANNELS.filter((c) => CHANNEL_STATUSES[c].includes('read'))).toEqual(['whatsapp', 'facebook']);
    expect(MESSAGING_CHANNELS.filter((c) => CHANNEL_STATUSES[c].includes('opened'))).toEqual(['email']);
    expect(MESSAGING_CHANNELS.filter((c) => CHANNEL_STATUSES[c].includes('undelivered'))).toEqual(['sms', 'email']);
    expect(MESSAGING_CHANNELS.map(engagementStatus)).toEqual([null, 'read', 'opened', 'read']);
  });

  it('never moves backwards or skips to read before delivery', () => {
    expect(canMoveMessageStatus('whatsapp', 'delivered', 'sent')).toBe(false);
    expect(canMoveMessageStatus('whatsapp', 'sent', 'read')).toBe(false);
    expect(canMoveMessageStatus('whatsapp', 'read', 'delivered')).toBe(false);
    expect(canMoveMessageStatus('email', 'failed', 'sent')).toBe(false);
    expect(canMoveMessageStatus('sms', 'queued', 'delivered')).toBe(false);
  });

  it.each([
    ['sms', 'delivered', true],
    ['whatsapp', 'delivered', false],
    ['whatsapp', 'read', true],
    ['email', 'delivered', false],
    ['email', 'opened', true],
    ['sms', 'sent', false],
    ['facebook', 'failed', true],
    ['email', 'undelivered', true],
  ] as const)('on %s, %s is final: %s', (channel, status, final) => {
    expect(isFinalMessageStatus(channel, status as MessageStatus)).toBe(final);
  });

  it('failed and undelivered are the failures', () => {
    expect(MESSAGE_STATUSES.filter(isFailedMessageStatus)).toEqual(['failed', 'undelivered']);
  });
});
