/**
 * What a scenario needs of its target (agents' credentials, the mock's control API, magic numbers,
 * numbers it is safe to dial, a manual clock) and why it is `not run` where that is missing.
 *
 * @module
 */

import type { NumberRef, Scenario } from '../dsl/scenario-schema.js';
import type { TargetSystem } from '../target/target.js';

/**
 * B.10's magic numbers: behaviours only the mock has.
 *
 * @example
 * ```ts
 * import { MAGIC_NUMBERS } from '@omnikit/scenarios';
 *
 * MAGIC_NUMBERS.has('0800555002'); // true: busy, on the mock only
 * ```
 */
export const MAGIC_NUMBERS: ReadonlySet<string> = new Set(
  Array.from({ length: 10 }, (_, i) => `0800555${String(i + 1).padStart(3, '0')}`),
);

/**
 * Why messaging is not run on a real Omni: TForge lists the channels as upcoming and publishes no
 * API for them; OmniKit's messaging routes are its own inference (B.12), served by the mock only.
 */
export const NOT_PUBLISHED_BY_TFORGE = 'not published by TForge';

/** Longest wall-clock wait an `advance` may stand for on a target without a manual clock. */
export const MAX_WALL_ADVANCE_MS = 120_000;

/** What a number reference dials here, or why it may not be dialled. */
export function resolveNumber(ref: NumberRef, system: TargetSystem): { number: string } | { blocked: string } {
  if (typeof ref !== 'string') {
    const n = system.testNumbers[ref.test];
    return n
      ? { number: n }
      : { blocked: `needs test number ${ref.test + 1} but OMNI_TEST_NUMBERS lists ${system.testNumbers.length}` };
  }
  if (system.capabilities.control) return { number: ref };
  if (MAGIC_NUMBERS.has(ref)) return { blocked: `dials ${ref}, a magic number of the mock (B.10)` };
  if (!system.testNumbers.includes(ref)) return { blocked: `dials ${ref}, which is not listed in OMNI_TEST_NUMBERS` };
  return { number: ref };
}

/**
 * Why this scenario cannot run on this system (empty: it can). A step or expectation that needs
 * the control API or a magic number makes the whole scenario `not run` — later steps depend on
 * earlier ones, so running part of it would neither prove nor disprove anything.
 */
export function blockers(scenario: Scenario, system: TargetSystem): string[] {
  const out = new Set<string>();
  const control = (what: string) => {
    if (!system.capabilities.control) out.add(`${what} needs the mock's control API`);
  };
  scenario.given.agents.forEach((a, i) => {
    if (!system.agent(i))
      out.add(`agent "${a.as}" needs agent ${i + 1}'s credentials (OMNI_AGENT${i === 0 ? '' : i + 1}_*)`);
  });
  if (scenario.given.calleeRules.length > 0) control('given.calleeRules (what dialled numbers do)');
  if (scenario.webhookChaos) control('webhookChaos');
  const numbers: NumberRef[] = [];
  for (const l of scenario.given.leads) numbers.push(...l.phones);
  for (const b of scenario.given.leadBatches)
    if (!system.capabilities.control)
      out.add(`given.leadBatches (${b.count} generated numbers ${b.prefix}…) dials numbers not in OMNI_TEST_NUMBERS`);
  for (const st of scenario.steps) {
    switch (st.do) {
      case 'dial':
        if (st.number !== undefined) numbers.push(st.number);
        break;
      case 'conference':
        numbers.push(st.number);
        break;
      case 'shotgun':
        numbers.push(...st.numbers);
        break;
      case 'advance':
        if (!system.capabilities.control && st.ms > MAX_WALL_ADVANCE_MS)
          out.add(`advancing the clock by ${formatMs(st.ms)} needs the mock's control API (manual clock)`);
        break;
      case 'inbound':
        control('an inbound arrival');
        break;
      case 'arrivals':
        control('an inbound arrival process');
        break;
      case 'replayCall':
        control('replaying webhook deliveries');
        break;
      default:
        break;
    }
  }
  for (const ex of scenario.expect) {
    if (ex.kind === 'campaignStats') control('campaign statistics');
    if (ex.kind === 'deliveries') control('the delivery record');
  }
  for (const ref of numbers) {
    const r = resolveNumber(ref, system);
    if ('blocked' in r) out.add(r.blocked);
  }
  return [...out];
}

export function formatMs(ms: number): string {
  if (ms % 3_600_000 === 0) return `${ms / 3_600_000} h`;
  if (ms % 60_000 === 0) return `${ms / 60_000} min`;
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${ms} ms`;
}
