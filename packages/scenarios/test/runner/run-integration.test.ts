import { parseVary } from '@omnikit/contracts/variants';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defineIntegration } from '../../src/dsl/define-integration.js';
import { runIntegration } from '../../src/runner/run-integration.js';
import { runSuite } from '../../src/runner/run-suite.js';
import { createInprocTarget, createMockUrlTarget } from '../../src/target/mock-target.js';
import type { Target } from '../../src/target/target.js';

describe('runIntegration', () => {
  let target: Target;
  beforeAll(async () => {
    target = await createInprocTarget({ vary: parseVary('dates=vicidial,ids=strings') });
  });
  afterAll(() => target.close());

  it('gives the run a fresh mock playing the target’s variation, and passes when nothing throws', async () => {
    const seen: string[] = [];
    const result = await runIntegration(
      defineIntegration({
        name: 'health',
        async run(omni, step) {
          const status = await step('GET /health', async () => (await fetch(`${omni.baseUrl}/health`)).status);
          seen.push(String(status), omni.variation.dates, omni.variation.ids);
        },
      }),
      { target },
    );
    expect(result).toMatchObject({ name: 'health', status: 'passed', stepsRun: 1, steps: 1 });
    expect(seen).toEqual(['200', 'vicidial', 'strings']);
  });

  it('fails at the named step with the error, and closes its mock', async () => {
    let url = '';
    const result = await runIntegration(
      defineIntegration({
        name: 'breaks',
        async run(omni, step) {
          url = omni.baseUrl;
          await step('first', () => {});
          await step('the CRM parses the date', () => {
            throw new TypeError('"2026-01-05 08:00:00" is not ISO-8601 with Z');
          });
          await step('never', () => {});
        },
      }),
      { target },
    );
    expect(result.status).toBe('failed');
    expect(result.failedAt).toBe('step 2 (the CRM parses the date)');
    expect(result.message).toBe(
      'step 2 (the CRM parses the date) failed: TypeError: "2026-01-05 08:00:00" is not ISO-8601 with Z',
    );
    expect([result.stepsRun, result.steps]).toEqual([1, 2]);
    await expect(fetch(`${url}/health`)).rejects.toThrow();
  });

  it('Ctrl-C abandons the step under way at once, closes its mock, and reports the integration not run', async () => {
    let url = '';
    const stop = new AbortController();
    const started = Date.now();
    const result = await runIntegration(
      defineIntegration({
        name: 'slow CRM',
        async run(omni, step) {
          url = omni.baseUrl;
          await step('first', () => {});
          await step('a minute of work', () => {
            setTimeout(() => stop.abort(), 50);
            return new Promise((resolve) => setTimeout(resolve, 60_000).unref());
          });
          await step('never', () => {});
        },
      }),
      { target, signal: stop.signal },
    );
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(result).toMatchObject({
      name: 'slow CRM',
      status: 'not run',
      reason: 'the run was interrupted during step 2 (a minute of work)',
      stepsRun: 1,
      steps: 2,
    });
    expect(result.failedAt).toBeUndefined();
    await expect(fetch(`${url}/health`)).rejects.toThrow();
  });

  it('an integration is not started when the run is already interrupted', async () => {
    const stop = new AbortController();
    stop.abort();
    let ran = false;
    const result = await runIntegration(
      defineIntegration({
        name: 'late',
        run: async () => {
          ran = true;
        },
      }),
      { target, signal: stop.signal },
    );
    expect(ran).toBe(false);
    expect(result).toMatchObject({ status: 'not run', reason: 'the run was interrupted' });
  });

  it('runSuite hands Ctrl-C to the integration under way; the rest are not run', async () => {
    const stop = new AbortController();
    const slow = defineIntegration({
      name: 'slow',
      run: (_omni, step) => step('wait', () => new Promise<void>((resolve) => setTimeout(resolve, 60_000).unref())),
    });
    const after = defineIntegration({ name: 'after', run: async () => {} });
    const started = Date.now();
    const report = await runSuite([slow, after], {
      target,
      signal: stop.signal,
      onProgress: (line) => {
        if (line.includes('step 1 (wait)')) setTimeout(() => stop.abort(), 20);
      },
    });
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(report.scenarios.map((r) => [r.name, r.status, r.reason])).toEqual([
      ['slow', 'not run', 'the run was interrupted during step 1 (wait)'],
      ['after', 'not run', 'the run was interrupted'],
    ]);
    expect(report.counts).toEqual({ passed: 0, failed: 0, notRun: 2 });
  });

  it('is not run on a target other than the in-process mock', async () => {
    const result = await runIntegration(defineIntegration({ name: 'x', run: async () => {} }), {
      target: createMockUrlTarget({ baseUrl: 'http://127.0.0.1:9' }),
    });
    expect(result.status).toBe('not run');
    expect(result.reason).toMatch(/runs on a mock of its own in this process/);
  });
});
