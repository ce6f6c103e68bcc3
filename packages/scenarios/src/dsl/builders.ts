/**
 * Builders for a scenario's steps and expectations: short calls that return the plain data
 * the scenario schema parses (the same scenario can be written as JSON).
 *
 * @module
 */

import type { ExpectationInput, FieldMatchers, NumberRef, StepInput } from './scenario-schema.js';

type NotificationTypeName = 'cdr' | 'inbound' | 'call_state' | 'agent_state' | 'recording' | 'shotgun_result';
type Pattern = { type: NotificationTypeName; fields?: FieldMatchers };

/**
 * The i-th test number (`OMNI_TEST_NUMBERS` on a real Omni; a test line on the mock).
 *
 * @example
 * ```ts
 * import { step, testNumber } from '@omnikit/scenarios';
 *
 * // OMNI_TEST_NUMBERS[0] on a real Omni; on the mock a line that answers after 1 s.
 * const dial = step.dial('a1', 'call', testNumber(0));
 * ```
 */
export const testNumber = (i: number): NumberRef => ({ test: i });

/**
 * Builders for steps: each returns plain data, checked when the scenario is defined.
 *
 * @example
 * ```ts
 * import { step, testNumber } from '@omnikit/scenarios';
 *
 * const steps = [
 *   step.online('a1', 'c2d'), // authorize, register the phone, log in, ready
 *   step.dial('a1', 'call', testNumber(0)),
 *   step.advance(3_000),
 *   step.hangup('a1', 'call'),
 *   step.dispose('a1', 'call', 'SALE'),
 * ];
 * ```
 */
export const step = {
  /** authorize, register the phone, log in to `campaign`, go ready: an agent at work. */
  online: (agent: string, campaign: string): StepInput[] => [
    { do: 'authorize', agent },
    { do: 'registerPhone', agent },
    { do: 'login', agent, campaign },
    { do: 'ready', agent },
  ],
  authorize: (agent: string): StepInput => ({ do: 'authorize', agent }),
  registerPhone: (agent: string): StepInput => ({ do: 'registerPhone', agent }),
  dropPhone: (agent: string): StepInput => ({ do: 'dropPhone', agent }),
  login: (agent: string, campaign: string): StepInput => ({ do: 'login', agent, campaign }),
  ready: (agent: string): StepInput => ({ do: 'ready', agent }),
  pause: (agent: string, pause_code?: string): StepInput => ({
    do: 'pause',
    agent,
    ...(pause_code ? { pause_code } : {}),
  }),
  logout: (agent: string): StepInput => ({ do: 'logout', agent }),
  getAgent: (agent: string): StepInput => ({ do: 'getAgent', agent }),
  dial: (agent: string, as: string, number: NumberRef, unique_id?: string): StepInput => ({
    do: 'dial',
    agent,
    as,
    number,
    ...(unique_id ? { unique_id } : {}),
  }),
  dialLead: (agent: string, as: string, lead: string): StepInput => ({ do: 'dial', agent, as, lead }),
  hold: (agent: string, call: string): StepInput => ({ do: 'hold', agent, call }),
  retrieve: (agent: string, call: string): StepInput => ({ do: 'retrieve', agent, call }),
  hangup: (agent: string, call: string): StepInput => ({ do: 'hangup', agent, call }),
  record: (agent: string, call: string, action: 'start' | 'stop' | 'pause' | 'resume'): StepInput => ({
    do: 'record',
    agent,
    call,
    action,
  }),
  conference: (agent: string, call: string, as: string, number: NumberRef): StepInput => ({
    do: 'conference',
    agent,
    call,
    as,
    number,
  }),
  connect: (agent: string, call: string): StepInput => ({ do: 'connect', agent, call }),
  dispose: (agent: string, call: string, code: string, notes?: string): StepInput => ({
    do: 'dispose',
    agent,
    call,
    code,
    ...(notes ? { notes } : {}),
  }),
  /** Dispose `CALLBK` with when to call back (ISO-8601, or `YYYY-MM-DD HH:MM:SS` in the system's zone). */
  callback: (agent: string, call: string, callback_date_time: string, notes?: string): StepInput => ({
    do: 'dispose',
    agent,
    call,
    code: 'CALLBK',
    callback_date_time,
    ...(notes ? { notes } : {}),
  }),
  shotgun: (agent: string, as: string, numbers: NumberRef[], legs?: string[]): StepInput => ({
    do: 'shotgun',
    agent,
    as,
    numbers,
    ...(legs ? { legs } : {}),
  }),
  shotgunCancel: (agent: string, shotgun: string): StepInput => ({ do: 'shotgunCancel', agent, shotgun }),
  previewNext: (agent: string, as: string): StepInput => ({ do: 'previewNext', agent, as }),
  previewSkip: (agent: string, lead: string): StepInput => ({ do: 'previewSkip', agent, lead }),
  advance: (ms: number): StepInput => ({ do: 'advance', ms }),
  advanceHours: (hours: number): StepInput => ({ do: 'advance', ms: Math.round(hours * 3_600_000) }),
  waitFor: (type: NotificationTypeName, fields: FieldMatchers = {}, timeout_ms = 10_000): StepInput => ({
    do: 'waitFor',
    type,
    fields,
    timeout_ms,
  }),
  inbound: (did: string, from: string, as: string): StepInput => ({ do: 'inbound', did, from, as }),
  receiverOutage: (status = 503): StepInput => ({ do: 'receiverOutage', status }),
  receiverRecover: (): StepInput => ({ do: 'receiverRecover' }),
  replayCall: (call: string): StepInput => ({ do: 'replayCall', call }),
};

/**
 * Builders for expectations.
 *
 * @example
 * ```ts
 * import { check, m } from '@omnikit/scenarios';
 *
 * const expectations = [
 *   check.notifications('subsequence', [{ type: 'call_state', fields: { call_state: 'answered' } }]),
 *   check.cdr('call', { dispostion_code: 'SALE', talk_time: m.gte(1_000) }),
 * ];
 * ```
 */
export const check = {
  notifications: (
    mode: 'exact' | 'subsequence' | 'set' | 'exact-set',
    items: Pattern[],
    where: { types?: NotificationTypeName[]; fields?: FieldMatchers } = {},
  ): ExpectationInput => ({ kind: 'notifications', mode, items, where }),
  notificationCount: (
    type: NotificationTypeName,
    bounds: { min?: number; max?: number; duplicates?: boolean },
    fields: FieldMatchers = {},
  ): ExpectationInput => ({ kind: 'notificationCount', type, fields, ...bounds }),
  call: (agent: string, call: string, fields: FieldMatchers): ExpectationInput => ({
    kind: 'call',
    agent,
    call,
    fields,
  }),
  agent: (agent: string, fields: FieldMatchers): ExpectationInput => ({ kind: 'agent', agent, fields }),
  cdr: (call: string, fields: FieldMatchers): ExpectationInput => ({ kind: 'cdr', call, fields }),
  shotgun: (agent: string, shotgun: string, fields: FieldMatchers): ExpectationInput => ({
    kind: 'shotgun',
    agent,
    shotgun,
    fields,
  }),
  lead: (lead: string, fields: FieldMatchers): ExpectationInput => ({ kind: 'lead', lead, fields }),
  campaignStats: (campaign: string, fields: FieldMatchers): ExpectationInput => ({
    kind: 'campaignStats',
    campaign,
    fields,
  }),
  /** The mock's delivery record of a call's notifications of `type` (`any`: of every type, agent_state included). */
  deliveries: (
    call: string,
    type: NotificationTypeName | 'any',
    fields: FieldMatchers,
    match: 'every' | 'some' = 'every',
  ): ExpectationInput => ({ kind: 'deliveries', call, type, fields, match }),
  authorizations: (agent: string, count: number): ExpectationInput => ({ kind: 'authorizations', agent, count }),
};
