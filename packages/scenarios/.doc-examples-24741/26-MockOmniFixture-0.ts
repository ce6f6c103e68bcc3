import { startMockOmni, type MockOmniFixture } from '@omnikit/scenarios';

const omni: MockOmniFixture = await startMockOmni();
const client = omni.client();
const agent = client.agent(await client.authorize('agent1', 'password1'));
await omni.registerPhone('1001');
await agent.login({ campaign_id: 1, extension: '1001' });
await omni.waitFor('agent_state', (n) => n.payload.agent_state === 'paused');
await omni.close();
