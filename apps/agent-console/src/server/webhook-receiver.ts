/**
 * The console's webhook: Omni's notifications in, signed or not.
 *
 * The console gives Omni a secret to sign with (B.7), but signing is this project's inference:
 * TForge's wiki documents no signature, and an Omni that ignores the secret posts unsigned
 * deliveries (`omni-mock --vary notifications=unsigned`). Refusing those would leave every feed
 * empty, so the endpoint URL the console sets carries a key of its own (`?key=…`, a random value
 * only this process and Omni know) and an unsigned delivery is taken when it comes with that key.
 * A signed delivery is verified as before; once Omni has signed one, it signs all, and an unsigned
 * delivery is refused again.
 *
 * @module
 */

import { timingSafeEqual } from 'node:crypto';
import { NOTIFICATION_HEADERS, type Notification } from '@omnikit/contracts';
import {
  createMemoryDedupeStore,
  createNotificationHandler,
  type DeliveryInfo,
  type NotificationRequestHandler,
} from '@omnikit/sdk';

/** The query parameter of the endpoint URL that carries the console's own key. */
export const WEBHOOK_KEY_PARAM = 'key';

export interface WebhookReceiverOptions {
  /** The secret Omni is asked to sign with. */
  secret: string;
  /** The key in the endpoint URL: an unsigned delivery must carry it. */
  key: string;
  /** The wall clock, epoch ms (the signature's timestamp check). */
  now: () => number;
  /** Omni's time zone, for date-times it writes with none (`YYYY-MM-DD HH:MM:SS`); undefined: UTC. */
  timeZone: string | undefined;
  onNotification: (notification: Notification, delivery: DeliveryInfo) => void;
  log: (message: string) => void;
}

function sameText(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * The webhook's handler: a signed delivery is verified with the secret; an unsigned one is taken
 * only with the URL's key, and only while Omni has signed none.
 *
 * @example
 * ```ts
 * const receive = createWebhookReceiver({ secret, key, now: Date.now, timeZone: undefined, onNotification, log: console.log });
 * app.post('/webhooks/omni', (c) => receive(c.req.raw));
 * ```
 */
export function createWebhookReceiver(options: WebhookReceiverOptions): NotificationRequestHandler {
  // One store for both: a retry of a delivery is a duplicate however it came.
  const store = createMemoryDedupeStore({ now: options.now });
  const onError = (error: unknown) => options.log(`notification handling failed: ${(error as Error).message}`);
  const common = {
    now: options.now,
    store,
    onNotification: options.onNotification,
    onError,
    ...(options.timeZone === undefined ? {} : { timeZone: options.timeZone }),
  };
  const signed = createNotificationHandler({ ...common, secret: options.secret });
  const unsigned = createNotificationHandler(common);
  let omniSigns = false;
  let toldUnsigned = false;

  return async (request) => {
    if (request.headers.has(NOTIFICATION_HEADERS.signature) || omniSigns) {
      const response = await signed(request);
      // A 2xx comes only after the signature verified: this Omni signs.
      if (response.ok) omniSigns = true;
      return response;
    }
    const key = new URL(request.url).searchParams.get(WEBHOOK_KEY_PARAM);
    // Without the key it is no delivery of the Omni this console configured: the signed path refuses it (401).
    if (key === null || !sameText(key, options.key)) return signed(request);
    if (!toldUnsigned) {
      toldUnsigned = true;
      options.log(
        'notifications: Omni posts them unsigned (no X-Omni-Signature; TForge documents none): taken on the webhook URL’s own key',
      );
    }
    return unsigned(request);
  };
}
