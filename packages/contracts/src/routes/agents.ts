import { z } from 'zod';
import { commandResult, id, idOrZero, pathId } from '../common.js';
import { agentState } from '../enums.js';
import { defineRoute } from '../route.js';

export const userIdParams = z.object({ user_id: pathId });

/** `GET /omni/users` (page 2333081617): `user_id` is a **string** here, an integer elsewhere. */
export const usersListResponse = z
  .object({
    users: z.array(z.object({ user_id: z.string(), user_name: z.string() })),
  })
  .meta({ id: 'UserList' });

/** The agent as `GET /omni/users/{user_id}` shows it (B.4). Absent ids are 0. */
export const agentView = z
  .object({
    user_id: id,
    user_name: z.string(),
    extension: z.string(),
    agent_state: agentState,
    campaign_id: idOrZero,
    registered: z.boolean(),
    call_id: idOrZero,
  })
  .meta({ id: 'Agent' });
export type AgentView = z.infer<typeof agentView>;

export const loginBody = z.object({
  campaign_id: id.meta({ description: 'The campaign to log in to.' }),
  extension: z.string().min(1).max(32).meta({ description: 'The agent’s extension, registered over WebRTC first.' }),
});
export type LoginBody = z.infer<typeof loginBody>;

export const stateBody = z.object({
  state: z.enum(['ready', 'paused']),
  pause_code: z
    .string()
    .min(1)
    .max(32)
    .optional()
    .meta({ description: 'One of the campaign’s `pause_codes`, with `paused`.' }),
});
export type StateBody = z.infer<typeof stateBody>;

export const listUsers = defineRoute({
  id: 'listUsers',
  method: 'GET',
  path: '/omni/users',
  group: 'users',
  auth: 'user',
  summary: 'List the system’s users',
  source: 'documented',
  page: '2333081617',
  idempotent: true,
  responses: { 200: usersListResponse },
});

export const getUser = defineRoute({
  id: 'getUser',
  method: 'GET',
  path: '/omni/users/{user_id}',
  group: 'agent',
  auth: 'user',
  summary: 'An agent’s extension, registration, state, campaign and current call',
  source: 'inferred',
  idempotent: true,
  params: userIdParams,
  responses: { 200: agentView },
});

const loginShape = {
  method: 'POST',
  group: 'agent',
  auth: 'user',
  idempotent: false,
  params: userIdParams,
  body: loginBody,
  responses: { 200: commandResult },
  page: '2173829121',
  errors: ['INVALID_STATE', 'EXTENSION_NOT_REGISTERED'],
  description:
    'Logs the agent in to a campaign. The extension must be registered over WebRTC first: login places the bridge call to it. The agent starts `paused`.',
} as const;

export const login = defineRoute({
  ...loginShape,
  id: 'login',
  path: '/omni/users/{user_id}/login',
  summary: 'Log an agent in to a campaign',
  source: 'documented',
});

export const loginLegacy = defineRoute({
  ...loginShape,
  id: 'loginLegacy',
  path: '/omni/user/{user_id}/login',
  summary: 'Log an agent in to a campaign (older path)',
  source: 'documented',
  deprecated: { use: 'login' },
});

export const logout = defineRoute({
  id: 'logout',
  method: 'POST',
  path: '/omni/users/{user_id}/logout',
  group: 'agent',
  auth: 'user',
  summary: 'Log an agent out of its campaign',
  description: 'Ends the bridge call. Logging out an agent who is not logged in succeeds and changes nothing.',
  source: 'inferred',
  idempotent: true,
  params: userIdParams,
  responses: { 200: commandResult },
  errors: ['INVALID_STATE'],
});

export const setState = defineRoute({
  id: 'setState',
  method: 'POST',
  path: '/omni/users/{user_id}/state',
  group: 'agent',
  auth: 'user',
  summary: 'Set an agent ready or paused',
  source: 'inferred',
  idempotent: true,
  params: userIdParams,
  body: stateBody,
  responses: { 200: commandResult },
  errors: ['INVALID_STATE', 'AGENT_NOT_LOGGED_IN'],
});
