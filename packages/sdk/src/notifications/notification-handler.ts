import { NOTIFICATION_HEADERS, type Notification, notificationPayloads } from '@omnikit/contracts';
import { checkNumberOption } from '../internal/check-number-option.js';
import { wireZoneOf } from '../internal/time-zone.js';
import { NotificationParseError, NotificationSignatureError, type SchemaIssue } from '../omni-error.js';
import { createMemoryDedupeStore, type DedupeStore } from './dedupe-store.js';
import { parseNotification } from './parse-notification.js';
import { checkSecret, readHeader, verifyNotification } from './verify-notification.js';

/**
 * About one delivery, handed to your callback with the notification.
 *
 * @example
 * ```ts
 * import { createNotificationHandler, type DeliveryInfo } from '@omnikit/sdk';
 *
 * const handler = createNotificationHandler({
 *   secret: 'a-long-random-secret',
 *   onNotification: (notification, delivery: DeliveryInfo) => console.log(delivery.id, delivery.verified),
 * });
 * ```
 */
export interface DeliveryInfo {
  /** `X-Omni-Notification-Id`: the same on every retry of one notification; undefined when absent or empty. */
  readonly id: string | undefined;
  /** `X-Omni-Timestamp`, unix seconds. */
  readonly timestamp: number | undefined;
  /** True when the signature was checked (a `secret` was given). */
  readonly verified: boolean;
}

/**
 * A verified delivery the receiver acknowledged (200) but could not turn into a typed
 * notification, handed to `onUnrecognized`: a `type` this sdk does not know yet
 * (`unknown_type`), or a known type whose payload breaks its contract (`invalid_payload`, e.g. a
 * `call_state` value Omni added later).
 *
 * @example
 * ```ts
 * import { createNotificationHandler, type UnrecognizedNotification } from '@omnikit/sdk';
 *
 * const handler = createNotificationHandler({
 *   secret: 'a-long-random-secret',
 *   onNotification: () => {},
 *   onUnrecognized: (u: UnrecognizedNotification, delivery) => {
 *     if (u.reason === 'invalid_payload') console.warn(delivery.id, u.type, u.issues, u.body);
 *   },
 * });
 * ```
 */
export interface UnrecognizedNotification {
  /** `unknown_type`: a type this sdk does not know; `invalid_payload`: a known type that fails its schema. */
  readonly reason: 'unknown_type' | 'invalid_payload';
  /** The envelope's `type`. */
  readonly type: string;
  /** The body as parsed from JSON, unchanged: `{ type, payload, ... }`. */
  readonly body: unknown;
  /** The body as received, decoded as UTF-8. */
  readonly raw: string;
  /** What the schema found wrong (`invalid_payload`); empty for `unknown_type`. */
  readonly issues: readonly SchemaIssue[];
}

/**
 * What `createNotificationHandler` calls, how it checks deliveries, and where it keeps their ids.
 *
 * @example
 * ```ts
 * import { createNotificationHandler, type NotificationHandlerOptions } from '@omnikit/sdk';
 *
 * const options: NotificationHandlerOptions = {
 *   secret: 'a-long-random-secret',
 *   awaitHandler: true, // answer only once the callback is done: a failure makes Omni retry
 *   onNotification: async (notification) => console.log(notification.type),
 *   onError: (error, delivery) => console.error('delivery', delivery.id, error),
 * };
 * const handler = createNotificationHandler(options);
 * ```
 */
export interface NotificationHandlerOptions {
  /** Your callback: one call per new notification (duplicates never reach it). */
  readonly onNotification: (notification: Notification, delivery: DeliveryInfo) => void | Promise<void>;
  /**
   * The endpoint's secret (set with `notifications.setEndpoint({ url, secret })`). When given, a
   * delivery without a valid signature and a fresh timestamp is refused with 401. Without it,
   * deliveries are not checked: only for local development. An empty string is a TypeError (a
   * configuration value set but blank), not a way to turn the check off.
   */
  readonly secret?: string;
  /** Seconds a timestamp may be off, against replays. Default 300; 0 or more (`Infinity`: any age). */
  readonly toleranceSeconds?: number;
  /**
   * The wall clock for the timestamp check, and for how long the default store keeps ids, epoch
   * ms. Default `Date.now`.
   */
  readonly now?: () => number;
  /**
   * Where handled ids are kept. Default: `createMemoryDedupeStore({ now })`, in memory, each id for
   * three hours (Omni retries for a little over two), at most 250 000 ids.
   */
  readonly store?: DedupeStore;
  /**
   * Default false: answer 200 as soon as the delivery is verified, parsed and new, then run your
   * callback (Omni wants a 2xx within 5 s). True: answer after your callback, 500 if it throws, so
   * Omni retries the delivery (your serverless platform may require this, as it may stop work
   * after the response). A retry that arrives while this process is still handling the first
   * delivery (Omni gave up waiting after 5 s) gets the first one's answer once it is known.
   */
  readonly awaitHandler?: boolean;
  /**
   * Told when your callback throws or rejects, and when the store's `release` then fails. Default:
   * `console.error`. If it throws itself, that goes to `console.error`, never to an unhandled
   * rejection.
   */
  readonly onError?: (error: unknown, delivery: DeliveryInfo) => void;
  /**
   * Called (once per delivery id, like `onNotification`) with a verified delivery that is
   * acknowledged but is not a typed notification: an unknown `type`, or a known one whose payload
   * fails its schema. Omni gets a 200, so it neither retries it for two hours nor holds back that
   * call's later notifications behind it. Without this option an unknown type is dropped silently
   * and an invalid payload is reported to `onError` as a `NotificationParseError`.
   */
  readonly onUnrecognized?: (unrecognized: UnrecognizedNotification, delivery: DeliveryInfo) => void | Promise<void>;
  /** Bodies above this are refused with 413, read no further than the limit. Default 1 MiB; a whole number ≥ 1. */
  readonly maxBodyBytes?: number;
  /**
   * The Omni system's time zone (an IANA name or `+HH:MM`), for date-times Omni writes in the
   * local form `YYYY-MM-DD HH:MM:SS`; your callback always gets ISO-8601 UTC. Default `UTC`.
   */
  readonly timeZone?: string;
}

/**
 * A web-standard handler: use it from Hono, Next.js route handlers, Bun, Deno, or Node through `@omnikit/sdk/node`.
 *
 * @example
 * ```ts
 * import { createNotificationHandler, type NotificationRequestHandler } from '@omnikit/sdk';
 *
 * const handler: NotificationRequestHandler = createNotificationHandler({
 *   onNotification: (n) => console.log(n.type),
 * });
 * const response = await handler(new Request('http://127.0.0.1/omni', { method: 'POST', body: 'not JSON' }));
 * console.log(response.status); // 400: not a notification
 * ```
 */
export type NotificationRequestHandler = (request: Request) => Promise<Response>;

/**
 * The webhook receiver: `POST` → verify (with a secret) → parse → drop duplicates by
 * `X-Omni-Notification-Id` (without one, by the notification itself) → acknowledge → your
 * callback with the typed notification.
 * Answers: 200 new or duplicate, 200 `{ received: true, ignored: 'unknown_type' }` for a `type` this
 * sdk does not know yet and `{ received: true, ignored: 'invalid_payload' }` for a known type whose
 * payload fails its schema (`onNotification` is not called; `onUnrecognized` is), 400 not a
 * notification (not JSON, no `type` or no object `payload`), 401 bad signature or
 * stale timestamp, 405 not a POST, 413 too large, 500 (only with `awaitHandler`) your callback
 * failed. Throws a TypeError at once for an empty `secret` or a bad `toleranceSeconds`,
 * `maxBodyBytes` or `timeZone`.
 *
 * @example
 * ```ts
 * import { createNotificationHandler } from '@omnikit/sdk';
 *
 * // A web-standard handler: serve it with Hono, Next.js, Deno or Bun, or in Node through toNodeListener.
 * const handler = createNotificationHandler({
 *   secret: process.env.OMNI_WEBHOOK_SECRET,
 *   onNotification: async (notification, delivery) => {
 *     if (notification.type === 'cdr') console.log(delivery.id, notification.payload.call_id);
 *   },
 * });
 * ```
 */
export function createNotificationHandler(options: NotificationHandlerOptions): NotificationRequestHandler {
  // Bad configuration says so now, not as a failure (or a check quietly off) at every delivery.
  const at = 'createNotificationHandler';
  if (options.secret !== undefined) checkSecret(at, options.secret);
  const toleranceSeconds = checkNumberOption(at, 'toleranceSeconds', options.toleranceSeconds, 'tolerance');
  const maxBodyBytes = checkNumberOption(at, 'maxBodyBytes', options.maxBodyBytes, 'bytes') ?? 1024 * 1024;
  if (options.timeZone !== undefined) wireZoneOf(options.timeZone);
  const store = options.store ?? createMemoryDedupeStore(options.now === undefined ? {} : { now: options.now });
  const onError =
    options.onError ??
    ((error: unknown, delivery: DeliveryInfo) => {
      console.error(`omni: the notification handler failed for delivery ${delivery.id ?? '(no id)'}`, error);
    });
  // Runs after the answer in fast-ack mode: a throw here would be an unhandled rejection, which
  // ends a Node process.
  const report = (error: unknown, delivery: DeliveryInfo) => {
    try {
      onError(error, delivery);
    } catch (reportError) {
      console.error('omni: onError threw while reporting a notification failure', reportError, error);
    }
  };
  // awaitHandler: the outcome of each delivery this process is handling, for a retry that
  // arrives meanwhile (Omni waits 5 s, then tries again while the first may still run).
  const handling = new Map<string, Promise<boolean>>();

  return async (request) => {
    if (request.method !== 'POST') return reply(405, { error: 'method_not_allowed' }, { allow: 'POST' });
    const declared = Number(request.headers.get('content-length') ?? '0');
    if (declared > maxBodyBytes) return reply(413, { error: 'payload_too_large' });
    const rawBytes = await readBody(request, maxBodyBytes);
    if (rawBytes === undefined) return reply(413, { error: 'payload_too_large' });

    if (options.secret !== undefined) {
      try {
        await verifyNotification(rawBytes, request.headers, options.secret, {
          ...(toleranceSeconds === undefined ? {} : { toleranceSeconds }),
          ...(options.now === undefined ? {} : { now: options.now }),
        });
      } catch (error) {
        if (error instanceof NotificationSignatureError) return reply(401, { error: error.reason });
        throw error;
      }
    }

    let body: unknown;
    try {
      body = JSON.parse(new TextDecoder().decode(rawBytes));
    } catch {
      return reply(400, { error: 'invalid_notification', detail: 'the notification body is not JSON' });
    }
    const raw = () => new TextDecoder().decode(rawBytes);
    // Inferred: Omni retries anything but a 2xx and holds back a call's later notifications
    // behind a failing one (B.7), so a 4xx for a type added after this sdk, or for a value added
    // to a known type's enum, would delay the call's CDR by hours, then lose it anyway.
    // Acknowledge both; onNotification only gets the union, onUnrecognized the rest. What is not
    // an envelope at all (no type, no object payload) is no notification: 400.
    let item: { notification: Notification } | { unrecognized: UnrecognizedNotification };
    const unknownType = unknownTypeOf(body);
    if (unknownType !== undefined) {
      if (!options.onUnrecognized) return reply(200, { received: true, ignored: 'unknown_type' });
      item = { unrecognized: { reason: 'unknown_type', type: unknownType, body, raw: raw(), issues: [] } };
    } else if (!isEnvelope(body)) {
      return reply(400, {
        error: 'invalid_notification',
        detail: 'the notification is not an object with a string type and an object payload',
      });
    } else {
      try {
        item = {
          notification: parseNotification(body, options.timeZone === undefined ? {} : { timeZone: options.timeZone }),
        };
      } catch (error) {
        if (!(error instanceof NotificationParseError)) throw error;
        item = {
          unrecognized: { reason: 'invalid_payload', type: body.type, body, raw: raw(), issues: error.issues },
        };
        if (!options.onUnrecognized) {
          report(error, deliveryOf(request.headers, options.secret !== undefined));
          return reply(200, { received: true, ignored: 'invalid_payload' });
        }
      }
    }

    const delivery = deliveryOf(request.headers, options.secret !== undefined);
    // Without an id, the notification itself is its identity: a second delivery of the same
    // event carries the same payload (its own timestamp included), a new event never does.
    const key =
      delivery.id ??
      ('notification' in item
        ? `payload:${identityOf(item.notification)}`
        : `unrecognized:${canonicalJson(item.unrecognized.body)}`);
    if (!(await store.claim(key))) {
      const first = options.awaitHandler ? handling.get(key) : undefined;
      if (first && !(await first)) return reply(500, { error: 'handler_failed' });
      return reply(200, { received: true, duplicate: true });
    }
    const acknowledged =
      'notification' in item ? { received: true } : { received: true, ignored: item.unrecognized.reason };

    const run = async () => {
      try {
        if ('notification' in item) await options.onNotification(item.notification, delivery);
        else await options.onUnrecognized?.(item.unrecognized, delivery);
        return true;
      } catch (error) {
        report(error, delivery);
        // Forget the id: a later delivery of the same notification gets another chance.
        try {
          await store.release(key);
        } catch (releaseError) {
          report(releaseError, delivery);
        }
        return false;
      }
    };
    if (options.awaitHandler) {
      const outcome = run();
      handling.set(key, outcome);
      try {
        return (await outcome) ? reply(200, acknowledged) : reply(500, { error: 'handler_failed' });
      } finally {
        if (handling.get(key) === outcome) handling.delete(key);
      }
    }
    void Promise.resolve().then(run);
    return reply(200, acknowledged);
  };
}

/**
 * The body, read no further than `maxBytes`: undefined once it passes them. A chunked body has no
 * `Content-Length` to refuse it by, and reading it whole first would hold any size in memory.
 */
async function readBody(request: Request, maxBytes: number): Promise<Uint8Array | undefined> {
  if (request.body === null) return new Uint8Array(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      reader.cancel().catch(() => {});
      return undefined;
    }
    chunks.push(value);
  }
  const out = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return out;
}

/** The `type` of an envelope whose `type` is a name this sdk does not know (one Omni added after it). */
function unknownTypeOf(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return undefined;
  const type = (body as { type?: unknown }).type;
  return typeof type === 'string' && type !== '' && !Object.hasOwn(notificationPayloads, type) ? type : undefined;
}

/** `{ type, payload }` in shape: a non-empty string `type` and an object `payload`, whatever they hold. */
function isEnvelope(body: unknown): body is { type: string; payload: object } {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return false;
  const { type, payload } = body as { type?: unknown; payload?: unknown };
  return (
    typeof type === 'string' &&
    type !== '' &&
    typeof payload === 'object' &&
    payload !== null &&
    !Array.isArray(payload)
  );
}

function deliveryOf(headers: Headers, verified: boolean): DeliveryInfo {
  const timestampHeader = readHeader(headers, NOTIFICATION_HEADERS.timestamp);
  return {
    // An empty header is no id: as a key it would make every such delivery a duplicate of the first.
    id: readHeader(headers, NOTIFICATION_HEADERS.id)?.trim() || undefined,
    timestamp: timestampHeader === undefined ? undefined : Number(timestampHeader),
    verified,
  };
}

/**
 * A notification's identity without its delivery id: its type and the fields the contract knows,
 * keys sorted (extra fields a server adds per delivery do not make a repeat look new).
 */
function identityOf(notification: Notification): string {
  const known = notificationPayloads[notification.type].safeParse(notification.payload);
  return `${notification.type}:${canonicalJson(known.success ? known.data : notification.payload)}`;
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const record = value as Record<string, unknown>;
    const keys = Object.keys(record).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(record[k])}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

function reply(status: number, body: Record<string, unknown>, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });
}
