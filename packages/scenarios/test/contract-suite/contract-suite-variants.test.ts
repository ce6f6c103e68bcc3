/**
 * The contract suite on a strict mock playing another plausible Omni (`omni-mock --strict --vary …`),
 * reached as a real Omni: where the wiki is silent (how a refusal looks, whether a new authorize
 * revokes older tokens) the suite reports what TForge documents, not how the mock chose to answer;
 * and one row that differs does not leave a call up that makes the rows after it differ too.
 *
 * @module
 */

import { createMockOmni, DEMO_SYSTEM_KEY, type Listening, type MockOmni, STRICT_TEST_LINES } from '@omnikit/mock-omni';
import { afterEach, describe, expect, it } from 'vitest';
import { CONTRACT_CHECKS } from '../../src/contract-suite/contract-checks.js';
import { type ContractReport, runContractSuite } from '../../src/contract-suite/run-contract-suite.js';
import { createRealTarget, readRealTargetConfig } from '../../src/target/real-target.js';

let mock: MockOmni | undefined;
let server: Listening | undefined;
afterEach(async () => {
  await server?.close();
  await mock?.close();
  server = undefined;
  mock = undefined;
});

/** The suite's checks of `subjects` on a strict mock playing `vary`, configured as a real Omni. */
async function contractOn(
  vary: string,
  subjects: readonly string[],
  fetch?: (request: Request) => Promise<Response>,
): Promise<ContractReport> {
  mock = await createMockOmni({
    strict: true,
    vary,
    clock: 'real',
    clockStart: new Date().toISOString(),
    logger: { info: () => {}, error: () => {} },
  });
  server = await mock.listen({ port: 0, host: '127.0.0.1' });
  const read = readRealTargetConfig({
    OMNI_BASE_URL: server.url,
    OMNI_SYSTEM_KEY: DEMO_SYSTEM_KEY,
    OMNI_AGENT_USER: 'agent1',
    OMNI_AGENT_PASSWORD: 'password1',
    OMNI_AGENT_EXTENSION: '1001',
    OMNI_AGENT_WEBRTC_PASSWORD: 'webrtc1',
    OMNI_TEST_NUMBERS: STRICT_TEST_LINES.join(','),
  });
  if (!read.ok) throw new Error(read.error);
  const checks = CONTRACT_CHECKS.filter((c) => subjects.includes(c.subject));
  return runContractSuite(createRealTarget(read.config, fetch), { checks });
}

const statusOf = (report: ContractReport) =>
  Object.fromEntries(report.subjects.map((s) => [s.subject, s.status === 'differs' ? s.detail : s.status]));

describe('the contract suite on a strict mock playing another plausible Omni', () => {
  it('errors=ok-false: a refusal answered 200 { success: false } is still a refusal', async () => {
    const report = await contractOn('errors=ok-false', [
      'POST /omni/user/authorize',
      'POST /omni/users/{user_id}/login',
      'POST /omni/lead',
    ]);
    expect(statusOf(report)).toEqual({
      'POST /omni/user/authorize': 'matches',
      'POST /omni/users/{user_id}/login': 'matches',
      'POST /omni/lead': 'matches',
    });
  }, 60_000);

  it('errors=ok-false: a 200 that says success: false is not taken for an acceptance', async () => {
    // This Omni refuses every bulk upload, in the ok-false form.
    const refusesUploads = async (request: Request) =>
      new URL(request.url).pathname === '/omni/leads/bulk/upload'
        ? Response.json({ success: false, detail: 'bulk upload is turned off for this system' })
        : globalThis.fetch(request);
    const report = await contractOn('errors=ok-false', ['POST /omni/leads/bulk/upload'], refusesUploads);
    expect(statusOf(report)).toEqual({
      'POST /omni/leads/bulk/upload': expect.stringContaining(
        'bulk upload answered 200: {"success":false,"detail":"bulk upload is turned off for this system"}',
      ),
    });
  }, 60_000);

  it('tokens=revoke-older: the suite’s own authorize checks do not leave it with a revoked token', async () => {
    const report = await contractOn('tokens=revoke-older', [
      'POST /omni/user/authorize',
      'GET /omni/users',
      'PUT /omni/campaign/{campaign_id}',
    ]);
    expect(statusOf(report)).toEqual({
      'POST /omni/user/authorize': 'matches',
      'GET /omni/users': 'matches',
      'PUT /omni/campaign/{campaign_id}': 'matches',
    });
  }, 60_000);

  it('ids=strings: the call that differs is ended, so the calls after it are checked on their own', async () => {
    const report = await contractOn('ids=strings', [
      'POST /omni/voice/{user_id}/call',
      'POST /omni/voice/{user_id}/call/{call_id}/hold · /retrieve',
    ]);
    // call_id as a string differs from A.3's integer: reported, and only there.
    expect(statusOf(report)).toEqual({
      'POST /omni/voice/{user_id}/call': expect.stringContaining('call_id should be an integer, got "'),
      'POST /omni/voice/{user_id}/call/{call_id}/hold · /retrieve': 'matches',
    });
    const call = report.subjects.find((s) => s.subject === 'POST /omni/voice/{user_id}/call');
    expect(call?.checks.map((c) => c.status)).toEqual(['differs', 'matches']);
  }, 60_000);
});
