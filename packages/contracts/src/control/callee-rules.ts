/**
 * Per-system callee rules (the mock's control API): what a dialled number does when it
 * is not one of B.10's magic numbers. A rule matches an exact number or a prefix and gives either
 * one fixed behaviour or a weighted distribution of behaviours, drawn per call from the system's
 * seeded randomness (same seed and call id, same outcome).
 *
 * @module
 */

import { z } from 'zod';
import { phoneNumber } from '../common.js';

/** What the far end does: answer, refuse in one of five ways, or let an answering machine pick up. */
export const CALLEE_OUTCOMES = ['answer', 'busy', 'no_answer', 'machine', 'invalid', 'failed', 'declined'] as const;
export const calleeOutcome = z.enum(CALLEE_OUTCOMES).meta({
  description:
    '`answer` (SIP 200), `busy` (486), `no_answer` (rings until the campaign’s `no_answer_seconds`, 480), ' +
    '`machine` (an answering machine picks up, 200), `invalid` (404), `failed` (network failure, 503), `declined` (603).',
});
export type CalleeOutcome = z.infer<typeof calleeOutcome>;

const ms = z.number().int().nonnegative().max(86_400_000, 'must be at most 24 h (86400000 ms)');

/** A duration in milliseconds: fixed, or drawn uniformly from `[min_ms, max_ms]` per call. */
export const calleeDuration = z.union([
  ms,
  z
    .object({ min_ms: ms, max_ms: ms })
    .strict()
    .refine((r) => r.min_ms <= r.max_ms, { message: 'min_ms must not exceed max_ms', path: ['max_ms'] }),
]);
export type CalleeDuration = z.infer<typeof calleeDuration>;

export const calleeBehaviour = z
  .object({
    outcome: calleeOutcome,
    ring_ms: calleeDuration.optional().meta({
      description:
        'From the dial to the answer (`answer`, `machine`) or to the refusal (`declined`; for `busy`, `invalid` and ' +
        '`failed` the time to fail). Ignored for `no_answer`. Default: the seeded default for the outcome.',
    }),
    talk_ms: z
      .union([calleeDuration, z.null()])
      .optional()
      .meta({
        description:
          'Once answered, how long until the callee hangs up; `null`: never (the agent hangs up; a call the agent ' +
          'connected to a 3rd party is cut 2 h after `connect`). Default: the seeded default (log-normal, minutes).',
      }),
  })
  .strict();
export type CalleeBehaviour = z.infer<typeof calleeBehaviour>;

export const weightedCalleeBehaviour = calleeBehaviour
  .extend({ weight: z.number().positive().max(1_000_000) })
  .strict();

const prefix = z.string().regex(/^\+?[0-9]{1,16}$/, 'must be 1 to 16 digits with an optional leading +');

export const calleeRule = z
  .object({
    number: phoneNumber.optional().meta({ description: 'Matches this number exactly.' }),
    prefix: prefix.optional().meta({ description: 'Matches every number starting with these digits.' }),
    behaviour: calleeBehaviour.optional().meta({ description: 'One fixed behaviour.' }),
    distribution: z
      .array(weightedCalleeBehaviour)
      .min(1)
      .max(20)
      .optional()
      .meta({ description: 'Behaviours drawn by weight (weights need not sum to 1).' }),
  })
  .strict()
  .superRefine((rule, ctx) => {
    if ((rule.number === undefined) === (rule.prefix === undefined))
      ctx.addIssue({ code: 'custom', message: 'give exactly one of number or prefix', path: ['number'] });
    if ((rule.behaviour === undefined) === (rule.distribution === undefined))
      ctx.addIssue({ code: 'custom', message: 'give exactly one of behaviour or distribution', path: ['behaviour'] });
  })
  .meta({ id: 'MockCalleeRule' });
export type CalleeRule = z.infer<typeof calleeRule>;

/**
 * A system's rules, replaced as a whole. Matching: an exact `number` rule first, else the
 * longest matching `prefix` (the earlier rule on a tie); a leading `+` is ignored on both sides.
 */
export const calleeRules = z
  .object({ rules: z.array(calleeRule).max(1000) })
  .strict()
  .meta({ id: 'MockCalleeRules' });
export type CalleeRules = z.infer<typeof calleeRules>;
