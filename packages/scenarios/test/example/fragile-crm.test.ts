/**
 * The proof that the matrix finds what an integration assumes: the fragile CRM of examples/fragile-crm fails under
 * exactly the variants that break one of its assumptions — alone or in a random combination — at the step that
 * shows it, with the axis named, and passes under every other.
 *
 * @module
 */

import { type AxisName, type Variation, variationMatrix } from '@omnikit/contracts/variants';
import { describe, expect, it } from 'vitest';
import { fragileCrmSalesCall } from '../../examples/fragile-crm/fragile-crm.scenario.js';
import { formatMatrix } from '../../src/runner/format-matrix.js';
import { runMatrix } from '../../src/runner/run-matrix.js';
import { missingVariants } from './mock-plays-variants.js';

/** What the CRM assumes (its module comment), as the axis values that break it, and the step each breaks. */
const BREAKS: Partial<Record<AxisName, Record<string, string>>> = {
  errors: {
    'ok-false': 'step 3 (a dial before the agent is logged in shows "Log in to Omni first")',
    'status-only': 'step 3 (a dial before the agent is logged in shows "Log in to Omni first")',
  },
  dates: {
    // expiry_date keeps its documented form (A.2) under every variant: call_start_time is the first date it reads.
    vicidial: 'step 5 (the CRM dials the customer)',
    'iso-offset': 'step 5 (the CRM dials the customer)',
  },
  tokens: { 'revoke-older': 'step 5 (the CRM dials the customer)' },
  notifications: {
    twice: 'step 7 (the CRM has the call: agent1 on it, ended, SALE, 30 s, one activity per event)',
    swapped: 'step 7 (the CRM has the call: agent1 on it, ended, SALE, 30 s, one activity per event)',
  },
};

const breaks = (v: Variation) =>
  (Object.entries(BREAKS) as [AxisName, Record<string, string>][]).some(([axis, values]) => v[axis] in values);

describe('the fragile CRM under every variant', () => {
  it('runs on a mock that plays the variants its assumptions meet (errors on the wire, tokens in behaviour)', async () => {
    expect(await missingVariants()).toEqual([]);
  });

  it('fails exactly where one of its assumptions breaks, naming the step and the axis', async () => {
    const variants = variationMatrix({ random: 5, seed: 1 });
    const report = await runMatrix([fragileCrmSalesCall], { variants });
    const cells = report.rows[0]?.cells ?? [];
    const failed = cells.filter((c) => c.status === 'failed').map((c) => c.variant);
    expect(failed).toEqual(variants.filter((v) => breaks(v.variation)).map((v) => v.label));
    expect(cells.filter((c) => c.status === 'not run')).toEqual([]);
    // Each single-axis failure at the step that shows the assumption, and the axis named in the matrix.
    const text = formatMatrix(report);
    for (const [k, v] of variants.entries()) {
      if (!v.axis || !breaks(v.variation)) continue;
      const at = BREAKS[v.axis]?.[v.variation[v.axis]];
      expect(cells[k]?.failedAt, v.label).toBe(at);
      expect(text).toContain(`fragile CRM: one sales call × ${k + 1} ${v.label} (axis ${v.axis}): ${at}`);
    }
  }, 180_000);

  it('passes against the contracts’ own shapes', async () => {
    const report = await runMatrix([fragileCrmSalesCall], { variants: variationMatrix().slice(0, 1) });
    expect(report.rows[0]?.cells[0]).toMatchObject({ variant: 'default', status: 'passed' });
  });
});
