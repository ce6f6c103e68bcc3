/**
 * The proxy in front of the mock playing the shape variants of `--vary`: each variant an Omni could plausibly be is
 * what the drift report is for, so each must show up in it — on the fields the axis touches, with their source tags
 * — while the contracts' own shapes (the default) show none. A stand-in for the afternoon against a real Omni.
 *
 * @module
 */

import { encodePassword } from '@omnikit/contracts';
import type { DriftReport } from '@omnikit/contracts/drift';
import { afterEach, describe, expect, it } from 'vitest';
import { createMockOmni, type MockOmni } from '../../src/index.js';
import { type RunningProxy, startProxy } from '../../src/proxy/proxy-server.js';
import { until } from '../support/until.js';

const silent = { info: () => {}, error: () => {} };
const KEY = 'omni-demo-key';

let mock: MockOmni | undefined;
let proxy: RunningProxy | undefined;
afterEach(async () => {
  await proxy?.close();
  await mock?.close();
  proxy = undefined;
  mock = undefined;
});

/** Authorize, read a campaign, the users and a lead, and ask for a campaign that does not exist, through the proxy. */
async function afternoon(vary: string): Promise<DriftReport> {
  mock = await createMockOmni({ strict: true, vary, clock: 'scaled:100', logger: silent });
  const direct = await mock.listen({ port: 0, host: '127.0.0.1' });
  proxy = await startProxy({ target: new URL(direct.url), port: 0, say: () => {} });
  const send = async (method: string, path: string, token?: string, body?: unknown) => {
    const res = await fetch(`${proxy?.url}${path}`, {
      method,
      headers: {
        Authorization: `Key=${KEY}`,
        ...(token ? { tokenKey: token } : {}),
        ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return (await res.json()) as Record<string, unknown>;
  };
  const auth = await send('POST', '/omni/user/authorize', undefined, {
    user_name: 'agent1',
    password: encodePassword('password1'),
  });
  const token = auth.token_key as string;
  await send('GET', '/omni/campaign/1', token);
  await send('GET', '/omni/users', token);
  await send('GET', '/omni/lead/1', token);
  await send('GET', '/omni/campaign/999', token);
  // Each exchange is checked just after its answer went out.
  await until('the five exchanges checked', () => proxy?.report().summary.exchanges === 5);
  return proxy.report();
}

/** Every finding as `route location kind source`. */
function findings(report: DriftReport): string[] {
  return report.routes.flatMap((r) => r.differs.map((d) => `${r.id} ${d.location} ${d.kind} ${d.source}`)).sort();
}

describe('the drift report of the proxy in front of each variant', () => {
  it('default: the contracts’ own shapes, nothing differs', async () => {
    expect(findings(await afternoon('default'))).toEqual([]);
  });

  it('errors=ok-false: the refusal answered 200 { success: false } is one inferred status finding', async () => {
    const f = findings(await afternoon('errors=ok-false'));
    expect(f).toHaveLength(1);
    expect(f[0]).toMatch(/^getCampaign \S+ status inferred$/);
  });

  it('errors=status-only: the 404 lacks its error_code, an inferred error body', async () => {
    expect(findings(await afternoon('errors=status-only'))).toEqual([
      'getCampaign response.404.body.error_code missing inferred',
    ]);
  });

  it('ids=strings: each id field is a type finding, documented where the wiki types it integer', async () => {
    const f = findings(await afternoon('ids=strings'));
    expect(f).toContain('authorize response.200.body.user_id type documented');
    expect(f.filter((x) => x.startsWith('getCampaign ')).length).toBeGreaterThan(0);
    expect(f.every((x) => / type (documented|inferred)$/.test(x))).toBe(true);
    expect(f.some((x) => x.startsWith('listUsers '))).toBe(false);
  });

  it('dates=vicidial: the local date form is a type finding; the documented expiry_date keeps its form', async () => {
    const f = findings(await afternoon('dates=vicidial'));
    expect(f).toContain('getLead response.200.body.created_at type inferred');
    expect(f.every((x) => / type (documented|inferred)$/.test(x))).toBe(true);
    expect(f.some((x) => x.includes('expiry_date'))).toBe(false);
  });

  it('dates=iso-offset: the offset form is a type finding; the documented expiry_date keeps its form', async () => {
    const f = findings(await afternoon('dates=iso-offset'));
    expect(f).toContain('getLead response.200.body.created_at type inferred');
    expect(f.every((x) => / type (documented|inferred)$/.test(x))).toBe(true);
    expect(f.some((x) => x.includes('expiry_date'))).toBe(false);
  });

  it('extras=extra-fields: the unknown fields are extra findings', async () => {
    const f = findings(await afternoon('extras=extra-fields'));
    expect(f).toContain('authorize response.200.body.server_node extra documented');
    expect(f.every((x) => / extra (documented|inferred)$/.test(x))).toBe(true);
  });
});
