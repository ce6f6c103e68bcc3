/**
 * What the mock says of a system whose stored variation text it cannot read (a database written by a newer OmniKit
 * with another axis or value, or edited by hand): once at start, and in `GET /__mock/system/variation`.
 *
 * @module
 */

import type { SystemContext } from '../engine/systems/system-context.js';

/**
 * The sentence naming the stored text, what this build does not understand in it, and what the system does instead.
 *
 * @example ignoredVariationDetail({ vary: 'colour=red', problem: 'unknown axis "colour" (…)' }, '0.1.0')
 */
export function ignoredVariationDetail(ignored: NonNullable<SystemContext['ignoredVary']>, version: string): string {
  return (
    `its stored variation "${ignored.vary}" is not understood by omni-mock ${version} (${ignored.problem}): ` +
    "it is kept, but ignored until a variation is set again (PUT /__mock/system/variation); meanwhile the system follows the mock's --vary"
  );
}
