import { NOTIFICATION_HEADERS } from '@omnikit/contracts';
import type { AttemptOutcome } from '@omnikit/contracts/control';
import type { Sender, SendResult } from './http-sender.js';
import type { NotifyEndpoint } from './notify-settings.js';
import type { AttemptRecord } from './outbox-port.js';
import { signNotification } from './sign-notification.js';

/** A 2xx within the timeout acknowledges (B.7). */
export const ACK_TIMEOUT_MS = 5_000;

export interface AttemptInput {
  sender: Sender;
  endpoint: NotifyEndpoint;
  notificationId: string;
  body: string;
  /** Wall epoch ms: `X-Omni-Timestamp` is wall-clock seconds, whatever the system's clock says. */
  wallNow: () => number;
  timeoutMs: number;
}

export interface AttemptResult extends Omit<SendResult, 'earlier'> {
  outcome: AttemptOutcome;
  url: string;
  /** Wall epoch ms when it was sent. */
  sentAt: number;
  /**
   * A first send on a kept-alive connection that closed under it (the receiver may have read it), before this
   * resend: recorded as an attempt of its own, with the same number.
   */
  earlier?: AttemptResult;
}

/**
 * What the outbox keeps of an attempt of notification `notificationId`: a first send a closed connection forced to
 * resend (`earlier`) first, then the attempt, both under the attempt's number.
 */
export function attemptRecords(
  notificationId: string,
  round: number,
  attempt: number,
  result: AttemptResult,
  virtualAt: number,
): AttemptRecord[] {
  const record = (a: AttemptResult): AttemptRecord => ({
    notificationId,
    round,
    attempt,
    outcome: a.outcome,
    url: a.url,
    status: a.status,
    error: a.error,
    responseBody: a.responseBody,
    durationMs: a.durationMs,
    sentAt: a.sentAt,
    virtualAt,
  });
  return result.earlier ? [record(result.earlier), record(result)] : [record(result)];
}

/** The delivery headers of B.7 for one attempt (a fresh timestamp, hence signature, each time). */
export function deliveryHeaders(
  notificationId: string,
  body: string,
  secret: string | null,
  wallMs: number,
): Record<string, string> {
  const timestamp = String(Math.floor(wallMs / 1000));
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'user-agent': 'omnikit-mock-omni',
    [NOTIFICATION_HEADERS.id]: notificationId,
    [NOTIFICATION_HEADERS.timestamp]: timestamp,
  };
  if (secret) headers[NOTIFICATION_HEADERS.signature] = signNotification(secret, timestamp, body);
  return headers;
}

/** A 2xx final status acknowledges; the sender gives one only when its status line came within the timeout. */
export function classifyAttempt(result: SendResult): AttemptOutcome {
  if (result.status !== null && result.status >= 200 && result.status < 300 && !result.timedOut) return 'acknowledged';
  if (result.timedOut) return 'timeout';
  return result.status === null ? 'network_error' : 'rejected';
}

/** One POST of the envelope to the endpoint. */
export async function attemptDelivery(input: AttemptInput): Promise<AttemptResult> {
  const sentAt = input.wallNow();
  const headers = deliveryHeaders(input.notificationId, input.body, input.endpoint.secret, sentAt);
  const result = await input.sender.send({
    url: input.endpoint.url,
    headers,
    body: input.body,
    timeoutMs: input.timeoutMs,
  });
  const { earlier, ...final } = result;
  const url = input.endpoint.url;
  if (!earlier) return { ...final, outcome: classifyAttempt(final), url, sentAt };
  return {
    ...final,
    outcome: classifyAttempt(final),
    url,
    sentAt: sentAt + earlier.durationMs,
    earlier: {
      status: earlier.status,
      responseBody: earlier.responseBody,
      error: earlier.error,
      timedOut: earlier.timedOut,
      durationMs: earlier.durationMs,
      outcome: classifyAttempt(earlier),
      url,
      sentAt,
    },
  };
}
