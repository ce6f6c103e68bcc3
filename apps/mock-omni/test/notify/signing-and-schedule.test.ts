import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/engine/rng.js';
import { classifyAttempt, deliveryHeaders } from '../../src/notify/attempt-delivery.js';
import { MAX_ATTEMPTS, nextAttemptAt } from '../../src/notify/retry-schedule.js';
import { signNotification, verifyNotificationSignature } from '../../src/notify/sign-notification.js';

describe('signature (B.7)', () => {
  // Computed with: printf '%s' '1767600000.{"type":"agent_state","payload":{}}' | openssl dgst -sha256 -hmac 'omni-webhook-secret'
  const body = '{"type":"agent_state","payload":{}}';
  const known = 'sha256=f089795709b972b182ef5626775d81823d1d659e0a733f33d89f9d3f0cbb384f';

  it('is sha256=<hex HMAC-SHA256(secret, timestamp + "." + raw body)>', () => {
    expect(signNotification('omni-webhook-secret', '1767600000', body)).toBe(known);
  });

  it('verifies only the exact secret, timestamp and bytes', () => {
    expect(verifyNotificationSignature('omni-webhook-secret', '1767600000', body, known)).toBe(true);
    expect(verifyNotificationSignature('omni-webhook-secreT', '1767600000', body, known)).toBe(false);
    expect(verifyNotificationSignature('omni-webhook-secret', '1767600001', body, known)).toBe(false);
    expect(verifyNotificationSignature('omni-webhook-secret', '1767600000', `${body} `, known)).toBe(false);
    expect(verifyNotificationSignature('omni-webhook-secret', '1767600000', body, 'sha256=00')).toBe(false);
  });

  it('headers: id, wall-clock seconds, signature only with a secret', () => {
    expect(deliveryHeaders('n-1', body, 'omni-webhook-secret', 1_767_600_000_999)).toEqual({
      'content-type': 'application/json',
      'user-agent': 'omnikit-mock-omni',
      'X-Omni-Notification-Id': 'n-1',
      'X-Omni-Timestamp': '1767600000',
      'X-Omni-Signature': known,
    });
    expect(deliveryHeaders('n-1', body, null, 1_767_600_000_999)['X-Omni-Signature']).toBeUndefined();
  });

  it('only a 2xx in time acknowledges', () => {
    const r = { responseBody: '', error: null, durationMs: 1 };
    expect(classifyAttempt({ ...r, status: 200, timedOut: false })).toBe('acknowledged');
    expect(classifyAttempt({ ...r, status: 299, timedOut: false })).toBe('acknowledged');
    expect(classifyAttempt({ ...r, status: 302, timedOut: false })).toBe('rejected');
    expect(classifyAttempt({ ...r, status: 500, timedOut: false })).toBe('rejected');
    expect(classifyAttempt({ ...r, status: null, timedOut: true })).toBe('timeout');
    expect(classifyAttempt({ ...r, status: null, timedOut: false })).toBe('network_error');
  });
});

describe('retry schedule (B.7)', () => {
  const first = 1_000_000;
  /** A stand-in for the jitter stream that always draws `u` in [0, 1). */
  const fixed = (u: number) => ({ uniform: (min: number, max: number) => min + u * (max - min) }) as unknown as Rng;

  it('10 attempts: retries at 10 s, 30 s, 1 m, 2 m, 5 m, 10 m, 20 m, 30 m, 60 m after the first', () => {
    expect(MAX_ATTEMPTS).toBe(10);
    const nominal = [10, 30, 60, 120, 300, 600, 1200, 1800, 3600];
    for (let failed = 1; failed <= 9; failed++)
      expect(nextAttemptAt(first, failed, fixed(0.5))).toBe(first + (nominal[failed - 1] as number) * 1000);
    expect(nextAttemptAt(first, 10, fixed(0.5))).toBeNull();
  });

  it('jitters each by at most ±10%', () => {
    expect(nextAttemptAt(first, 1, fixed(0))).toBe(first + 9_000);
    expect(nextAttemptAt(first, 9, fixed(0.999999999))).toBe(first + 3_960_000);
    const rng = Rng.fromSeed(3);
    const seen = new Set<number>();
    for (let i = 0; i < 500; i++) {
      const at = nextAttemptAt(first, 2, rng.fork(i)) as number;
      expect(at - first).toBeGreaterThanOrEqual(27_000);
      expect(at - first).toBeLessThanOrEqual(33_000);
      seen.add(at);
    }
    expect(seen.size).toBeGreaterThan(300);
  });

  it('a jittered schedule never goes backwards', () => {
    for (let failed = 1; failed < 9; failed++)
      expect(nextAttemptAt(first, failed, fixed(0.999999))).toBeLessThan(
        nextAttemptAt(first, failed + 1, fixed(0)) as number,
      );
  });
});
