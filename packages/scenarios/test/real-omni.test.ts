/**
 * Against TForge's Omni, when its credentials are in the environment (OMNI_BASE_URL, OMNI_SYSTEM_KEY,
 * OMNI_AGENT_*, OMNI_TEST_NUMBERS; see the README): skipped otherwise. CI runs the same path
 * against a strict mock in target/strict-real-target.test.ts. It sits at the top of test/: it runs
 * the whole library and the contract suite, not one folder of src/.
 *
 * @module
 */

import { describe, expect, it } from 'vitest';
import { formatContractTable, runContractSuite } from '../src/contract-suite/run-contract-suite.js';
import { library } from '../src/library/index.js';
import { formatSuiteTable, runSuite } from '../src/runner/run-suite.js';
import { createRealTarget, readRealTargetConfig } from '../src/target/real-target.js';

const config = readRealTargetConfig(process.env);
describe.skipIf(!config.ok || process.env.OMNI_BASE_URL?.includes('127.0.0.1'))('against the real Omni', () => {
  it('the library: nothing fails', async () => {
    if (!config.ok) return;
    const report = await runSuite(library, {
      target: createRealTarget(config.config),
      webhookPublicUrl: config.config.webhookPublicUrl,
      onProgress: (l) => console.error(l),
    });
    console.log(formatSuiteTable(report));
    expect(report.counts.failed).toBe(0);
  }, 900_000);

  it('the contract suite: nothing differs', async () => {
    if (!config.ok) return;
    const report = await runContractSuite(createRealTarget(config.config), {
      ...(config.config.webhookPublicUrl ? { webhookPublicUrl: config.config.webhookPublicUrl } : {}),
    });
    console.log(formatContractTable(report));
    expect(report.counts.differs).toBe(0);
  }, 600_000);
});
