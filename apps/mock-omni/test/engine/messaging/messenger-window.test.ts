import { describe, expect, it } from 'vitest';
import {
  isMessengerTag,
  MESSENGER_TAGS,
  messengerSendRefusal,
} from '../../../src/engine/messaging/messenger-window.js';

const T0 = 1_767_600_000_000;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

const code = (lastInboundAt: number | null, now: number, tag?: string | null) => {
  const refusal = messengerSendRefusal({ lastInboundAt, now, tag });
  return refusal === null ? 'ok' : `${refusal.error.code}${refusal.error.subcode ? `/${refusal.error.subcode}` : ''}`;
};

describe("Messenger's standard messaging window and message tags", () => {
  it('the four tags, exactly', () => {
    expect([...MESSENGER_TAGS]).toEqual([
      'CONFIRMED_EVENT_UPDATE',
      'POST_PURCHASE_UPDATE',
      'ACCOUNT_UPDATE',
      'HUMAN_AGENT',
    ]);
    expect(isMessengerTag('HUMAN_AGENT')).toBe(true);
    expect(isMessengerTag('human_agent')).toBe(false);
    expect(isMessengerTag('ISSUE_RESOLUTION')).toBe(false);
  });

  it('within 24 hours anything goes, with or without a tag', () => {
    expect(code(T0, T0 + DAY - 1)).toBe('ok');
    expect(code(T0, T0 + HOUR, 'ACCOUNT_UPDATE')).toBe('ok');
  });

  it('after 24 hours a send without a tag is refused with 10/2018278', () => {
    expect(code(T0, T0 + DAY)).toBe('10/2018278');
    expect(code(T0, T0 + DAY, null)).toBe('10/2018278');
    expect(messengerSendRefusal({ lastInboundAt: T0, now: T0 + DAY })?.detail).toContain('message tag');
  });

  it.each(['CONFIRMED_EVENT_UPDATE', 'POST_PURCHASE_UPDATE', 'ACCOUNT_UPDATE'])(
    '%s goes outside the window, however long after',
    (tag) => {
      expect(code(T0, T0 + DAY, tag)).toBe('ok');
      expect(code(T0, T0 + 60 * DAY, tag)).toBe('ok');
    },
  );

  it('HUMAN_AGENT reaches 7 days past the last message, not further', () => {
    expect(code(T0, T0 + 3 * DAY, 'HUMAN_AGENT')).toBe('ok');
    expect(code(T0, T0 + 7 * DAY - 1, 'HUMAN_AGENT')).toBe('ok');
    expect(code(T0, T0 + 7 * DAY, 'HUMAN_AGENT')).toBe('10/2018278');
  });

  it('an unknown tag is refused with 100 wherever the window stands', () => {
    expect(code(T0, T0 + HOUR, 'ISSUE_RESOLUTION')).toBe('100');
    expect(code(T0, T0 + 2 * DAY, 'human_agent')).toBe('100');
  });

  it('a person who never wrote cannot be messaged, tag or not', () => {
    expect(code(null, T0)).toBe('10/2018278');
    expect(code(null, T0, 'ACCOUNT_UPDATE')).toBe('10/2018278');
  });
});
