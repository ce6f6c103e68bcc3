/**
 * Integrations: a user's own code (a CRM's webhook handler, its REST client) tried against a fresh mock, as
 * scenarios are — the same CLI, the same `--vary` matrix. A scenario is data driven through the sdk; an
 * integration is a function given the mock's fixture, so it can run code that talks to Omni its own way.
 *
 * @module
 */

import type { MockOmniFixture } from '../fixtures/start-mock-omni.js';

/**
 * Names a part of an integration's run: a failure inside it is reported as that step (`step 3 (the CRM stores the
 * call) failed: …`). Answers what `action` answers.
 *
 * @example
 * ```ts
 * import type { IntegrationStep } from '@omnikit/scenarios';
 *
 * const loginTwice = async (step: IntegrationStep) => {
 *   await step('the agent logs in', async () => {});
 *   await step('the console logs in again', async () => {});
 * };
 * ```
 */
export type IntegrationStep = <T>(name: string, action: () => Promise<T> | T) => Promise<T>;

/**
 * An integration as the runner takes it (`defineIntegration` makes one; any object of this shape exported by a
 * scenario file is one too).
 *
 * @example
 * ```ts
 * import type { Integration } from '@omnikit/scenarios';
 *
 * const names = (entries: Integration[]) => entries.map((i) => i.name);
 * ```
 */
export interface Integration {
  readonly kind: 'integration';
  readonly name: string;
  readonly description: string;
  /** The seed of the mock it runs on (`--seed` overrides it). */
  readonly seed: number;
  /** Drives the mock and the code under test; throws (inside a `step`) when the code under test gets it wrong. */
  run(omni: MockOmniFixture, step: IntegrationStep): Promise<void>;
}

/**
 * What `defineIntegration` takes: a name, what it shows, the seed of its mock, and the run.
 *
 * @example
 * ```ts
 * import { defineIntegration, type IntegrationInput } from '@omnikit/scenarios';
 *
 * const input: IntegrationInput = { name: 'my CRM starts', seed: 7, run: async () => {} };
 * export const starts = defineIntegration(input);
 * ```
 */
export interface IntegrationInput {
  name: string;
  description?: string;
  seed?: number;
  run: Integration['run'];
}

/**
 * Whether `value` is an integration (the CLI's loader tells them from scenarios by this).
 *
 * @example
 * ```ts
 * import { isIntegration, library, type SuiteEntry } from '@omnikit/scenarios';
 *
 * const codeOnly = (entries: SuiteEntry[]) => entries.filter(isIntegration);
 * console.log(codeOnly([...library]).length); // 0
 * ```
 */
export function isIntegration(value: unknown): value is Integration {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return v.kind === 'integration' && typeof v.name === 'string' && typeof v.run === 'function';
}

/**
 * Defines an integration: the run gets a fresh in-process mock (`startMockOmni`, playing the variation of the run)
 * and a `step` function naming its parts.
 *
 * @example
 * ```ts
 * import { defineIntegration } from '@omnikit/scenarios';
 *
 * export const readsTheAgent = defineIntegration({
 *   name: 'my CRM reads the agent',
 *   async run(omni, step) {
 *     const res = await step('authorize over raw HTTP', () =>
 *       fetch(`${omni.baseUrl}/omni/user/authorize`, {
 *         method: 'POST',
 *         headers: { authorization: `Key=${omni.systemKey}`, 'content-type': 'application/json' },
 *         body: JSON.stringify({ user_name: 'agent1', password: btoa('password1') }),
 *       }),
 *     );
 *     await step('the answer is a success', () => {
 *       if (res.status !== 200) throw new Error(`authorize answered ${res.status}`);
 *     });
 *   },
 * });
 * ```
 */
export function defineIntegration(input: IntegrationInput): Integration {
  const name = input.name.trim();
  if (name === '' || name.length > 120) throw new Error('an integration needs a name of 1 to 120 characters');
  if (typeof input.run !== 'function') throw new Error(`integration "${name}" needs a run function`);
  const seed = input.seed ?? 1;
  if (!Number.isInteger(seed) || seed < 0 || seed > 2_147_483_647)
    throw new Error(`integration "${name}": seed must be an integer from 0 to 2147483647`);
  return { kind: 'integration', name, description: input.description ?? '', seed, run: input.run };
}
