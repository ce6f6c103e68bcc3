import { formatVariation, type Variation, variationMatrix } from '@omnikit/contracts/variants';
import { describe, expect, it } from 'vitest';
import { check, step } from '../../src/dsl/builders.js';
import { defineIntegration } from '../../src/dsl/define-integration.js';
import { defineScenario } from '../../src/dsl/define-scenario.js';
import { runMatrix } from '../../src/runner/run-matrix.js';
import { createInprocTarget } from '../../src/target/mock-target.js';

const readsTheAgent = defineScenario({
  name: 'reads the agent',
  given: { agents: [{ as: 'a1' }] },
  steps: [step.authorize('a1'), step.getAgent('a1')],
  expect: [check.agent('a1', { agent_state: 'logged_out' })],
});

describe('runMatrix', () => {
  it('runs every entry under every variant, each variant on a fresh target playing it, cells in order', async () => {
    const variants = variationMatrix({ random: 2, seed: 11 });
    const opened: string[] = [];
    const closed: string[] = [];
    // The integration fails under one variant only, so the cell must land in that column.
    const picky = defineIntegration({
      name: 'fails under ids=strings',
      async run(omni, st) {
        await st('look at the variation', () => {
          if (omni.variation.ids === 'strings' && formatVariation(omni.variation) === 'ids=strings')
            throw new Error('strings');
        });
      },
    });
    const lines: string[] = [];
    const report = await runMatrix([readsTheAgent, picky], {
      variants,
      async targetFor(vary: Variation) {
        const target = await createInprocTarget({ vary });
        opened.push(formatVariation(vary));
        return {
          ...target,
          async close() {
            closed.push(formatVariation(vary));
            await target.close();
          },
        };
      },
      onProgress: (line) => lines.push(line),
    });
    expect(opened).toEqual(variants.map((v) => formatVariation(v.variation)));
    expect(closed).toEqual(opened);
    expect(report.variants.map((v) => v.label)).toEqual(variants.map((v) => v.label));
    expect(report.variants.at(-1)?.label).toBe('random#12');
    expect(report.rows.map((r) => r.name)).toEqual(['reads the agent', 'fails under ids=strings']);
    expect(report.rows[0]?.cells.every((c) => c.status === 'passed')).toBe(true);
    const picked = report.rows[1]?.cells ?? [];
    expect(picked.filter((c) => c.status === 'failed').map((c) => [c.variant, c.failedAt])).toEqual([
      ['ids=strings', 'step 1 (look at the variation)'],
    ]);
    expect(report.counts).toEqual({ passed: variants.length * 2 - 1, failed: 1, notRun: 0 });
    expect(lines[0]).toBe(`variant 1/${variants.length} default (default)`);
    expect(lines).toContain(`variant 3/${variants.length} errors=status-only`);
    expect(lines.some((l) => l.startsWith('  step'))).toBe(false);
  }, 120_000);

  it('an interrupted matrix marks the cells it did not run', async () => {
    const stop = new AbortController();
    stop.abort();
    const report = await runMatrix([readsTheAgent], { variants: variationMatrix(), signal: stop.signal });
    expect(report.counts.notRun).toBe(variationMatrix().length);
    expect(report.rows[0]?.cells[0]?.reason).toBe('the run was interrupted');
  });
});
