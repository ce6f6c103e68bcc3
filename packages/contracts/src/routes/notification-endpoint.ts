import { z } from 'zod';
import { commandResult } from '../common.js';
import { notificationType } from '../enums.js';
import { defineRoute } from '../route.js';

/** B.7: the system's one webhook. Setting replaces it; the secret is never echoed. */
export const setEndpointBody = z.object({
  url: z.url({ protocol: /^https?$/ }).max(2000),
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
