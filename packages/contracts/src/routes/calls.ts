import { z } from 'zod';
import { commandResult, dateTimeIn, dateTimeOut, id, idOrZero, pathId, phoneNumber } from '../common.js';
import {
  agentLegState,
  callDirection,
  callState,
  callType,
  dispositionCode,
  recordingAction,
  recordingState,
} from '../enums.js';
import { defineRoute } from '../route.js';

export const callParams = z.object({ user_id: pathId, call_id: pathId });

/**
 * Click-2-Dial input (page 2177007617, B.5). The wiki's table misspells `outbound_cli` as
 * `outboud_cli`: both are accepted and the handler sees `outbound_cli`.
 */
export const callBody = z
  .object({
    phone_number: phoneNumber,
    lead_id: id.optional(),
    outbound_cli: phoneNumber.optional().meta({ description: 'The caller id to present.' }),
    outboud_cli: phoneNumber
      .optional()
      .meta({ deprecated: true, description: 'The wiki table’s spelling of `outbound_cli`; accepted on input.' }),
    unique_id: z
      .string()
      .max(100)
      .optional()
      .meta({ description: 'The integrator’s own reference, echoed in the CDR.' }),
  })
  .transform(({ outboud_cli, ...rest }) => ({ ...rest, outbound_cli: rest.outbound_cli ?? outboud_cli }));
export type CallBody = z.input<typeof callBody>;

export const callStarted = z
  .object({
    call_id: id,
    phone_number: z.string(),
    call_state: callState,
    call_start_time: dateTimeOut,
  })
  .meta({ id: 'CallStarted' });

/**
 * A call as `GET /omni/voice/{user_id}/call/{call_id}` shows it (B.5). Times not yet reached are null. Inferred: once
 * the agent has disposed the call, its disposition and the dispose `notes` read back here (the dispose route takes
 * notes, and nothing documented gives them back), and a `CALLBK`'s `callback_date_time` with them (the lead shows it
 * too, but a call without a lead has nowhere else to show it); before that these fields are absent.
 */
export const callView = z
  .object({
    call_id: id,
    phone_number: z.string(),
    call_state: callState,
    call_direction: callDirection,
    call_type: callType,
    campaign_id: idOrZero,
    lead_id: idOrZero,
    unique_id: z.string(),
    agent_leg_state: agentLegState,
    recording_state: recordingState,
    call_start_time: dateTimeOut,
    answer_time: dateTimeOut.nullable(),
    end_time: dateTimeOut.nullable(),
    disposition_code: z
      .string()
      .optional()
      .meta({ description: 'The agent’s disposition; present once the call is disposed (inferred).' }),
    notes: z.string().optional().meta({
      description: 'The dispose notes, empty when none were given; present once the call is disposed (inferred).',
    }),
    callback_date_time: dateTimeOut.optional().meta({
      description: 'When to call back; present once the call is disposed `CALLBK`, absent otherwise (inferred).',
    }),
  })
  .meta({ id: 'Call' });
export type CallView = z.infer<typeof callView>;

export const disposeBody = z.object({
  disposition_code: dispositionCode.meta({ description: 'One of the campaign’s dispositions (B.9).' }),
  callback_date_time: dateTimeIn.optional().meta({
    description:
      'Required with `CALLBK`: when to call back, after the system clock’s now and at most a year (366 days) ahead ' +
      '(inferred); ignored with any other code.',
  }),
  notes: z.string().max(2000).optional(),
});
export type DisposeBody = z.infer<typeof disposeBody>;

export const recordingBody = z.object({ action: recordingAction });
export const recordingResult = commandResult
  .extend({
    recording_state: recordingState,
    recording_url: z.string().meta({ description: 'The recording’s file name; empty until recording starts.' }),
  })
  .meta({ id: 'RecordingResult' });

export const conferenceBody = z
  .object({
    phone_number: phoneNumber,
    outbound_cli: phoneNumber.optional(),
    outboud_cli: phoneNumber.optional().meta({ deprecated: true }),
  })
  .transform(({ outboud_cli, ...rest }) => ({ ...rest, outbound_cli: rest.outbound_cli ?? outboud_cli }));
export const conferenceResult = commandResult
  .extend({ call_id: id.meta({ description: 'The 3rd-party leg; hang it up to cancel the conference.' }) })
  .meta({ id: 'ConferenceResult' });

const callCommand = {
  method: 'POST',
  group: 'calls',
  auth: 'user',
  source: 'inferred',
  params: callParams,
  errors: ['INVALID_STATE', 'AGENT_NOT_LOGGED_IN'],
} as const;

export const makeCall = defineRoute({
  id: 'makeCall',
  method: 'POST',
  path: '/omni/voice/{user_id}/call',
  group: 'calls',
  auth: 'user',
  summary: 'Click-2-Dial: call a number for an agent',
  description: 'The agent must be logged in and `paused` or `ready`; it goes `on_call` at once (B.4).',
  source: 'documented',
  page: '2177007617',
  idempotent: false,
  params: z.object({ user_id: pathId }),
  body: callBody,
  responses: { 200: callStarted },
  errors: ['INVALID_STATE', 'AGENT_NOT_LOGGED_IN'],
});

export const getCall = defineRoute({
  id: 'getCall',
  method: 'GET',
  path: '/omni/voice/{user_id}/call/{call_id}',
  group: 'calls',
  auth: 'user',
  summary: 'A call’s live state',
  source: 'inferred',
  idempotent: true,
  params: callParams,
  responses: { 200: callView },
});

export const holdCall = defineRoute({
  ...callCommand,
  id: 'holdCall',
  path: '/omni/voice/{user_id}/call/{call_id}/hold',
  summary: 'Put the customer on hold',
  idempotent: false,
  responses: { 200: commandResult },
});

export const retrieveCall = defineRoute({
  ...callCommand,
  id: 'retrieveCall',
  path: '/omni/voice/{user_id}/call/{call_id}/retrieve',
  summary: 'Retrieve a held customer',
  idempotent: false,
  responses: { 200: commandResult },
});

export const hangupCall = defineRoute({
  ...callCommand,
  id: 'hangupCall',
  path: '/omni/voice/{user_id}/call/{call_id}/hangup',
  summary: 'Hang up a call (or a conference leg by its call_id)',
  idempotent: false,
  responses: { 200: commandResult },
});

export const disposeCall = defineRoute({
  ...callCommand,
  id: 'disposeCall',
  path: '/omni/voice/{user_id}/call/{call_id}/dispose',
  summary: 'Dispose a call once the agent’s part has ended',
  idempotent: false,
  body: disposeBody,
  responses: { 200: commandResult },
});

export const recordCall = defineRoute({
  ...callCommand,
  id: 'recordCall',
  path: '/omni/voice/{user_id}/call/{call_id}/recording',
  summary: 'Start, stop, pause or resume the call’s recording',
  idempotent: false,
  body: recordingBody,
  responses: { 200: recordingResult },
});

export const conferenceCall = defineRoute({
  ...callCommand,
  id: 'conferenceCall',
  path: '/omni/voice/{user_id}/call/{call_id}/conference',
  summary: 'Call a 3rd party into the active call',
  idempotent: false,
  body: conferenceBody,
  responses: { 200: conferenceResult },
});

export const connectCall = defineRoute({
  ...callCommand,
  id: 'connectCall',
  path: '/omni/voice/{user_id}/call/{call_id}/connect',
  summary: 'Join the customer and the 3rd party; the agent leaves',
  idempotent: false,
  responses: { 200: commandResult },
});
