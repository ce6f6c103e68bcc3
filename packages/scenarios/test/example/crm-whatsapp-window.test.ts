import { type MockOmniFixture, startMockOmni } from '@omnikit/scenarios';
import { TemplateRequiredError } from '@omnikit/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// The CRM code under test: a follow-up that falls back to the approved template once WhatsApp's
// 24-hour window has closed.
type Agent = ReturnType<ReturnType<MockOmniFixture['client']>['agent']>;
async function followUp(agent: Agent, to: string, name: string): Promise<'text' | 'template'> {
  try {
    await agent.messaging.send({ channel: 'whatsapp', to, body: `Hi ${name}, anything else we can do?` });
    return 'text';
  } catch (error) {
    if (!(error instanceof TemplateRequiredError)) throw error;
    const template = { template_name: 'follow_up', language: 'en', variables: [name] };
    await agent.messaging.send({ channel: 'whatsapp', to, template });
    return 'template';
  }
}

describe('my CRM follows up on WhatsApp inside and outside the 24-hour window', () => {
  let omni: MockOmniFixture;
  let agent: Agent;
  beforeAll(async () => {
    omni = await startMockOmni({ seed: 7, clock: 'manual' });
    const client = omni.client();
    // A day passes in this test: the 8-hour token expires, so the session may authorize again.
    agent = client.agent(
      await client.authorize('agent1', 'password1', { credentials: () => ({ password: 'password1' }) }),
    );
    const { campaign_id } = await agent.messagingCampaigns.create({
      campaign_name: 'Follow-ups',
      channels: ['whatsapp'],
    });
    await agent.messaging.join({ campaign_id });
    const { template_id } = await agent.templates.create({
      template_name: 'follow_up',
      language: 'en',
      category: 'UTILITY',
      body: 'Hi {{1}}, is there anything else we can help you with?',
    });
    await omni.control.call('reviewTemplate', {
      params: { template_id: String(template_id) },
      body: { template_status: 'approved' },
    });
  });
  afterAll(() => omni.close());

  it('writes free text while the customer wrote in the last 24 h, the template after', async () => {
    await omni.control.call('injectInboundMessage', {
      body: { channel: 'whatsapp', from: '0821234567', body: 'Thanks, it arrived!' },
    });
    expect(await followUp(agent, '0821234567', 'Thandi')).toBe('text');

    await omni.clock.advance(24 * 3_600_000 + 1_000); // a day and a second later: the window has closed
    await omni.waitFor('conversation_window', (n) => n.payload.window_state === 'closed');
    expect(await followUp(agent, '0821234567', 'Thandi')).toBe('template');

    const [conversation] = (await agent.conversations.list({ channel: 'whatsapp', user_id: agent.userId }))
      .conversations;
    if (!conversation) throw new Error('no conversation');
    const thread = await agent.conversations.messages(conversation.conversation_id);
    expect(thread.messages.map((m) => [m.direction, m.template?.template_name ?? m.body])).toEqual([
      ['inbound', 'Thanks, it arrived!'],
      ['outbound', 'Hi Thandi, anything else we can do?'],
      ['outbound', 'follow_up'],
    ]);
  });
});
