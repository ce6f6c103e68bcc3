/**
 * The console's own API between the browser and its backend (`/api/*`), as data: the backend mounts
 * each route from this table and the browser calls it by id, so a path and its method are written
 * here only. It is not Omni's wire format: the backend holds the system key and the agent's token,
 * and speaks to Omni only through the sdk.
 *
 * Security: `POST /api/session` sets an httpOnly, SameSite=Strict cookie (`omnikit_console`) and
 * answers a CSRF token; every mutating call (POST, PUT, DELETE) but sign-in must send it back as
 * `X-CSRF-Token`, else 403 `CSRF_REJECTED` and nothing is done. Sign-in itself is refused (403
 * `CSRF_REJECTED`) from another site's page. Bodies must be `application/json` (else 415).
 * `GET /api/session` hands the token out again after a reload.
 *
 * @module
 */

import {
  agentView,
  callStarted,
  callView,
  commandResult,
  conferenceResult,
  leadView,
  type RouteInput,
  shotgunStarted,
  shotgunView,
} from '@omnikit/contracts';
import type { z } from 'zod';
import type { ConsoleErrorCode } from './console-errors.js';
import {
  agentStateBody,
  campaignList,
  campaignLoginBody,
  conferenceCommandBody,
  consoleInfo,
  demoAgentList,
  dialBody,
  disposeCommandBody,
  phoneSettings,
  previewLead,
  previewSkipBody,
  recordingCommandBody,
  recordingCommandResult,
  sessionView,
  shotgunBody,
  signInBody,
  supervisorInboundBody,
  supervisorInboundPlaced,
  supervisorSeries,
  supervisorView,
} from './console-schemas.js';
import {
  closeConversationBody,
  inboxView,
  messagingJoinBody,
  messagingStateBody,
  replyBody,
  templateList,
  threadMessage,
  threadView,
} from './inbox-schemas.js';

/** The httpOnly cookie that carries the console session's id. */
export const SESSION_COOKIE = 'omnikit_console';
/** The header a mutating call sends the session's CSRF token in. */
export const CSRF_HEADER = 'X-CSRF-Token';

/**
 * A console route: data the backend mounts and the browser calls. Method, `{param}` path (numeric
 * ids but a recording's file name), summary and body are the contracts' route fields.
 */
export interface ConsoleRoute extends Pick<RouteInput, 'method' | 'path' | 'summary' | 'body'> {
  /** The JSON answer; `sse` for the event stream, `audio` for a recording. */
  readonly answer: z.ZodType | 'sse' | 'audio';
  /** Needs a signed-in session (cookie). */
  readonly session: boolean;
  /**
   * The console errors this route may answer besides BAD_REQUEST / NOT_SIGNED_IN / CSRF_REJECTED / INTERNAL,
   * HOST_REJECTED (every route, for a Host the console does not serve) and UNSUPPORTED_MEDIA_TYPE (a body
   * sent without `Content-Type: application/json`).
   */
  readonly errors: readonly ConsoleErrorCode[];
}

/** What a route that calls Omni may answer when Omni refuses or fails. */
const omniErrors = [
  'CONFLICT',
  'NOT_FOUND',
  'FORBIDDEN',
  'RATE_LIMITED',
  'SESSION_EXPIRED',
  'OMNI_UNAVAILABLE',
] as const;

/** What an inbox route may answer: Omni's refusals, and NOT_PUBLISHED against a real Omni (no messaging API). */
const messagingErrors = [...omniErrors, 'NOT_PUBLISHED'] as const;

/** Every `/api/*` route by id: the backend mounts these, the browser's client calls them. */
export const consoleRoutes = {
  info: {
    method: 'GET',
    path: '/api/info',
    summary: 'Target and version',
    answer: consoleInfo,
    session: false,
    errors: [],
  },
  demoAgents: {
    method: 'GET',
    path: '/api/demo-agents',
    summary: 'The agents the mock knows, for the sign-in screen (mock only; no passwords)',
    answer: demoAgentList,
    session: false,
    errors: ['MOCK_ONLY', 'OMNI_UNAVAILABLE'],
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
  supervisorSeries: {
    method: 'GET',
    path: '/api/supervisor/campaigns/{campaign_id}/series',
    summary: 'A campaign’s statistics as time series and each agent’s last hour (mock only)',
    answer: supervisorSeries,
    session: true,
    errors: ['BAD_REQUEST', 'NOT_FOUND', 'MOCK_ONLY', 'OMNI_UNAVAILABLE'],
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
  inbox: {
    method: 'GET',
    path: '/api/inbox',
    summary: 'The agent’s messaging conversations with unread counts, and its messaging campaigns',
    answer: inboxView,
    session: true,
    errors: omniErrors,
  },
  getConversation: {
    method: 'GET',
    path: '/api/conversations/{conversation_id}',
    summary: 'A conversation and its messages, oldest first',
    answer: threadView,
    session: true,
    errors: messagingErrors,
  },
  reply: {
    method: 'POST',
    path: '/api/conversations/{conversation_id}/messages',
    summary: 'Send free text, a Messenger-tagged text, or a WhatsApp template',
    body: replyBody,
    answer: threadMessage,
    session: true,
    errors: messagingErrors,
  },
  markRead: {
    method: 'POST',
    path: '/api/conversations/{conversation_id}/read',
    summary: 'The agent has read the customer’s messages (WhatsApp and Messenger tell the customer)',
    answer: commandResult,
    session: true,
    errors: messagingErrors,
  },
  closeConversation: {
    method: 'POST',
    path: '/api/conversations/{conversation_id}/close',
    summary: 'Close a conversation with a disposition',
    body: closeConversationBody,
    answer: commandResult,
    session: true,
    errors: messagingErrors,
  },
  messagingTemplates: {
    method: 'GET',
    path: '/api/messaging/templates',
    summary: 'Approved WhatsApp templates and Messenger’s message tags',
    answer: templateList,
    session: true,
    errors: messagingErrors,
  },
  messagingJoin: {
    method: 'POST',
    path: '/api/messaging/join',
    summary: 'Take conversations from a messaging campaign',
    body: messagingJoinBody,
    answer: commandResult,
    session: true,
    errors: messagingErrors,
  },
  messagingState: {
    method: 'POST',
    path: '/api/messaging/state',
    summary: 'Ready to be offered conversations, or paused (apart from the voice state)',
    body: messagingStateBody,
    answer: commandResult,
    session: true,
    errors: messagingErrors,
  },
  messagingLeave: {
    method: 'POST',
    path: '/api/messaging/leave',
    summary: 'Stop taking conversations (the open ones go back to the queue)',
    answer: commandResult,
    session: true,
    errors: messagingErrors,
  },
} as const satisfies Record<string, ConsoleRoute>;
export type ConsoleRoutes = typeof consoleRoutes;

/** Where the backend serves the `omni-mock simulate` report it was given (mock only; HTML, outside the API). */
export const SIMULATION_REPORT_PATH = '/supervisor/simulated-day';
export type ConsoleRouteId = keyof ConsoleRoutes;

/** The JSON answer type of a route. */
export type ConsoleAnswer<R extends ConsoleRouteId> = ConsoleRoutes[R]['answer'] extends z.ZodType
  ? z.infer<ConsoleRoutes[R]['answer']>
  : never;
/** The body type a route takes (what the browser sends). */
export type ConsoleBody<R extends ConsoleRouteId> = ConsoleRoutes[R] extends { body: z.ZodType }
  ? z.input<ConsoleRoutes[R]['body']>
  : never;
