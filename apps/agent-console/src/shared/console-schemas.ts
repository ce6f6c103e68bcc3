/**
 * The bodies and answers of the console's own API between the browser and its backend (`/api/*`).
 * It is not Omni's wire format: bodies and answers reuse the contracts' shapes (and names:
 * `phone_number`, `disposition_code`, `call_id`…) wherever the console passes Omni's data through
 * unchanged.
 *
 * @module
 */

import {
  agentState,
  campaignView,
  commandResult,
  dispositionCode,
  flagDuplicates,
  id,
  leadView,
  notification,
  phoneNumber,
  recordingAction,
  recordingResult,
} from '@omnikit/contracts';
import { campaignSeriesView, campaignStatsView, inboundCallBody, inboundCallPlaced } from '@omnikit/contracts/control';
import { z } from 'zod';

/** Which Omni the backend talks to. The supervisor view exists only for `mock`. */
export const consoleTarget = z.enum(['mock', 'omni']);
export type ConsoleTarget = z.infer<typeof consoleTarget>;

/**
 * Whether the mock's control API answers at the Omni URL: what needs it (the list of the mock's
 * agents, the supervisor view, the mock's WebRTC passwords) is offered only then. False against a
 * real Omni and against `omni-mock --strict`, which has none.
 */
const controlApi = z.boolean().meta({
  description:
    'The mock’s control API answers (mock-only features are offered); false on a real Omni and on omni-mock --strict.',
});

/** Public facts the sign-in screen shows before anyone signs in. */
export const consoleInfo = z.object({
  target: consoleTarget,
  omni_url: z.string().meta({ description: 'The Omni base URL the backend talks to.' }),
  version: z.string(),
  control_api: controlApi,
});

/**
 * The agents a mock knows, for the sign-in screen to offer (mock only): read from the mock's control
 * API, never a password (the mock prints the demo passwords when it starts).
 */
export const demoAgentList = z.object({
  agents: z.array(z.object({ user_name: z.string(), extension: z.string() })),
});
export type DemoAgentList = z.infer<typeof demoAgentList>;

// ── Session ─────────────────────────────────────────────────────────────────

export const signInBody = z.object({
  user_name: z.string().trim().min(1, 'enter your user name').max(100),
  // Omni takes the Base64 of the password's ASCII bytes (A.2): any other character cannot be sent.
  password: z
    .string()
    .min(1, 'enter your password')
    .max(200)
    .regex(/^[\x20-\x7e]*$/, 'passwords are plain ASCII: letters, digits, spaces and symbols without accents'),
});
export type SignInBody = z.infer<typeof signInBody>;

export const sessionView = z.object({
  user_id: id,
  user_name: z.string(),
  extension: z.string(),
  target: consoleTarget,
  control_api: controlApi,
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
  simulation_report: z
    .boolean()
    .meta({ description: 'Whether the console serves a simulated-day report (`--simulation-report`).' }),
});
export type SupervisorView = z.infer<typeof supervisorView>;

/** `GET /api/supervisor/campaigns/{campaign_id}/series` (mock only): the mock's series of the campaign, as it answers them. */
export const supervisorSeries = campaignSeriesView;
export type SupervisorSeries = z.infer<typeof supervisorSeries>;

/** `POST /api/supervisor/inbound` (mock only): a caller dials a campaign's DID now, as the mock's `POST /__mock/inbound`. */
export const supervisorInboundBody = inboundCallBody;
export const supervisorInboundPlaced = inboundCallPlaced;

// ── Server-Sent Events (`GET /api/events`) ─────────────────────────────────

/**
 * Each SSE message's `event:` name and the JSON in its `data:`.
 * - `hello`: first message of every stream.
 * - `notification`: one Omni notification for this agent (by `user_id`), as the sdk parsed it.
 * - `token`: the expiry of the agent's Omni token, which is the WebRTC session's (A.8): right after `hello`, and
 *   again whenever the token changes (the backend authorized again because Omni expired or revoked it, or the agent
 *   signed in in another browser, which hands its new token to this one). The phone panel shows it.
 * - `session`: the session ended (signed out elsewhere, expired): the browser should go to sign-in.
 */
export const consoleEvents = {
  hello: z.object({ user_id: id, at: z.string() }),
  notification: notification,
  token: z.object({
    expires_at: z
      .string()
      .meta({ description: 'The agent token’s `expiry_date` (ISO-8601 UTC), as `GET /api/phone`.' }),
  }),
  session: z.object({ state: z.enum(['signed_out', 'expired']) }),
} as const;
export type ConsoleEventName = keyof typeof consoleEvents;
export type ConsoleEventData<E extends ConsoleEventName> = z.infer<(typeof consoleEvents)[E]>;
