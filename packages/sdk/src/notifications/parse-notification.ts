import { type Notification, notificationInput } from '@omnikit/contracts';
import { NotificationParseError } from '../omni-error.js';

/**
 * A webhook body → the typed notification union (`cdr`, `inbound`, `call_state`, `agent_state`,
 * `recording`, `shotgun_result`). Takes the raw text (or bytes) or an already parsed object. The
 * variants the docs show (B.1: the CDR's `reference_id`, `end_time_time`, `wrapup_time`; the
 * inbound object's `unique_id`, `number_called`) come out under the emitted names; the documented
 * misspelling `dispostion_code` is the field's real name and stays. Throws NotificationParseError.
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
export function parseNotification(body: unknown): Notification {
  let value: unknown = body;
  if (body instanceof Uint8Array || body instanceof ArrayBuffer) value = new TextDecoder().decode(body);
  if (typeof value === 'string') {
    try {
      value = JSON.parse(value);
    } catch {
      throw new NotificationParseError('the notification body is not JSON');
    }
  }
  const result = notificationInput.safeParse(value);
  if (result.success) return result.data;
  const issues = result.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
  const type = (value as { type?: unknown } | null)?.type;
  const first = issues[0];
  throw new NotificationParseError(
    `not a valid ${typeof type === 'string' ? `'${type}' ` : ''}notification${first ? ` (${first.path || 'body'}: ${first.message})` : ''}`,
    issues,
  );
}
