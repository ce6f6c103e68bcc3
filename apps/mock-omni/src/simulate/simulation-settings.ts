/**
 * The settings of a simulated day (`omni-mock simulate`): the agents, the leads, the inbound arrivals
 * and the blended campaign's settings, from flags or a JSON file (the same names, snake_case), and
 * the what-if comparison (`--compare setting=v1,v2…`: the same day, from the same seed, with one
 * setting changed).
 *
 * @module
 */

import { z } from 'zod';

export const simulationSettings = z
  .object({
    agents: z.number().int().min(1).max(1_000).default(100),
    hours: z.number().min(0.25).max(24).default(8),
    seed: z
      .number()
      .int()
      .min(0)
      .max(2 ** 31 - 1)
      .default(42),
    leads: z
      .number()
      .int()
      .min(0)
      .max(1_000_000)
      .optional()
      .meta({ description: 'Leads in the campaign’s list; default 400 per agent.' }),
    inbound_per_hour: z
      .number()
      .min(0)
      .max(100_000)
      .optional()
      .meta({ description: 'Inbound callers an hour; default 10 per agent.' }),
    patience_median_seconds: z.number().positive().max(86_400).default(60),
    max_lines: z.number().int().min(1).max(10).default(3),
    target_drop_percentage: z.number().min(0).max(100).default(3),
    wrapup_seconds: z.number().int().min(0).max(3_600).default(10),
    amd_enabled: z.boolean().default(false),
  })
  .strict();
export type SimulationSettings = z.infer<typeof simulationSettings>;
export type SimulationSettingsInput = z.input<typeof simulationSettings>;

/** Leads and inbound callers the day has once its defaults are worked out. */
export function leadsOf(s: SimulationSettings): number {
  return s.leads ?? s.agents * 400;
}
export function inboundPerHourOf(s: SimulationSettings): number {
  return s.inbound_per_hour ?? s.agents * 10;
}

/** The settings a what-if comparison may vary. */
export const COMPARABLE_SETTINGS = [
  'agents',
  'target_drop_percentage',
  'max_lines',
  'inbound_per_hour',
  'wrapup_seconds',
  'patience_median_seconds',
  'amd_enabled',
] as const;
export type ComparableSetting = (typeof COMPARABLE_SETTINGS)[number];

export interface Comparison {
  setting: ComparableSetting;
  values: (number | boolean)[];
}

/** `setting=v1,v2[,v3[,v4]]`, checked against the settings' own bounds. */
export function parseComparison(text: string): { ok: true; comparison: Comparison } | { ok: false; error: string } {
  const m = /^([a-z_]+)=(.+)$/.exec(text.trim());
  if (!m?.[1] || !m[2]) return { ok: false, error: `--compare ${text}: expected setting=v1,v2 (e.g. agents=80,100)` };
  const setting = m[1] as ComparableSetting;
  if (!COMPARABLE_SETTINGS.includes(setting))
    return { ok: false, error: `--compare ${text}: ${m[1]} is not one of ${COMPARABLE_SETTINGS.join(', ')}` };
  const raw = m[2].split(',').map((v) => v.trim());
  if (raw.length < 2 || raw.length > 4)
    return { ok: false, error: `--compare ${text}: give 2 to 4 values (got ${raw.length})` };
  if (new Set(raw).size !== raw.length) return { ok: false, error: `--compare ${text}: the values repeat` };
  const values: (number | boolean)[] = [];
  for (const v of raw) {
    const value = setting === 'amd_enabled' ? (v === 'true' ? true : v === 'false' ? false : Number.NaN) : Number(v);
    const checked = simulationSettings.shape[setting].safeParse(value);
    if (v === '' || !checked.success || (typeof value === 'number' && Number.isNaN(value)))
      return { ok: false, error: `--compare ${text}: ${setting}=${v} is not a valid value` };
    values.push(value);
  }
  return { ok: true, comparison: { setting, values } };
}
