import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * B.7's signature: `sha256=<hex HMAC-SHA256(secret, timestamp + "." + raw body)>`, where the
 * timestamp is the `X-Omni-Timestamp` header's value (wall-clock unix seconds).
 */
export function signNotification(secret: string, timestamp: string, rawBody: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${rawBody}`).digest('hex')}`;
}

/** Checks a signature header in constant time (what a receiver does). */
export function verifyNotificationSignature(
  secret: string,
  timestamp: string,
  rawBody: string,
  signature: string,
): boolean {
  const expected = Buffer.from(signNotification(secret, timestamp, rawBody));
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
