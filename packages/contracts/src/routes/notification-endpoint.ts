import { z } from 'zod';
import { commandResult } from '../common.js';
import { notificationType } from '../enums.js';
import { defineRoute } from '../route.js';

/**
 * Why a webhook URL that parses cannot be posted to as written, or null: a URL parser forgives an empty host
 * (`http:///path` becomes the host `path`) and drops control characters, and port 0 is no port; credentials in the
 * URL (`user:pass@`) would be stored and shown wherever the endpoint is, and fetch refuses them — a receiver checks
 * `X-Omni-Signature` (the `secret`) instead.
 */
function webhookUrlProblem(value: string): string | null {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is refused.
  if (/[\u0000-\u0020\u007f]/.test(value)) return 'must not contain spaces or control characters';
  if (!/^https?:\/\/[^/?#\\]/i.test(value)) return 'must name a host after the scheme (scheme://host/…)';
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return null; // z.url says why
  }
  if (url.username !== '' || url.password !== '')
    return 'must not carry credentials (user:password@): set a secret, and check X-Omni-Signature';
  if (url.port === '0') return 'must not use port 0';
  return null;
}

const webhookUrl = z
  .url({ protocol: /^https?$/ })
  .max(2000)
  .superRefine(
    (value, ctx) => {
      const problem = webhookUrlProblem(value);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    },
    // One reason per URL: not when it is not even a URL.
    { when: (payload) => payload.issues.length === 0 },
  )
  .meta({ description: 'An http(s) URL with a host; no credentials (user:password@), no port 0.' });

/** B.7: the system's one webhook. Setting replaces it; the secret is never echoed. */
export const setEndpointBody = z.object({
  url: webhookUrl,
  notification_types: z
    .array(notificationType)
    .min(1)
    .optional()
    .meta({ description: 'Only these types are delivered; all when absent.' }),
  secret: z.string().min(8).max(200).optional().meta({ description: 'Signs every delivery (`X-Omni-Signature`).' }),
});
export type SetEndpointBody = z.infer<typeof setEndpointBody>;

export const endpointView = z
  .object({
    url: z.string().nullable().meta({ description: 'null while no endpoint is set.' }),
    notification_types: z.array(notificationType),
    secret_set: z.boolean(),
  })
  .meta({ id: 'NotificationEndpoint' });
export type EndpointView = z.infer<typeof endpointView>;

const shape = {
  path: '/omni/notification/endpoint',
  group: 'notifications',
  auth: 'user',
  source: 'inferred',
  idempotent: true,
} as const;

export const setNotificationEndpoint = defineRoute({
  ...shape,
  id: 'setNotificationEndpoint',
  method: 'POST',
  summary: 'Set the system’s notification endpoint (replaces any earlier one)',
  body: setEndpointBody,
  responses: { 200: commandResult },
});

export const getNotificationEndpoint = defineRoute({
  ...shape,
  id: 'getNotificationEndpoint',
  method: 'GET',
  summary: 'The system’s notification endpoint',
  responses: { 200: endpointView },
});

export const deleteNotificationEndpoint = defineRoute({
  ...shape,
  id: 'deleteNotificationEndpoint',
  method: 'DELETE',
  summary: 'Remove the system’s notification endpoint',
  responses: { 200: commandResult },
});
