import { type Notification, normalizeNotificationVariants, notification } from '@omnikit/contracts';
import type { WireZone } from '@omnikit/contracts/variants';
import { normalizeAnswer } from '../internal/normalize-answer.js';
import { wireZoneOf } from '../internal/time-zone.js';
import { NotificationParseError } from '../omni-error.js';

/**
 * A webhook body → the typed notification union (`cdr`, `inbound`, `call_state`, `agent_state`,
 * `recording`, `shotgun_result`). Takes the raw text (or bytes) or an already parsed object. The
 * variants the docs show (B.1: the CDR's `reference_id`, `end_time_time`, `wrapup_time`; the
 * inbound object's `unique_id`, `number_called`) come out under the emitted names; the documented
 * misspelling `dispostion_code` is the field's real name and stays. Whatever form Omni writes
 * them in, date-times come out as ISO-8601 UTC with milliseconds and `Z` (the local form read in
 * `options.timeZone`) and integer ids as numbers; fields the contract does not know are kept.
 * Throws NotificationParseError.
 *
 * @example
 * ```ts
 * import { parseNotification } from '@omnikit/sdk';
 *
 * export async function receive(request: Request): Promise<Response> {
 *   const notification = parseNotification(await request.text());
 *   if (notification.type === 'cdr') console.log(notification.payload.unique_id, notification.payload.dispostion_code);
 *   return new Response(null, { status: 204 });
 * }
 * ```
 */
export function parseNotification(body: unknown, options: ParseNotificationOptions = {}): Notification {
  let value: unknown = body;
  if (body instanceof Uint8Array || body instanceof ArrayBuffer) value = new TextDecoder().decode(body);
  if (typeof value === 'string') {
    try {
      value = JSON.parse(value);
    } catch {
      throw new NotificationParseError('the notification body is not JSON');
    }
  }
  // The documented name variants first, then dates and ids in the contract's form (the fields
  // come from the notification schemas), then the schema itself.
  const normalized = normalizeAnswer(notification, normalizeNotificationVariants(value), zoneOf(options.timeZone));
  const result = notification.safeParse(normalized);
  if (result.success) return keepExtras(normalized, result.data);
  const issues = result.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
  const type = (value as { type?: unknown } | null)?.type;
  const first = issues[0];
  throw new NotificationParseError(
    `not a valid ${typeof type === 'string' ? `'${type}' ` : ''}notification${first ? ` (${first.path || 'body'}: ${first.message})` : ''}`,
    issues,
  );
}

/**
 * How `parseNotification` reads what the contracts leave open.
 *
 * @example
 * ```ts
 * import { parseNotification } from '@omnikit/sdk';
 *
 * const body = '{"type":"agent_state","payload":{"user_id":1,"campaign_id":1,"extension":"1001",' +
 *   '"agent_state":"ready","previous_state":"paused","pause_code":"","reason":"api","timestamp":"2026-01-05 10:00:00"}}';
 * const n = parseNotification(body, { timeZone: 'Africa/Johannesburg' });
 * if (n.type === 'agent_state') console.log(n.payload.timestamp); // 2026-01-05T08:00:00.000Z
 * ```
 */
export interface ParseNotificationOptions {
  /**
   * The Omni system's time zone (an IANA name or `+HH:MM`), for date-times written in the local
   * form `YYYY-MM-DD HH:MM:SS`. Default `UTC`.
   */
  readonly timeZone?: string;
}

const zones = new Map<string, WireZone>();

/** The zone of a `timeZone` option, built once per name (an IANA zone builds an Intl formatter). */
function zoneOf(timeZone: string | undefined): WireZone {
  const name = timeZone ?? 'UTC';
  let zone = zones.get(name);
  if (!zone) {
    zone = wireZoneOf(name);
    if (zones.size < 64) zones.set(name, zone);
  }
  return zone;
}

/**
 * The parsed notification with the fields the schema does not know put back, at the envelope and
 * the payload: Omni may add fields over versions, and an application may want them.
 */
function keepExtras(input: unknown, parsed: Notification): Notification {
  const envelope = input as { payload?: unknown };
  const payload = typeof envelope.payload === 'object' && envelope.payload !== null ? (envelope.payload as object) : {};
  return { ...(input as object), ...parsed, payload: { ...payload, ...parsed.payload } } as Notification;
}
