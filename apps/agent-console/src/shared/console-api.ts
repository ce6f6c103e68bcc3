import {
  agentState,
  agentView,
  callStarted,
  callView,
  campaignView,
  commandResult,
  conferenceResult,
  dispositionCode,
  flagDuplicates,
  type ErrorCode,
  id,
  leadView,
  notification,
  phoneNumber,
  recordingAction,
  recordingResult,
  shotgunStarted,
  shotgunView,
} from '@omnikit/contracts';
import { campaignStatsView, inboundCallBody, inboundCallPlaced } from '@omnikit/contracts/control';
import { z } from 'zod';

/**
 * The console's own API between the browser and its backend (`/api/*`). It is not Omni's wire
 * format: the backend holds the system key and the agent's token, and speaks to Omni only through
 * the sdk. Bodies and answers reuse the contracts' shapes (and names: `phone_number`,
 * `disposition_code`, `call_id`…) wherever the console passes Omni's data through unchanged.
 *
 * Security: `POST /api/session` sets an httpOnly, SameSite=Strict cookie (`omnikit_console`) and
 * answers a CSRF token; every mutating call (POST, PUT, DELETE) but sign-in must send it back as
 * `X-CSRF-Token`, else 403 `CSRF_REJECTED` and nothing is done. `GET /api/session` hands the token
 * out again after a reload.
 */

export const SESSION_COOKIE = 'omnikit_console';
export const CSRF_HEADER = 'X-CSRF-Token';

/** The console's error codes. `omniCode` carries Omni's own code when Omni refused the request. */
export const CONSOLE_ERROR_STATUS = {
  /** The body, query or path is malformed; `field` names the first offending field. */
  BAD_REQUEST: 400,
  /** Omni's user name / password check failed at sign-in. */
  SIGN_IN_FAILED: 401,
  /** No console session (no cookie, unknown or ended one). */
  NOT_SIGNED_IN: 401,
  /** The agent's Omni token was refused and could not be renewed: sign in again. */
  SESSION_EXPIRED: 401,
  /** A mutating call without the session's `X-CSRF-Token`. */
  CSRF_REJECTED: 403,
  /** Omni refused on permission grounds (a token on another user's path, archiving in office hours). */
  FORBIDDEN: 403,
  /** An unknown console route, or an id Omni does not know. */
  NOT_FOUND: 404,
  /** A mock-only feature (the supervisor view) while the target is a real Omni. */
  MOCK_ONLY: 404,
  /** Omni refused in the agent's current state (not logged in, phone not registered, on a call…). */
  CONFLICT: 409,
  /** A body over the console's limit. */
  PAYLOAD_TOO_LARGE: 413,
  /** Omni asked the console to slow down. */
  RATE_LIMITED: 429,
  /** The console itself failed. */
  INTERNAL: 500,
  /** Omni did not answer, answered a 5xx, or timed out. */
  OMNI_UNAVAILABLE: 502,
} as const;
export type ConsoleErrorCode = keyof typeof CONSOLE_ERROR_STATUS;
export const CONSOLE_ERROR_CODES = Object.keys(CONSOLE_ERROR_STATUS) as [ConsoleErrorCode, ...ConsoleErrorCode[]];

/** The one error body of every `/api/*` failure. `message` is written for a person to read. */
export const consoleError = z.object({
  error: z.object({
    code: z.enum(CONSOLE_ERROR_CODES),
    message: z.string(),
    omniCode: z.string().optional().meta({ description: 'Omni’s `error_code` (B.2), when Omni refused.' }),
    field: z.string().optional().meta({ description: 'The offending field, dotted (`phone_numbers.2`).' }),
  }),
});
export type ConsoleError = z.infer<typeof consoleError>;

/**
 * Omni's closed list of error codes (contracts `ERROR_STATUS`) in words an agent understands. The
 * backend uses these as `message` (it may add Omni's detail for INVALID_STATE, which names the state);
 * the browser may use them too.
 */
export const OMNI_ERROR_MESSAGES: Record<ErrorCode, string> = {
  MISSING_SYSTEM_KEY: 'The console is not configured with Omni’s system key. Ask your administrator.',
  INVALID_SYSTEM_KEY: 'Omni does not accept the console’s system key. Ask your administrator.',
  MISSING_TOKEN: 'Your Omni session is missing. Please sign in again.',
  INVALID_TOKEN: 'Your Omni session is no longer valid. Please sign in again.',
  TOKEN_EXPIRED: 'Your Omni session has expired. Please sign in again.',
  FORBIDDEN_USER: 'You are not allowed to act for another agent.',
  FORBIDDEN_ORIGIN: 'Omni refused the console’s address. Ask your administrator.',
  VALIDATION_FAILED: 'Omni did not accept what was entered. Check the highlighted field.',
  NOT_FOUND: 'Omni does not know that item: it may have ended or been removed.',
  INVALID_STATE: 'That cannot be done right now.',
  EXTENSION_NOT_REGISTERED: 'Your phone is not registered yet. Wait until it shows “registered”, then try again.',
  AGENT_NOT_LOGGED_IN: 'You are not logged in to a campaign. Choose a campaign and log in first.',
  ROUTE_NOT_FOUND: 'Omni does not offer this function.',
  PAYLOAD_TOO_LARGE: 'That is too much data to send in one go.',
  UNSUPPORTED_MEDIA_TYPE: 'Omni did not accept the form of the request. Ask your administrator.',
  RATE_LIMITED: 'Omni is busy. Please wait a moment and try again.',
  INTERNAL: 'Omni had an internal problem. Please try again.',
  SERVICE_UNAVAILABLE: 'Omni cannot serve requests right now. Please try again later.',
};

/** Which Omni the backend talks to. The supervisor view exists only for `mock`. */
export const consoleTarget = z.enum(['mock', 'omni']);
export type ConsoleTarget = z.infer<typeof consoleTarget>;

/** Public facts the sign-in screen shows before anyone signs in. */
export const consoleInfo = z.object({
  target: consoleTarget,
  omni_url: z.string().meta({ description: 'The Omni base URL the backend talks to.' }),
  version: z.string(),
});

// ── Session ─────────────────────────────────────────────────────────────────

export const signInBody = z.object({
  user_name: z.string().trim().min(1, 'enter your user name').max(100),
  password: z.string().min(1, 'enter your password').max(200),
});
export type SignInBody = z.infer<typeof signInBody>;

export const sessionView = z.object({
  user_id: id,
  user_name: z.string(),
  extension: z.string(),
  target: consoleTarget,
  csrf_token: z.string().meta({ description: 'Send it as X-CSRF-Token on every POST, PUT and DELETE.' }),
  expires_at: z.string().meta({ description: 'When the console session ends unless used (ISO-8601).' }),
});
export type SessionView = z.infer<typeof sessionView>;

// ── Phone (B.11) ────────────────────────────────────────────────────────────

/** What the browser's softphone needs to register: never the system key. */
export const phoneSettings = z.object({
  server: z.string().meta({ description: 'SIP over WebSocket URL, e.g. ws://127.0.0.1:4010/ws.' }),
  extension: z.string(),
  password: z.string().meta({ description: 'The WebRTC (SIP digest) password.' }),
  realm: z.string().optional().meta({ description: 'The digest realm, when configured.' }),
  user_id: id,
  user_name: z.string(),
  expires_at: z
    .string()
    .meta({ description: 'The WebRTC session’s expiry (A.8 `expire_date`): the agent token’s expiry.' }),
});
export type PhoneSettings = z.infer<typeof phoneSettings>;

// ── Campaigns and the agent ─────────────────────────────────────────────────

export const campaignList = z.object({ campaigns: z.array(campaignView) });
export const campaignLoginBody = z.object({ campaign_id: id });
export const agentStateBody = z
  .object({
    state: z.enum(['ready', 'paused']),
    pause_code: z
      .string()
      .regex(/^[A-Z0-9_]{1,32}$/, 'must be one of the campaign’s pause codes')
      .optional(),
  })
  .refine((v) => v.state === 'paused' || v.pause_code === undefined, {
    message: 'a pause code goes only with paused',
    path: ['pause_code'],
  });

// ── Calls ───────────────────────────────────────────────────────────────────

export const dialBody = z.object({
  phone_number: phoneNumber,
  lead_id: id.optional().meta({ description: 'Dial a lead (Click-2-Dial or a previewed lead).' }),
  outbound_cli: phoneNumber.optional(),
  unique_id: z.string().max(100).optional(),
});
export type DialBody = z.infer<typeof dialBody>;

export const recordingCommandBody = z.object({ action: recordingAction });
export const conferenceCommandBody = z.object({ phone_number: phoneNumber, outbound_cli: phoneNumber.optional() });

/** A disposition; `CALLBK` needs `callback_date_time` (ISO-8601 with Z or an offset). */
export const disposeCommandBody = z
  .object({
    disposition_code: dispositionCode,
    callback_date_time: z.iso.datetime({ offset: true }).optional(),
    notes: z.string().max(2000).optional(),
  })
  .superRefine((v, ctx) => {
    if (v.disposition_code === 'CALLBK' && v.callback_date_time === undefined)
      ctx.addIssue({ code: 'custom', path: ['callback_date_time'], message: 'a callback needs a date and time' });
  });
export type DisposeCommandBody = z.infer<typeof disposeCommandBody>;

/** The answer of `POST /api/calls/{call_id}/recording`, plus where the browser can play it. */
export const recordingCommandResult = recordingResult.extend({
  playback_url: z
    .string()
    .nullable()
    .meta({ description: '`/api/recordings/{file}` (the backend proxies Omni), null before recording starts.' }),
});

// ── Preview and shotgun ─────────────────────────────────────────────────────

export const previewLead = commandResult.extend({ lead: leadView.nullable() });
export const previewSkipBody = z.object({ lead_id: id });

export const shotgunBody = z
  .object({
    phone_numbers: z.array(phoneNumber).min(1, 'give at least one number').max(5, 'at most five numbers'),
    lead_id: id.optional(),
    unique_id: z.string().max(100).optional(),
  })
  .superRefine((v, ctx) => flagDuplicates(v.phone_numbers, ctx, ['phone_numbers']));

// ── Supervisor (mock only) ──────────────────────────────────────────────────

export const supervisorAgent = z.object({
  user_id: id,
  user_name: z.string(),
  extension: z.string(),
  phone: z.enum(['sip', 'virtual', 'none']).meta({ description: 'Whether the extension is registered, and how.' }),
  agent_state: agentState
    .nullable()
    .meta({ description: 'The last agent_state the backend saw for this agent; null when none yet.' }),
  campaign_id: z.number().int().nonnegative(),
  since: z.string().nullable().meta({ description: 'When that state began (the system clock), if known.' }),
});
export const supervisorView = z.object({
  at: z.string().meta({ description: 'The mock system clock when the figures were read.' }),
  campaigns: z.array(
    z.object({ campaign_id: id, campaign_name: z.string(), campaign_type: z.number().int(), stats: campaignStatsView }),
  ),
  agents: z.array(supervisorAgent),
});
export type SupervisorView = z.infer<typeof supervisorView>;

/** `POST /api/supervisor/inbound` (mock only): a caller dials a campaign's DID now, as the mock's `POST /__mock/inbound`. */
export const supervisorInboundBody = inboundCallBody;
export const supervisorInboundPlaced = inboundCallPlaced;

// ── Server-Sent Events (`GET /api/events`) ─────────────────────────────────

/**
 * Each SSE message's `event:` name and the JSON in its `data:`.
 * - `hello`: first message of every stream.
 * - `notification`: one Omni notification for this agent (by `user_id`), as the sdk parsed it.
 * - `session`: the session ended (signed out elsewhere, expired): the browser should go to sign-in.
 */
export const consoleEvents = {
  hello: z.object({ user_id: id, at: z.string() }),
  notification: notification,
  session: z.object({ state: z.enum(['signed_out', 'expired']) }),
} as const;
export type ConsoleEventName = keyof typeof consoleEvents;
export type ConsoleEventData<E extends ConsoleEventName> = z.infer<(typeof consoleEvents)[E]>;

// ── Route table ─────────────────────────────────────────────────────────────

/** A console route: data the backend mounts and the browser calls. */
export interface ConsoleRoute {
  readonly method: 'GET' | 'POST' | 'DELETE';
  /** With `{param}` placeholders (numeric ids). */
  readonly path: string;
  readonly summary: string;
  readonly body?: z.ZodType;
  /** The JSON answer; `sse` for the event stream, `audio` for a recording. */
  readonly answer: z.ZodType | 'sse' | 'audio';
  /** Needs a signed-in session (cookie). */
  readonly session: boolean;
  /** The console errors this route may answer besides BAD_REQUEST / NOT_SIGNED_IN / CSRF_REJECTED / INTERNAL. */
  readonly errors: readonly ConsoleErrorCode[];
}

const omniErrors = [
  'CONFLICT',
  'NOT_FOUND',
  'FORBIDDEN',
  'RATE_LIMITED',
  'SESSION_EXPIRED',
  'OMNI_UNAVAILABLE',
] as const;

export const consoleRoutes = {
  info: {
    method: 'GET',
    path: '/api/info',
    summary: 'Target and version',
    answer: consoleInfo,
    session: false,
    errors: [],
  },
  signIn: {
    method: 'POST',
    path: '/api/session',
    summary: 'Sign in with the agent’s Omni user name and password',
    body: signInBody,
    answer: sessionView,
    session: false,
    errors: ['SIGN_IN_FAILED', 'RATE_LIMITED', 'OMNI_UNAVAILABLE'],
  },
  getSession: {
    method: 'GET',
    path: '/api/session',
    summary: 'The current session',
    answer: sessionView,
    session: true,
    errors: [],
  },
  signOut: {
    method: 'DELETE',
    path: '/api/session',
    summary: 'Sign out (logs out of the campaign first when logged in)',
    answer: commandResult,
    session: true,
    errors: [],
  },
  getAgent: {
    method: 'GET',
    path: '/api/agent',
    summary: 'The agent as Omni sees it',
    answer: agentView,
    session: true,
    errors: omniErrors,
  },
  getPhone: {
    method: 'GET',
    path: '/api/phone',
    summary: 'WebRTC settings (B.11)',
    answer: phoneSettings,
    session: true,
    errors: ['CONFLICT'],
  },
  listCampaigns: {
    method: 'GET',
    path: '/api/campaigns',
    summary: 'Campaigns with message of the day, pause codes, dispositions',
    answer: campaignList,
    session: true,
    errors: omniErrors,
  },
  campaignLogin: {
    method: 'POST',
    path: '/api/login',
    summary: 'Log in to a campaign (the bridge call rings the phone)',
    body: campaignLoginBody,
    answer: commandResult,
    session: true,
    errors: omniErrors,
  },
  campaignLogout: {
    method: 'POST',
    path: '/api/logout',
    summary: 'Log out of the campaign',
    answer: commandResult,
    session: true,
    errors: omniErrors,
  },
  setState: {
    method: 'POST',
    path: '/api/state',
    summary: 'Ready, or paused with a pause code',
    body: agentStateBody,
    answer: commandResult,
    session: true,
    errors: omniErrors,
  },
  dial: {
    method: 'POST',
    path: '/api/calls',
    summary: 'Click-2-Dial a number or a lead',
    body: dialBody,
    answer: callStarted,
    session: true,
    errors: omniErrors,
  },
  getCall: {
    method: 'GET',
    path: '/api/calls/{call_id}',
    summary: 'A call’s live state',
    answer: callView,
    session: true,
    errors: omniErrors,
  },
  hold: {
    method: 'POST',
    path: '/api/calls/{call_id}/hold',
    summary: 'Hold',
    answer: commandResult,
    session: true,
    errors: omniErrors,
  },
  retrieve: {
    method: 'POST',
    path: '/api/calls/{call_id}/retrieve',
    summary: 'Retrieve',
    answer: commandResult,
    session: true,
    errors: omniErrors,
  },
  hangup: {
    method: 'POST',
    path: '/api/calls/{call_id}/hangup',
    summary: 'Hang up (or cancel a conference leg)',
    answer: commandResult,
    session: true,
    errors: omniErrors,
  },
  connect: {
    method: 'POST',
    path: '/api/calls/{call_id}/connect',
    summary: 'Join customer and 3rd party, leave',
    answer: commandResult,
    session: true,
    errors: omniErrors,
  },
  record: {
    method: 'POST',
    path: '/api/calls/{call_id}/recording',
    summary: 'Start, stop, pause or resume the recording',
    body: recordingCommandBody,
    answer: recordingCommandResult,
    session: true,
    errors: omniErrors,
  },
  conference: {
    method: 'POST',
    path: '/api/calls/{call_id}/conference',
    summary: 'Call a 3rd party into the call',
    body: conferenceCommandBody,
    answer: conferenceResult,
    session: true,
    errors: omniErrors,
  },
  dispose: {
    method: 'POST',
    path: '/api/calls/{call_id}/dispose',
    summary: 'Dispose with one of the campaign’s dispositions',
    body: disposeCommandBody,
    answer: commandResult,
    session: true,
    errors: omniErrors,
  },
  getRecording: {
    method: 'GET',
    path: '/api/recordings/{file}',
    summary: 'A recording (audio/wav), proxied from Omni',
    answer: 'audio',
    session: true,
    errors: omniErrors,
  },
  getLead: {
    method: 'GET',
    path: '/api/leads/{lead_id}',
    summary: 'A lead (other_info for the agent)',
    answer: leadView,
    session: true,
    errors: omniErrors,
  },
  previewNext: {
    method: 'POST',
    path: '/api/preview/next',
    summary: 'Take the next preview lead',
    answer: previewLead,
    session: true,
    errors: omniErrors,
  },
  previewSkip: {
    method: 'POST',
    path: '/api/preview/skip',
    summary: 'Skip the previewed lead',
    body: previewSkipBody,
    answer: commandResult,
    session: true,
    errors: omniErrors,
  },
  startShotgun: {
    method: 'POST',
    path: '/api/shotgun',
    summary: 'Dial up to five numbers at once',
    body: shotgunBody,
    answer: shotgunStarted,
    session: true,
    errors: omniErrors,
  },
  getShotgun: {
    method: 'GET',
    path: '/api/shotgun/{shotgun_id}',
    summary: 'The race, leg by leg',
    answer: shotgunView,
    session: true,
    errors: omniErrors,
  },
  cancelShotgun: {
    method: 'POST',
    path: '/api/shotgun/{shotgun_id}/cancel',
    summary: 'Cancel the race',
    answer: commandResult,
    session: true,
    errors: omniErrors,
  },
  events: {
    method: 'GET',
    path: '/api/events',
    summary: 'Server-Sent Events for this agent',
    answer: 'sse',
    session: true,
    errors: [],
  },
  supervisor: {
    method: 'GET',
    path: '/api/supervisor',
    summary: 'Campaign statistics and agent states (mock only)',
    answer: supervisorView,
    session: true,
    errors: ['MOCK_ONLY', 'OMNI_UNAVAILABLE'],
  },
  supervisorInbound: {
    method: 'POST',
    path: '/api/supervisor/inbound',
    summary: 'Ring an inbound call now: a caller dials a campaign’s DID (mock only)',
    body: supervisorInboundBody,
    answer: supervisorInboundPlaced,
    session: true,
    errors: ['NOT_FOUND', 'CONFLICT', 'MOCK_ONLY', 'OMNI_UNAVAILABLE'],
  },
} as const satisfies Record<string, ConsoleRoute>;
export type ConsoleRoutes = typeof consoleRoutes;
export type ConsoleRouteId = keyof ConsoleRoutes;

/** The JSON answer type of a route. */
export type ConsoleAnswer<R extends ConsoleRouteId> = ConsoleRoutes[R]['answer'] extends z.ZodType
  ? z.infer<ConsoleRoutes[R]['answer']>
  : never;
/** The body type a route takes (what the browser sends). */
export type ConsoleBody<R extends ConsoleRouteId> = ConsoleRoutes[R] extends { body: z.ZodType }
  ? z.input<ConsoleRoutes[R]['body']>
  : never;

/** Fills `{param}` placeholders: `consolePath('hold', { call_id: 7 })` → `/api/calls/7/hold`. */
export function consolePath(route: ConsoleRouteId, params: Record<string, string | number> = {}): string {
  return consoleRoutes[route].path.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`consolePath(${route}): missing ${name}`);
    return encodeURIComponent(String(value));
  });
}
