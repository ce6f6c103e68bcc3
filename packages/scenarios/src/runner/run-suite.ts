import { type Integration, isIntegration } from '../dsl/define-integration.js';
import type { Scenario } from '../dsl/scenario-schema.js';
import type { ProxyTap } from '../target/proxy-tap.js';
import type { Target } from '../target/target.js';
import { checkCredentials } from './check-credentials.js';
import { runIntegration } from './run-integration.js';
import { runScenario } from './run-scenario.js';
import type { ScenarioFault } from './scenario-fault.js';
import type { ScenarioResult } from './scenario-result.js';
import { WebhookReceiver } from './webhook-inbox.js';
import { interruptedReason } from './when-aborted.js';

/**
 * A run of several scenarios on one target: one entry per scenario, and the counts.
 *
 * @example
 * ```ts
 * import { writeFile } from 'node:fs/promises';
 * import type { SuiteReport } from '@omnikit/scenarios';
 *
 * const save = (report: SuiteReport) => writeFile('report.json', JSON.stringify(report, null, 2));
 * ```
 */
export interface SuiteReport {
  target: string;
  scenarios: ScenarioResult[];
  counts: { passed: number; failed: number; notRun: number };
}

/**
 * How to run several scenarios: on what, with which seed, faults and receiver URL.
 *
 * @example
 * ```ts
 * import { createInprocTarget, type SuiteOptions } from '@omnikit/scenarios';
 *
 * const options: SuiteOptions = { target: await createInprocTarget(), seed: 7, onProgress: (line) => console.error(line) };
 * ```
 */
export interface SuiteOptions {
  target: Target;
  /** A public URL forwarding to the local receiver (`OMNI_WEBHOOK_PUBLIC_URL`). */
  webhookPublicUrl?: string | undefined;
  /**
   * The target is an `omni-mock proxy` (`findProxyTap`): each scenario's notifications reach its
   * inbox through the proxy's tap (a public URL, if any, is then the tap's), which is put back at the end.
   */
  proxyTap?: ProxyTap | undefined;
  faults?: readonly ScenarioFault[];
  settleMs?: number;
  /** Overrides every scenario's seed (`--seed`). */
  seed?: number | undefined;
  onProgress?: (line: string) => void;
  /**
   * Stops the run (Ctrl-C): the scenario or integration under way abandons its step and cleans up; it and the
   * rest are `not run` (`the run was interrupted during step 7 (waitFor)`, `the run was interrupted`).
   */
  signal?: AbortSignal;
}

/**
 * What a suite runs: scenarios (data, through the sdk) and integrations (code, on a mock of their own).
 *
 * @example
 * ```ts
 * import { defineIntegration, library, type SuiteEntry } from '@omnikit/scenarios';
 *
 * const suite: SuiteEntry[] = [...library, defineIntegration({ name: 'my CRM', run: async () => {} })];
 * ```
 */
export type SuiteEntry = Scenario | Integration;

/**
 * Runs scenarios one after another on their own systems, with one local webhook receiver; integrations among
 * them each on a fresh in-process mock playing the target's variation. On a real Omni it first authorizes the
 * first agent once: credentials Omni refuses throw a `CredentialsRefusedError`, an Omni it cannot reach the sdk's
 * `ConnectionError`, before any scenario runs.
 *
 * @example
 * ```ts
 * import { createInprocTarget, formatSuiteTable, library, runSuite } from '@omnikit/scenarios';
 *
 * const target = await createInprocTarget();
 * const report = await runSuite(library, { target });
 * console.log(formatSuiteTable(report));
 * await target.close();
 * ```
 */
export async function runSuite(scenarios: readonly SuiteEntry[], opts: SuiteOptions): Promise<SuiteReport> {
  // A real Omni's credentials, once: refused, they would fail every scenario's setup in turn (integrations run on
  // a mock of their own, so only scenarios need them).
  if (opts.target.kind === 'real' && !opts.signal?.aborted && scenarios.some((s) => !isIntegration(s)))
    await checkCredentials(opts.target, opts.signal ? { signal: opts.signal } : {});
  const receiver = new WebhookReceiver(opts.proxyTap ? undefined : opts.webhookPublicUrl);
  await receiver.start();
  const progress = opts.onProgress ?? (() => {});
  const results: ScenarioResult[] = [];
  try {
    for (const [i, scenario] of scenarios.entries()) {
      if (opts.signal?.aborted) {
        results.push({
          name: scenario.name,
          status: 'not run',
          reason: interruptedReason(),
          stepsRun: 0,
          steps: isIntegration(scenario) ? 0 : scenario.steps.length,
          expectationsHeld: 0,
          expectations: isIntegration(scenario) ? 0 : scenario.expect.length,
          notes: [],
          durationMs: 0,
        });
        continue;
      }
      progress(`[${i + 1}/${scenarios.length}] ${scenario.name}`);
      if (isIntegration(scenario)) {
        const result = await runIntegration(scenario, {
          target: opts.target,
          seed: opts.seed,
          onProgress: progress,
          ...(opts.signal ? { signal: opts.signal } : {}),
        });
        progress(`  → ${result.status}${result.reason ? ` (${result.reason})` : ''} in ${result.durationMs} ms`);
        results.push(result);
        continue;
      }
      const s = opts.seed === undefined ? scenario : { ...scenario, seed: opts.seed };
      const result = await runScenario(s, {
        target: opts.target,
        receiver,
        ...(opts.faults ? { faults: opts.faults } : {}),
        ...(opts.proxyTap ? { proxyTap: opts.proxyTap } : {}),
        ...(opts.settleMs !== undefined ? { settleMs: opts.settleMs } : {}),
        onProgress: progress,
        ...(opts.signal ? { signal: opts.signal } : {}),
      });
      progress(`  → ${result.status}${result.reason ? ` (${result.reason})` : ''} in ${result.durationMs} ms`);
      results.push(result);
    }
  } finally {
    await receiver.close();
    await opts.proxyTap?.restore();
  }
  return {
    target: opts.target.label,
    scenarios: results,
    counts: {
      passed: results.filter((r) => r.status === 'passed').length,
      failed: results.filter((r) => r.status === 'failed').length,
      notRun: results.filter((r) => r.status === 'not run').length,
    },
  };
}

/**
 * A plain-text table: scenario, status, steps, expectations, time; then failures and reasons.
 *
 * @example
 * ```ts
 * import { createMockUrlTarget, formatSuiteTable, library, runSuite } from '@omnikit/scenarios';
 *
 * const report = await runSuite(library, { target: createMockUrlTarget({ baseUrl: 'http://127.0.0.1:4010' }) });
 * console.log(formatSuiteTable(report)); // Target: mock at http://127.0.0.1:4010 …
 * ```
 */
export function formatSuiteTable(report: SuiteReport): string {
  const rows = report.scenarios.map((r) => [
    r.name,
    r.status,
    `${r.stepsRun}/${r.steps}`,
    `${r.expectationsHeld}/${r.expectations}`,
    `${r.durationMs} ms`,
  ]);
  const head = ['scenario', 'status', 'steps', 'expectations', 'time'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] as string).length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i] as number)).join('  ');
  const out = [`Target: ${report.target}`, line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)];
  const details = report.scenarios.filter((r) => r.status !== 'passed');
  if (details.length > 0) out.push('');
  for (const r of details) {
    out.push(`${r.status === 'failed' ? 'FAILED' : 'NOT RUN'}: ${r.name}`);
    for (const l of (r.message ?? r.reason ?? '').split('\n')) out.push(`  ${l}`);
  }
  const { passed, failed, notRun } = report.counts;
  out.push('', `${passed} passed, ${failed} failed, ${notRun} not run`);
  return out.join('\n');
}
