/**
 * `POST /omni/user/authorize` (A.2, page 2158002231). The body takes `user_name` or the older
 * `username` (B.1) and the password as Base64 of its ASCII bytes. Wrong credentials answer 401
 * `INVALID_TOKEN` (inferred: the closed error list of B.2 has no separate code for them).
 *
 * @module
 */

import { z } from 'zod';
import { base64Password, dateTimeOut, id } from '../common.js';
import { defineRoute } from '../route.js';

/** The authorize body: `user_name` (or `username`) and the Base64 password. */
export const authorizeBody = z
  .object({
    user_name: z.string().min(1).max(100).optional().meta({ description: 'The agent’s user name.' }),
    username: z
      .string()
      .min(1)
      .max(100)
      .optional()
      .meta({ deprecated: true, description: 'Older spelling of `user_name` (B.1); accepted on input.' }),
    password: base64Password.meta({ description: 'Base64 of the password’s ASCII bytes.' }),
  })
  .superRefine((v, ctx) => {
    if (v.user_name === undefined && v.username === undefined) {
      ctx.addIssue({ code: 'custom', path: ['user_name'], message: 'is required' });
    }
  })
  .transform((v) => ({ user_name: (v.user_name ?? v.username) as string, password: v.password }));
export type AuthorizeBody = z.input<typeof authorizeBody>;

export const authorizeResponse = z
  .object({
    user_id: id,
    user_name: z.string(),
    token_key: z.string(),
    expiry_date: dateTimeOut,
  })
  .meta({ id: 'UserToken' });
export type AuthorizeResponse = z.infer<typeof authorizeResponse>;

const authorizeShape = {
  method: 'POST',
  group: 'auth',
  auth: 'system',
  body: authorizeBody,
  responses: { 200: authorizeResponse },
  errors: ['INVALID_TOKEN'],
  idempotent: false,
  page: '2158002231',
} as const;

export const authorize = defineRoute({
  ...authorizeShape,
  id: 'authorize',
  path: '/omni/user/authorize',
  summary: 'Obtain a user token for an agent',
  description:
    'Exchanges an agent’s user name and Base64 password for a `token_key` to send as `tokenKey` on later calls. Cache it until `expiry_date`; there is no refresh, authorize again.',
  source: 'documented',
});

export const authorizeLegacyLogin = defineRoute({
  ...authorizeShape,
  id: 'authorizeLegacyLogin',
  path: '/omni/user/login',
  summary: 'Obtain a user token (older path)',
  source: 'documented',
  deprecated: { use: 'authorize' },
});

export const authorizeLegacyLoginAuthorize = defineRoute({
  ...authorizeShape,
  id: 'authorizeLegacyLoginAuthorize',
  path: '/omni/user/login/authorize',
  summary: 'Obtain a user token (older path)',
  source: 'documented',
  deprecated: { use: 'authorize' },
});
