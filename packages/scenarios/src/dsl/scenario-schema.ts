/**
 * A scenario is plain data: who is there (`given`), what they do (`steps`) and what must be true
 * afterwards (`expect`). Everything that is sent to Omni is parsed through the contracts' own
 * schemas (campaign fields, lead fields, callee rules), so a scenario that would send a bad body
 * fails when it is defined, not when it runs. Names (`as`) tie the parts together: a step that
 * dials `as: 'c1'` lets later steps and expectations say `call: 'c1'`.
 *
 * @module
 */

import {
  addLeadBody,
  createCampaignBody,
  dateTimeIn,
  errorCode,
  notificationType,
  phoneNumber,
  updateCampaignBody,
} from '@omnikit/contracts';
import { calleeRule, webhookChaos } from '@omnikit/contracts/control';
import {
  channel,
  createMessagingCampaignBody,
  createTemplateBody,
  mediaList,
  messageStatus,
  messageTag,
  templateRef,
} from '@omnikit/contracts/messaging';
import { z } from 'zod';

export const alias = z
  .string()
  .regex(/^[A-Za-z][A-Za-z0-9_-]{0,39}$/, 'must be a name: a letter, then letters, digits, _ or -');

/**
 * A number to dial: a literal (a B.10 magic number, or one a callee rule covers — both need the
 * mock), or `{ test: i }`, the i-th number of `OMNI_TEST_NUMBERS` on a real Omni (on the mock, a
 * test line that answers after 1 s and never hangs up by itself).
 *
 * @example
 * ```ts
 * import { step, testNumber, type NumberRef } from '@omnikit/scenarios';
 *
 * const numbers: NumberRef[] = ['0800555002', testNumber(1)]; // a magic number (mock only), a test number
 * const race = step.shotgun('a1', 'race', numbers);
 * ```
 */
export const numberRef = z.union([phoneNumber, z.object({ test: z.number().int().min(0).max(9) }).strict()]);
/**
 * A number to dial (see `numberRef`).
 *
 * @example
 * ```ts
 * import type { NumberRef } from '@omnikit/scenarios';
 *
 * const busy: NumberRef = '0800555002';
 * const firstTestNumber: NumberRef = { test: 0 };
 * ```
 */
export type NumberRef = z.infer<typeof numberRef>;

/**
 * A field matcher: a literal, or one of a few operators. `$ref` names something the scenario made.
 *
 * @example
 * ```ts
 * import { check, m } from '@omnikit/scenarios';
 *
 * // A literal, or an operator: { $gte: 1000 } is what m.gte(1000) writes.
 * check.cdr('call', { dispostion_code: 'SALE', talk_time: { $gte: 1_000 }, hold_time: m.lte(500) });
 * ```
 */
export const fieldMatcher: z.ZodType<FieldMatcher> = z.lazy(() =>
  z.union([
    z.string(),
    z.number(),
    z.boolean(),
    z.null(),
    z.object({ $ref: alias }).strict(),
    z
      .object({ $gte: z.number().optional(), $lte: z.number().optional(), $gt: z.number().optional() })
      .strict()
      .refine((v) => Object.keys(v).length > 0, 'give at least one bound'),
    z.object({ $oneOf: z.array(z.union([z.string(), z.number(), z.boolean(), z.null()])).min(1) }).strict(),
    z.object({ $ne: z.union([z.string(), z.number(), z.boolean(), z.null()]) }).strict(),
    z.object({ $regex: z.string().min(1) }).strict(),
    z.object({ $present: z.boolean() }).strict(),
  ]),
);
/**
 * One field matcher: a literal or an operator (`m` builds them).
 *
 * @example
 * ```ts
 * import { m, type FieldMatcher } from '@omnikit/scenarios';
 *
 * const answeredOrHeld: FieldMatcher = m.oneOf('answered', 'on_hold');
 * const sameAs: FieldMatcher = { $ref: 'call' };
 * ```
 */
export type FieldMatcher =
  | string
  | number
  | boolean
  | null
  | { $ref: string }
  | { $gte?: number | undefined; $lte?: number | undefined; $gt?: number | undefined }
  | { $oneOf: (string | number | boolean | null)[] }
  | { $ne: string | number | boolean | null }
  | { $regex: string }
  | { $present: boolean };

/**
 * Field name (dotted paths allowed) → matcher.
 *
 * @example
 * ```ts
 * import { check, m } from '@omnikit/scenarios';
 *
 * // Field names may be dotted into arrays and objects.
 * check.shotgun('a1', 'race', { state: 'won', 'legs.0.outcome': m.present() });
 * ```
 */
export const fieldMatchers = z.record(z.string(), fieldMatcher);
/**
 * Field name (dotted paths allowed) → matcher.
 *
 * @example
 * ```ts
 * import { m, type FieldMatchers } from '@omnikit/scenarios';
 *
 * const soldAfterATalk: FieldMatchers = { dispostion_code: 'SALE', talk_time: m.gt(0) };
 * ```
 */
export type FieldMatchers = z.infer<typeof fieldMatchers>;

// ---------- given ----------

export const givenAgent = z
  .object({
    as: alias,
    /** `virtual`: the mock's virtual phone (control API); `sip`: a real SIP registration (OmniPhone). */
    phone: z.enum(['virtual', 'sip']).default('virtual'),
  })
  .strict();

const campaignFields = createCampaignBody.omit({ default_list_id: true });
export const givenCampaign = z.object({ as: alias, fields: campaignFields }).strict();

export const givenList = z
  .object({ as: alias, list_name: z.string().min(1).max(100), campaign: alias.optional() })
  .strict();

const leadFields = addLeadBody.omit({ list_id: true, phone_numbers: true });
export const givenLead = z
  .object({
    as: alias.optional(),
    list: alias,
    phones: z.array(numberRef).min(1).max(10),
    fields: leadFields,
  })
  .strict();

/** Many leads at once (bulk upload): `count` numbers `prefix` + a zero-padded index. */
export const givenLeadBatch = z
  .object({
    list: alias,
    count: z.number().int().min(1).max(1000),
    prefix: z.string().regex(/^[0-9]{3,10}$/, 'must be 3 to 10 digits'),
  })
  .strict();

export const givenEndpoint = z
  .object({
    notification_types: z.array(notificationType).min(1).optional(),
    /** Sign deliveries with a secret the runner makes up (default true). */
    signed: z.boolean().default(true),
  })
  .strict();

/** A messaging campaign (B.12): a queue of conversations on its channels that agents join. */
export const givenMessagingCampaign = z.object({ as: alias, fields: createMessagingCampaignBody }).strict();

/** A WhatsApp template, submitted `pending`; `review` approves or rejects it (the mock's control API). */
export const givenTemplate = z
  .object({
    as: alias,
    fields: createTemplateBody,
    review: z.enum(['approved', 'rejected', 'pending']).default('approved'),
  })
  .strict();

export const given = z
  .object({
    agents: z.array(givenAgent).min(1).max(5),
    campaigns: z.array(givenCampaign).max(10).default([]),
    lists: z.array(givenList).max(10).default([]),
    leads: z.array(givenLead).max(200).default([]),
    leadBatches: z.array(givenLeadBatch).max(10).default([]),
    /** What dialled numbers do on the mock (control API). */
    calleeRules: z.array(calleeRule).max(100).default([]),
    notificationEndpoint: givenEndpoint.default({ signed: true }),
    messagingCampaigns: z.array(givenMessagingCampaign).max(10).default([]),
    templates: z.array(givenTemplate).max(20).default([]),
  })
  .strict();
export type Given = z.output<typeof given>;
export type GivenInput = z.input<typeof given>;

// ---------- steps ----------

const agentStep = { agent: alias };
const callStep = { agent: alias, call: alias };

/**
 * One step: what an agent, the clock or the world around them does next (`do` names the kind).
 *
 * @example
 * ```ts
 * import { step, type StepInput } from '@omnikit/scenarios';
 *
 * const pause: StepInput = { do: 'pause', agent: 'a1', pause_code: 'LUNCH' }; // what step.pause('a1', 'LUNCH') writes
 * ```
 */
export const step = z.discriminatedUnion('do', [
  z.object({ do: z.literal('authorize'), ...agentStep }).strict(),
  z.object({ do: z.literal('registerPhone'), ...agentStep }).strict(),
  z.object({ do: z.literal('dropPhone'), ...agentStep }).strict(),
  z.object({ do: z.literal('login'), ...agentStep, campaign: alias }).strict(),
  z.object({ do: z.literal('ready'), ...agentStep }).strict(),
  z.object({ do: z.literal('pause'), ...agentStep, pause_code: z.string().min(1).max(20).optional() }).strict(),
  z.object({ do: z.literal('logout'), ...agentStep }).strict(),
  z.object({ do: z.literal('getAgent'), ...agentStep }).strict(),
  z
    .object({
      do: z.literal('dial'),
      ...agentStep,
      as: alias,
      number: numberRef.optional(),
      /** A lead the scenario made or previewed: its first number is dialled and `lead_id` sent. */
      lead: alias.optional(),
      unique_id: z.string().min(1).max(100).optional(),
      /** The caller id to present. */
      outbound_cli: phoneNumber.optional(),
    })
    .strict()
    .refine((s) => (s.number === undefined) !== (s.lead === undefined), 'give exactly one of number or lead'),
  z.object({ do: z.literal('hold'), ...callStep }).strict(),
  z.object({ do: z.literal('retrieve'), ...callStep }).strict(),
  z.object({ do: z.literal('hangup'), ...callStep }).strict(),
  z.object({ do: z.literal('record'), ...callStep, action: z.enum(['start', 'stop', 'pause', 'resume']) }).strict(),
  z
    .object({
      do: z.literal('conference'),
      ...callStep,
      as: alias,
      number: numberRef,
      outbound_cli: phoneNumber.optional(),
    })
    .strict(),
  z.object({ do: z.literal('connect'), ...callStep }).strict(),
  z
    .object({
      do: z.literal('dispose'),
      ...callStep,
      code: z.string().min(1).max(20),
      /** When to call back: a campaign's `CALLBK` needs it. */
      callback_date_time: dateTimeIn.optional(),
      notes: z.string().max(1000).optional(),
    })
    .strict(),
  z
    .object({
      do: z.literal('shotgun'),
      ...agentStep,
      as: alias,
      numbers: z.array(numberRef).min(1).max(5),
      /** Names for the legs' calls, in the request's order. */
      legs: z.array(alias).max(5).optional(),
      unique_id: z.string().min(1).max(100).optional(),
      outbound_cli: phoneNumber.optional(),
    })
    .strict(),
  z.object({ do: z.literal('shotgunCancel'), ...agentStep, shotgun: alias }).strict(),
  z.object({ do: z.literal('previewNext'), ...agentStep, as: alias }).strict(),
  z.object({ do: z.literal('previewSkip'), ...agentStep, lead: alias }).strict(),
  z.object({ do: z.literal('updateCampaign'), campaign: alias, fields: updateCampaignBody }).strict(),
  /** Move time: the mock's manual clock; on a real Omni a wall-clock wait (at most 2 minutes). */
  z
    .object({
      do: z.literal('advance'),
      ms: z
        .number()
        .int()
        .min(1)
        .max(7 * 86_400_000),
    })
    .strict(),
  /** Wait (wall clock) until a notification matching this arrives. */
  z
    .object({
      do: z.literal('waitFor'),
      type: notificationType,
      fields: fieldMatchers.default({}),
      timeout_ms: z.number().int().min(1).max(600_000).default(10_000),
    })
    .strict(),
  z.object({ do: z.literal('inbound'), did: phoneNumber, from: phoneNumber, as: alias }).strict(),
  z
    .object({
      do: z.literal('arrivals'),
      campaign: alias,
      calls_per_hour: z.number().min(0).max(100_000),
      dids: z.array(phoneNumber).min(1).max(50),
      patience_median_seconds: z.number().positive().max(86_400).optional(),
      patience_sigma: z.number().min(0).max(3).optional(),
    })
    .strict(),
  /** The runner's own webhook receiver stops acknowledging (answers `status`), or starts again. */
  z.object({ do: z.literal('receiverOutage'), status: z.number().int().min(400).max(599).default(503) }).strict(),
  z.object({ do: z.literal('receiverRecover') }).strict(),
  z.object({ do: z.literal('replayCall'), call: alias }).strict(),
  /** Join a messaging campaign the scenario made; `ready` (default) then asks for conversations. */
  z
    .object({ do: z.literal('joinMessaging'), ...agentStep, campaign: alias, ready: z.boolean().default(true) })
    .strict(),
  z
    .object({
      do: z.literal('messagingState'),
      ...agentStep,
      state: z.enum(['ready', 'paused']),
      pause_code: z.string().min(1).max(32).optional(),
    })
    .strict(),
  z.object({ do: z.literal('leaveMessaging'), ...agentStep }).strict(),
  /**
   * A customer writes (the mock's `POST /__mock/messages/inbound`): `as` names the conversation,
   * `message` the message.
   */
  z
    .object({
      do: z.literal('inboundMessage'),
      channel,
      from: z.string().min(1).max(254),
      body: z.string().min(1).max(100_000).optional(),
      media: mediaList.optional(),
      subject: z.string().min(1).max(998).optional(),
      /**
       * Email: the message this one answers, a name a `send` step gave. The customer's mail client names it in
       * `In-Reply-To` and `References`, and the mock puts the email on that message's thread (B.12.2).
       */
      reply_to: alias.optional(),
      as: alias,
      message: alias.optional(),
    })
    .strict(),
  /**
   * An agent sends a message, named `as`: into a conversation the scenario named (its channel and
   * customer), or to `channel` + `to` (a new conversation, in messaging campaign `campaign`). With
   * `may_fail`, a refusal is recorded (see the `refused` expectation) instead of failing the step.
   */
  z
    .object({
      do: z.literal('send'),
      ...agentStep,
      as: alias,
      conversation: alias.optional(),
      channel: channel.optional(),
      to: z.string().min(1).max(254).optional(),
      campaign: alias.optional(),
      /** Names the conversation the message went into (a new one, when sent to `channel` + `to`). */
      conversation_as: alias.optional(),
      body: z.string().min(1).max(100_000).optional(),
      media: mediaList.optional(),
      subject: z.string().min(1).max(998).optional(),
      template: templateRef.optional(),
      message_tag: messageTag.optional(),
      unique_id: z.string().min(1).max(100).optional(),
      may_fail: z.boolean().default(false),
    })
    .strict()
    .refine(
      (s) => (s.conversation === undefined) !== (s.channel === undefined || s.to === undefined),
      'give a conversation, or a channel and to',
    )
    .refine(
      (s) => s.body !== undefined || s.template !== undefined || (s.media?.length ?? 0) > 0,
      'give a body, media or a template',
    ),
  /**
   * Let time pass until message `message` reaches `status` (a `message_status` notification),
   * at most `within_ms`: the mock's manual clock moves a second at a time; elsewhere the wall clock.
   */
  z
    .object({
      do: z.literal('messageStatus'),
      message: alias,
      status: messageStatus,
      within_ms: z
        .number()
        .int()
        .min(1)
        .max(7 * 86_400_000)
        .default(60_000),
    })
    .strict(),
  z.object({ do: z.literal('markRead'), ...agentStep, conversation: alias }).strict(),
  /** Take a queued conversation (`to` the agent itself) or transfer one the agent owns to `to`. */
  z.object({ do: z.literal('assign'), ...agentStep, conversation: alias, to: alias }).strict(),
  z
    .object({
      do: z.literal('closeConversation'),
      ...agentStep,
      conversation: alias,
      code: z.string().min(1).max(20),
      notes: z.string().max(1000).optional(),
    })
    .strict(),
]);
/**
 * A parsed step (defaults filled in).
 *
 * @example
 * ```ts
 * import type { Scenario, Step } from '@omnikit/scenarios';
 *
 * const dialled = (s: Scenario): Step[] => s.steps.filter((st) => st.do === 'dial');
 * ```
 */
export type Step = z.output<typeof step>;
/**
 * A step as written (defaults may be left out).
 *
 * @example
 * ```ts
 * import { step, type StepInput } from '@omnikit/scenarios';
 *
 * const atWork: StepInput[] = [...step.online('a1', 'c2d'), { do: 'getAgent', agent: 'a1' }];
 * ```
 */
export type StepInput = z.input<typeof step>;

// ---------- expectations ----------

const notificationPattern = z.object({ type: notificationType, fields: fieldMatchers.default({}) }).strict();
export type NotificationPattern = z.output<typeof notificationPattern>;

/**
 * What must be true after the last step (`kind` names what is checked).
 *
 * @example
 * ```ts
 * import { check, type ExpectationInput } from '@omnikit/scenarios';
 *
 * const cdr: ExpectationInput = { kind: 'cdr', call: 'call', fields: { dispostion_code: 'SALE' } }; // check.cdr(…)
 * ```
 */
export const expectation = z.discriminatedUnion('kind', [
  /**
   * The received notifications (duplicates dropped), narrowed by `where` (type and/or fields): in
   * arrival order `exact`ly the items, or containing them as a `subsequence`; in any order, each item
   * matched by a notification of its own (`set`), and nothing else (`exact-set`). Omni promises no
   * order (`--vary notifications=swapped`): the unordered modes, with `previous_state` in the items,
   * say what must have happened without assuming the order it is told in.
   */
  z
    .object({
      kind: z.literal('notifications'),
      mode: z.enum(['exact', 'subsequence', 'set', 'exact-set']),
      where: z
        .object({ types: z.array(notificationType).min(1).optional(), fields: fieldMatchers.optional() })
        .strict()
        .default({}),
      items: z.array(notificationPattern).min(1),
    })
    .strict(),
  /** How many deliveries match (`duplicates`: count every delivery, replays and retries included). */
  z
    .object({
      kind: z.literal('notificationCount'),
      type: notificationType,
      fields: fieldMatchers.default({}),
      min: z.number().int().min(0).optional(),
      max: z.number().int().min(0).optional(),
      duplicates: z.boolean().default(false),
    })
    .strict(),
  z.object({ kind: z.literal('call'), ...callStep, fields: fieldMatchers }).strict(),
  z.object({ kind: z.literal('agent'), ...agentStep, fields: fieldMatchers }).strict(),
  /** The one CDR of a call. */
  z.object({ kind: z.literal('cdr'), call: alias, fields: fieldMatchers }).strict(),
  z.object({ kind: z.literal('shotgun'), ...agentStep, shotgun: alias, fields: fieldMatchers }).strict(),
  z.object({ kind: z.literal('lead'), lead: alias, fields: fieldMatchers }).strict(),
  /** The mock's campaign statistics (control API). */
  z.object({ kind: z.literal('campaignStats'), campaign: alias, fields: fieldMatchers }).strict(),
  /** The mock's delivery record of a call's notifications of one type, or of every type (`any`) (control API). */
  z
    .object({
      kind: z.literal('deliveries'),
      call: alias,
      type: z.union([notificationType, z.literal('any')]),
      fields: fieldMatchers,
      /** Every delivery must match, or at least one. */
      match: z.enum(['every', 'some']).default('every'),
    })
    .strict(),
  /** How many times an agent's session authorized (the first time included). */
  z.object({ kind: z.literal('authorizations'), ...agentStep, count: z.number().int().min(1) }).strict(),
  /** A message as the agent reads it (`GET /omni/messaging/messages/{message_id}`). */
  z.object({ kind: z.literal('message'), ...agentStep, message: alias, fields: fieldMatchers }).strict(),
  /** A conversation as the agent reads it. */
  z.object({ kind: z.literal('conversation'), ...agentStep, conversation: alias, fields: fieldMatchers }).strict(),
  /**
   * A `send` step (with `may_fail`) was refused with `error_code` — a rule of the channel, e.g.
   * WhatsApp's closed window: `WINDOW_CLOSED_TEMPLATE_REQUIRED`.
   */
  z.object({ kind: z.literal('refused'), send: alias, error_code: errorCode }).strict(),
]);
/**
 * A parsed expectation (defaults filled in).
 *
 * @example
 * ```ts
 * import type { Expectation, Scenario } from '@omnikit/scenarios';
 *
 * const needsTheMock = (s: Scenario): Expectation[] =>
 *   s.expect.filter((e) => e.kind === 'campaignStats' || e.kind === 'deliveries');
 * ```
 */
export type Expectation = z.output<typeof expectation>;
/**
 * An expectation as written (defaults may be left out).
 *
 * @example
 * ```ts
 * import { check, m, type ExpectationInput } from '@omnikit/scenarios';
 *
 * const expectations: ExpectationInput[] = [check.agent('a1', { agent_state: 'ready' }), check.cdr('c', { talk_time: m.gt(0) })];
 * ```
 */
export type ExpectationInput = z.input<typeof expectation>;

// ---------- the scenario ----------

/**
 * The whole scenario: `given`, `steps`, `expect`, checked across parts (every name used is given). `defineScenario` parses through it.
 *
 * @example
 * ```ts
 * import { readFile } from 'node:fs/promises';
 * import { scenarioSchema } from '@omnikit/scenarios';
 *
 * const parsed = scenarioSchema.safeParse(JSON.parse(await readFile('my-case.json', 'utf8')));
 * if (!parsed.success) console.error(parsed.error.issues);
 * ```
 */
export const scenarioSchema = z
  .object({
    name: z.string().min(1).max(120),
    description: z.string().max(2000).default(''),
    seed: z.number().int().min(0).max(2_147_483_647).default(1),
    /** The clock of the mock system the scenario runs on; a real Omni runs on its own. */
    clock: z.enum(['manual', 'real']).default('manual'),
    given,
    steps: z
      .array(z.union([step, z.array(step)]))
      .min(1)
      .max(500)
      .transform((s) => s.flat()),
    expect: z.array(expectation).min(1).max(200),
    /** Webhook chaos set before the steps (mock only). */
    webhookChaos: webhookChaos.optional(),
  })
  .strict()
  .superRefine((s, ctx) => {
    const agents = new Set(s.given.agents.map((a) => a.as));
    const campaigns = new Set([...s.given.campaigns, ...s.given.messagingCampaigns].map((c) => c.as));
    const lists = new Set(s.given.lists.map((l) => l.as));
    for (const [i, l] of s.given.lists.entries())
      if (l.campaign && !campaigns.has(l.campaign))
        ctx.addIssue({
          code: 'custom',
          path: ['given', 'lists', i, 'campaign'],
          message: `no campaign "${l.campaign}"`,
        });
    for (const [i, l] of [...s.given.leads, ...s.given.leadBatches].entries())
      if (!lists.has(l.list))
        ctx.addIssue({ code: 'custom', path: ['given', 'leads', i, 'list'], message: `no list "${l.list}"` });
    for (const [i, st] of s.steps.entries()) {
      if ('agent' in st && !agents.has(st.agent))
        ctx.addIssue({
          code: 'custom',
          path: ['steps', i, 'agent'],
          message: `no agent "${st.agent}" in given.agents`,
        });
      if ('campaign' in st && st.campaign !== undefined && !campaigns.has(st.campaign))
        ctx.addIssue({ code: 'custom', path: ['steps', i, 'campaign'], message: `no campaign "${st.campaign}"` });
    }
    for (const [i, ex] of s.expect.entries())
      if ('agent' in ex && !agents.has(ex.agent))
        ctx.addIssue({
          code: 'custom',
          path: ['expect', i, 'agent'],
          message: `no agent "${ex.agent}" in given.agents`,
        });
  });
/**
 * A parsed scenario, ready to run.
 *
 * @example
 * ```ts
 * import { library, type Scenario } from '@omnikit/scenarios';
 *
 * const mockOnly: Scenario[] = library.filter((s) => s.given.calleeRules.length > 0);
 * ```
 */
export type Scenario = z.output<typeof scenarioSchema>;
/**
 * A scenario as written (in code or JSON): defaults may be left out.
 *
 * @example
 * ```ts
 * import { defineScenario, step, check, type ScenarioInput } from '@omnikit/scenarios';
 *
 * const input: ScenarioInput = {
 *   name: 'read the agent',
 *   given: { agents: [{ as: 'a1' }] },
 *   steps: [step.authorize('a1'), step.getAgent('a1')],
 *   expect: [check.authorizations('a1', 1)],
 * };
 * const scenario = defineScenario(input);
 * ```
 */
export type ScenarioInput = z.input<typeof scenarioSchema>;
