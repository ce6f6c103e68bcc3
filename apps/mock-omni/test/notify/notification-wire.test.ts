/**
 * A stored notification as a system's variation sends it: the bytes, per the `dates`, `ids` and `extras` axes, in the
 * system's time zone with the offset of each instant.
 *
 * @module
 */

import { DEFAULT_VARIATION, parseVary } from '@omnikit/contracts/variants';
import { describe, expect, it } from 'vitest';
import { DEFAULT_WIRE, signs, systemWire, wireBody } from '../../src/notify/notification-wire.js';

const recordingAt = (timestamp: string) =>
  JSON.stringify({
    type: 'recording',
    payload: { call_id: 12, user_id: 3, recording_state: 'recording', recording_url: '12_x.wav', timestamp },
  });

const berlin = (vary: string) =>
  systemWire({ variation: parseVary(vary), record: { officeHours: { time_zone: 'Europe/Berlin' } } });

describe('wireBody', () => {
  it('sends the stored bytes unchanged under the default variation', () => {
    const body = recordingAt('2026-01-05T08:00:00.000Z');
    expect(wireBody(body, DEFAULT_WIRE)).toBe(body);
    expect(wireBody(body, berlin('notifications=twice,tokens=short-lived'))).toBe(body);
  });

  it.each([
    // vary, an instant in winter, one in summer (Berlin: +01:00, then +02:00 after the change of 2026-03-29)
    ['dates=iso-offset', '2026-01-05T09:00:00.000+01:00', '2026-07-06T10:00:00.000+02:00'],
    ['dates=vicidial', '2026-01-05 09:00:00', '2026-07-06 10:00:00'],
  ])('%s in Europe/Berlin writes %s and %s: the offset of each instant', (vary, winter, summer) => {
    const of = (at: string) => JSON.parse(wireBody(recordingAt(at), berlin(vary))).payload.timestamp;
    expect([of('2026-01-05T08:00:00.000Z'), of('2026-07-06T08:00:00.000Z')]).toEqual([winter, summer]);
  });

  it('ids=strings and extras=extra-fields: literally', () => {
    expect(wireBody(recordingAt('2026-01-05T08:00:00.000Z'), berlin('ids=strings,extras=extra-fields'))).toBe(
      '{"type":"recording","payload":{"call_id":"12","user_id":"3","recording_state":"recording","recording_url":"12_x.wav","timestamp":"2026-01-05T08:00:00.000Z","server_node":"omni-app-01"},"server_node":"omni-app-01","api_version":"3.4.2","request_ms":3}',
    );
  });
});

describe('systemWire and signs', () => {
  it('a system that is gone writes the default; only unsigned stops signing', () => {
    expect(systemWire(undefined)).toBe(DEFAULT_WIRE);
    expect(signs(DEFAULT_WIRE)).toBe(true);
    expect(signs(berlin('notifications=unsigned'))).toBe(false);
    expect(signs(berlin('notifications=at-most-once'))).toBe(true);
    expect(berlin('').variation).toEqual(DEFAULT_VARIATION);
  });
});
