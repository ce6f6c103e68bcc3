/**
 * What a bug in the mock looks like from outside: a 500 INTERNAL without a stack trace, logged.
 *
 * @module
 */

import { afterEach, describe, expect, it } from 'vitest';
import type { MockOmni, OmniHandlers } from '../../src/index.js';
import { startMock } from '../support/omni-client.js';

const mocks: MockOmni[] = [];
afterEach(async () => {
  for (const m of mocks.splice(0)) await m.close();
});

describe('bugs and modes', () => {
  it('a handler that throws answers 500 INTERNAL with no stack trace, and the error is logged', async () => {
    const logged: string[] = [];
    const handlers: OmniHandlers = {
      getShotgun: () => {
        throw new Error('secret internals at /src/engine/whatever.ts:42');
      },
    };
    const { mock, client } = await startMock({
      handlers,
      logger: { info: () => {}, error: (m, e) => void logged.push(`${m} ${String(e)}`) },
    });
    mocks.push(mock);
    const token = await client.login();
    const res = await client.request('GET', '/omni/voice/1/shotgun/1', { token });
    expect(res.status).toBe(500);
    expect(res.body).toEqual({ success: false, detail: expect.stringContaining('getShotgun'), error_code: 'INTERNAL' });
    expect(JSON.stringify(res.body)).not.toMatch(/whatever\.ts|secret internals/);
    expect(logged.join('\n')).toMatch(/secret internals/);
  });

  it('an answer outside its contract is caught while responses are validated', async () => {
    const handlers: OmniHandlers = {
      getShotgun: () => ({ shotgun_id: 1, state: 'exploded', winner_call_id: 0, legs: [] }) as never,
    };
    const { mock, client } = await startMock({ handlers });
    mocks.push(mock);
    const token = await client.login();
    const res = await client.request('GET', '/omni/voice/1/shotgun/1', { token });
    expect([res.status, res.body.error_code]).toEqual([500, 'INTERNAL']);
  });

  it('strict mode serves no control API but /health', async () => {
    const { mock, client } = await startMock({ strict: true, clock: 'real' }); // strict refuses a manual clock
    mocks.push(mock);
    expect((await client.request('GET', '/__mock/clock')).status).toBe(404);
    expect((await client.request('GET', '/health')).status).toBe(200);
    const token = await client.login();
    expect((await client.request('GET', '/omni/users', { token })).status).toBe(200);
  });
});
