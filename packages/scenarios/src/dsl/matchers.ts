import type { FieldMatcher } from './scenario-schema.js';

type Scalar = string | number | boolean | null;

/**
 * Field matchers for expectations (plain data; `m.ref('c1')` is `{ $ref: 'c1' }`).
 *
 * @example
 * ```ts
 * import { check, m } from '@omnikit/scenarios';
 *
 * check.cdr('call', {
 *   call_id: m.ref('call'), // the id the run gave the call named "call"
 *   hold_time: m.between(2_900, 3_500),
 *   dispostion_code: m.oneOf('SALE', 'NI'),
 * });
 * ```
 */
export const m = {
  /** The id of something the scenario named (a call, lead, shotgun, campaign, list, or an agent's user id). */
  ref: (name: string): FieldMatcher => ({ $ref: name }),
  gte: (n: number): FieldMatcher => ({ $gte: n }),
  lte: (n: number): FieldMatcher => ({ $lte: n }),
  gt: (n: number): FieldMatcher => ({ $gt: n }),
  between: (min: number, max: number): FieldMatcher => ({ $gte: min, $lte: max }),
  oneOf: (...values: Scalar[]): FieldMatcher => ({ $oneOf: values }),
  not: (value: Scalar): FieldMatcher => ({ $ne: value }),
  regex: (pattern: string): FieldMatcher => ({ $regex: pattern }),
  present: (): FieldMatcher => ({ $present: true }),
  absent: (): FieldMatcher => ({ $present: false }),
};
