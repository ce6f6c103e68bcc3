/**
 * Builders for a scenario's steps and expectations: short calls that return the plain data
 * the scenario schema parses (the same scenario can be written as JSON).
 *
 * @module
 */

import type { ExpectationInput, FieldMatchers, NumberRef, StepInput } from './scenario-schema.js';

type NotificationTypeName =
  | 'cdr'
  | 'inbound'
  | 'call_state'
  | 'agent_state'
  | 'recording'
  | 'shotgun_result'
  | 'message_received'
  | 'message_status'
  | 'conversation_assigned'
  | 'conversation_window'
  | 'conversation_end';
type Channel = 'sms' | 'whatsapp' | 'email' | 'facebook';
type MessageStatusName = Extract<StepInput, { do: 'messageStatus' }>['status'];
type TemplateInput = NonNullable<Extract<StepInput, { do: 'send' }>['template']>;
/** What a message carries besides where it goes: its body, media, subject, template or tag. */
type MessageContent = Pick<
  Extract<StepInput, { do: 'send' }>,
  'body' | 'media' | 'subject' | 'template' | 'message_tag' | 'unique_id'
>;
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
 *
 * @example
 * ```ts
 * import { step } from '@omnikit/scenarios';
 *
 * // Messaging (the mock only: TForge has published no messaging API).
 * const steps = [
 *   step.authorize('a1'),
 *   step.joinMessaging('a1', 'chats'), // a messaging campaign of given.messagingCampaigns
 *   step.inboundMessage('whatsapp', '0800666002', 'Has my order shipped?', 'conv'),
 *   step.send('a1', 'reply', 'conv', 'It ships today.'),
 *   step.messageStatus('reply', 'read', 30_000), // virtual time passes until it is read
 *   step.closeConversation('a1', 'conv', 'SALE'),
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
  /**
   * Dispose `CALLBK` with when to call back: ISO-8601 (sent as Omni's wall-clock time when its zone is known:
   * `OMNI_TIME_ZONE`, the mock's own), or `YYYY-MM-DD HH:MM:SS` in the system's zone (sent as written).
   */
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
  /** Join messaging campaign `campaign` and go ready for conversations (B.12; not on a real Omni). */
  joinMessaging: (agent: string, campaign: string, ready = true): StepInput => ({
    do: 'joinMessaging',
    agent,
    campaign,
    ready,
  }),
  messagingState: (agent: string, state: 'ready' | 'paused'): StepInput => ({ do: 'messagingState', agent, state }),
  leaveMessaging: (agent: string): StepInput => ({ do: 'leaveMessaging', agent }),
  /** A customer writes from `from` on `channel` (the mock's control API); `as` names the conversation. */
  inboundMessage: (
    channel: Channel,
    from: string,
    body: string,
    as: string,
    extra: { message?: string; subject?: string; reply_to?: string } = {},
  ): StepInput => ({ do: 'inboundMessage', channel, from, body, as, ...extra }),
  /** The agent replies in conversation `conversation` with free text; `as` names the message. */
  send: (agent: string, as: string, conversation: string, body: string): StepInput => ({
    do: 'send',
    agent,
    as,
    conversation,
    body,
  }),
  /**
   * The agent writes first: to `to` on `channel`, a new conversation in messaging campaign
   * `campaign` (named `conversation_as`, for later steps).
   */
  sendTo: (
    agent: string,
    as: string,
    target: { channel: Channel; to: string; campaign: string; conversation_as?: string },
    content: MessageContent,
  ): StepInput => ({ do: 'send', agent, as, ...target, ...content }),
  /** An approved WhatsApp template into conversation `conversation`. */
  sendTemplate: (agent: string, as: string, conversation: string, template: TemplateInput): StepInput => ({
    do: 'send',
    agent,
    as,
    conversation,
    template,
  }),
  /** A send that the channel's rules may refuse: the refusal is recorded for `check.refused`, not a failure. */
  trySend: (agent: string, as: string, conversation: string, content: MessageContent): StepInput => ({
    do: 'send',
    agent,
    as,
    conversation,
    ...content,
    may_fail: true,
  }),
  /** Time passes (virtual on the mock) until message `message` reaches `status`, at most `within_ms`. */
  messageStatus: (message: string, status: MessageStatusName, within_ms = 60_000): StepInput => ({
    do: 'messageStatus',
    message,
    status,
    within_ms,
  }),
  markRead: (agent: string, conversation: string): StepInput => ({ do: 'markRead', agent, conversation }),
  /** Take a queued conversation (`to` = `agent`) or transfer it to agent `to`. */
  assign: (agent: string, conversation: string, to: string): StepInput => ({ do: 'assign', agent, conversation, to }),
  /** Close a conversation with a disposition: its `conversation_end` follows. */
  closeConversation: (agent: string, conversation: string, code: string, notes?: string): StepInput => ({
    do: 'closeConversation',
    agent,
    conversation,
    code,
    ...(notes ? { notes } : {}),
  }),
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
 *
 * @example
 * ```ts
 * import { check, m } from '@omnikit/scenarios';
 *
 * const messaging = [
 *   check.message('a1', 'reply', { message_status: 'read', user_id: m.ref('a1') }),
 *   check.conversation('a1', 'conv', { conversation_state: 'closed', disposition_code: 'SALE' }),
 *   check.templateRequired('late'), // step.trySend('a1', 'late', …) was refused: WhatsApp's window closed
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
  /** A message as agent `agent` reads it (`message_status`, `segments`, `channel_error_code`…). */
  message: (agent: string, message: string, fields: FieldMatchers): ExpectationInput => ({
    kind: 'message',
    agent,
    message,
    fields,
  }),
  conversation: (agent: string, conversation: string, fields: FieldMatchers): ExpectationInput => ({
    kind: 'conversation',
    agent,
    conversation,
    fields,
  }),
  /** The send step `send` (a `step.trySend`) was refused with `error_code`. */
  refused: (
    send: string,
    error_code: Extract<ExpectationInput, { kind: 'refused' }>['error_code'],
  ): ExpectationInput => ({
    kind: 'refused',
    send,
    error_code,
  }),
  /** WhatsApp's 24-hour window was closed: send `send` was refused, a template required. */
  templateRequired: (send: string): ExpectationInput => ({
    kind: 'refused',
    send,
    error_code: 'WINDOW_CLOSED_TEMPLATE_REQUIRED',
  }),
};
