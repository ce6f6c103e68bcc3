/**
 * A system's variation through the control API: which plausible Omni it plays where the wiki is silent
 * (`@omnikit/contracts/variants`), read and set per system, so that one mock serves a matrix of systems at once. The
 * text is the one `omni-mock --vary` reads; a bad one is a 400 naming the axis or value; `null` gives the system's own
 * up, so that it follows the mock's `--vary` again.
 *
 * @module
 */

import { z } from 'zod';
import { parseVary, VaryError } from '../variants/variation.js';
import type { Axis } from '../variants/variation-axes.js';
import {
  datesAxis,
  errorsAxis,
  extrasAxis,
  idsAxis,
  notificationsAxis,
  tokensAxis,
} from '../variants/variation-axes.js';

function valuesOf<V extends string>(axis: Axis<string, V>) {
  return z.enum(axis.values.map((v) => v.name) as [V, ...V[]]).meta({
    description: axis.values.map((v) => `\`${v.name}\`: ${v.effect}`).join('; '),
  });
}

/** One value per axis. */
export const variationObject = z
  .object({
    errors: valuesOf(errorsAxis),
    dates: valuesOf(datesAxis),
    ids: valuesOf(idsAxis),
    tokens: valuesOf(tokensAxis),
    notifications: valuesOf(notificationsAxis),
    extras: valuesOf(extrasAxis),
  })
  .meta({ id: 'MockVariation' });

const seed = z.number().int().min(0).max(2_147_483_647);

/** The `--vary` text: `default`, `random`, or `axis=value` pairs separated by commas. */
export const varyText = z.string().max(500).meta({
  description:
    'As `omni-mock --vary`: `axis=value` pairs separated by commas (`errors=ok-false,dates=vicidial`, the axes not named at their defaults), `default`, or `random` (drawn from the seed).',
});

/** Checks a `vary` text as the mock will read it; `seedKnown` says whether `random` has a seed to draw from. */
function checkVary(
  vary: string,
  seedValue: number | undefined,
  ctx: z.RefinementCtx,
  seedKnown: boolean,
  path: string[],
): void {
  // Too long a text already has its issue; echoing it back would only repeat it.
  if (vary.length > 500) return;
  try {
    // The mock draws `random` from a seed it knows (the system's) when the body gives none.
    parseVary(vary, seedValue ?? (seedKnown ? 0 : undefined));
  } catch (error) {
    if (!(error instanceof VaryError)) throw error;
    const message =
      vary.trim() === 'random' && seedValue === undefined
        ? 'random needs a seed (`seed`) so that the draw can be repeated'
        : error.message;
    ctx.addIssue({ code: 'custom', path, message });
  }
}

export const setVariationBody = z
  .object({
    vary: varyText.nullable().meta({
      description:
        'As `omni-mock --vary`: `axis=value` pairs separated by commas (`errors=ok-false,dates=vicidial`, the axes not named at their defaults), `default`, or `random` (drawn from the seed). `null` gives up the system’s own variation: it follows the mock’s `--vary` again.',
    }),
    seed: seed.optional().meta({ description: 'The seed `random` draws from (needed for `random`).' }),
  })
  .strict()
  .superRefine((b, ctx) => {
    if (b.vary !== null) checkVary(b.vary, b.seed, ctx, false, ['vary']);
  });
export type SetVariationBody = z.infer<typeof setVariationBody>;

/** `vary` on a system being created: `random` draws from the new system's seed. */
export const createSystemVary = varyText.superRefine((vary, ctx) => checkVary(vary, undefined, ctx, true, []));

export const variationView = z
  .object({
    vary: z
      .string()
      .meta({ description: 'The variation as `--vary` text: the axes away from their defaults, or `default`.' }),
    variation: variationObject,
    own: z.boolean().meta({
      description:
        'Whether the system has a variation of its own (set when created or through this route, kept by a restart and a reset, given up with `vary: null`); false: it follows the mock’s `--vary`.',
    }),
    ignored: z
      .object({
        vary: z.string().meta({ description: 'The stored text, as it is in the database.' }),
        detail: z.string().meta({ description: 'What this mock does not understand in it, and what it does instead.' }),
      })
      .optional()
      .meta({
        description:
          'Present when the system’s stored variation is one this mock does not understand (written by a newer OmniKit with another axis or value, or edited by hand): it is kept as it is, but ignored until a variation is set again through this route; meanwhile the system follows the mock’s `--vary` (`own` is false).',
      }),
  })
  .meta({ id: 'MockVariationView' });
export type VariationView = z.infer<typeof variationView>;
