/**
 * A scenario's system on a mock is created with its key in `Authorization` as well as in the body,
 * the form a load balancer placing systems by their key routes (`omni-mock cluster`); every later
 * request of the scenario carries the same key, and the system is deleted afterwards.
 *
 * @module
 */

import { createMockOmni, type MockOmni } from '@omnikit/mock-omni';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createInprocTarget } from '../../src/target/mock-target.js';

describe('a scenario system on a mock', () => {
  let mock: MockOmni;
  const seen: { method: string; path: string; authorization: string | null; body: string }[] = [];
  beforeAll(async () => {
    mock = await createMockOmni({ clock: 'manual', logger: { info: () => {}, error: () => {} } });
  });
  afterAll(async () => {
    await mock.close();
  });

  it('is created with its new key in Authorization, used by every request after, and deleted', async () => {
    const spied = new Proxy(mock, {
      get(target, property, receiver) {
        if (property !== 'fetch') return Reflect.get(target, property, receiver);
        return async (request: Request) => {
          const body = request.method === 'GET' ? '' : await request.clone().text();
          seen.push({
            method: request.method,
            path: new URL(request.url).pathname,
            authorization: request.headers.get('authorization'),
            body,
          });
          return target.fetch(request);
        };
      },
    });
    const target = await createInprocTarget({ mock: spied });
    const system = await target.open({ seed: 7, clock: 'manual' });
    const create = seen.find((r) => r.method === 'POST' && r.path === '/__mock/systems');
    expect(create).toBeDefined();
    const sent = JSON.parse(create?.body ?? '{}') as { system_key?: string; seed?: number };
    expect(sent.seed).toBe(7);
    expect(sent.system_key).toBe(system.systemKey);
    expect(create?.authorization).toBe(`Key=${system.systemKey}`);
    expect(mock.services.registry.get(system.systemKey)).toBeDefined();

    await system.control?.call('getSystem', {});
    expect(seen.at(-1)?.authorization).toBe(`Key=${system.systemKey}`);

    await system.close();
    expect(mock.services.registry.get(system.systemKey)).toBeUndefined();
    await target.close();
  });
});
