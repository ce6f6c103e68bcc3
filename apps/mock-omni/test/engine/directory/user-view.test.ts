/**
 * `GET /omni/users/{user_id}` is one consistent picture: asking whether the extension is registered may find its
 * registration expired, and losing it logs the agent out (`phone_dropped`); the answer then shows both, not a paused
 * agent on an unregistered extension.
 *
 * @module
 */

import { afterEach, expect, it } from 'vitest';
import { UserService } from '../../../src/engine/directory/users.js';
import type { MockOmni } from '../../../src/index.js';
import { startMock } from '../../support/omni-client.js';
import { TestAgent } from '../../support/telephony.js';

let mock: MockOmni | undefined;
afterEach(async () => {
  await mock?.close();
});

it('an expiry found while the view is built shows logged_out with registered false', async () => {
  const started = await startMock();
  mock = started.mock;
  const { client } = started;
  const services = mock.services;
  const sys = services.registry.getDefault();
  expect((await client.request('POST', '/__mock/phones/1001/register')).status).toBe(200);
  const agent = new TestAgent(client, 1, await client.login('agent1'), '1001');
  expect((await agent.login()).status).toBe(200);
  expect((await agent.view()).agent_state).toBe('paused');
  // The phone's registration lapsed: the next question about it finds that out and drops the agent, as the SIP
  // edge does for a binding nobody refreshed.
  const expiring = {
    isRegistered: (systemId: number, extension: string) => {
      if (systemId === sys.systemId && extension === '1001') {
        services.transaction(() => services.calls.phoneGone(sys, extension));
      }
      return false;
    },
  };
  const users = new UserService(services.stores, services.options.secrets, expiring);
  expect(users.view(sys, 1)).toMatchObject({ agent_state: 'logged_out', campaign_id: 0, registered: false });
});
