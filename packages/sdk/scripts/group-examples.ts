/**
 * The `@example` of each generated `…Methods` interface: what a developer types to use that
 * group's methods. The test of the doc examples typechecks each as printed in src/group-methods.ts.
 *
 * @module
 */

const CLIENT = `import { OmniClient } from '@omnikit/sdk';

const client = new OmniClient({ baseUrl: 'http://127.0.0.1:4010', systemKey: 'omni-demo-key' });`;

const AGENT = `${CLIENT}
const agent = client.agent(await client.authorize('agent1', 'password1'));`;

/** Each contract group's example, without the fence. */
export const GROUP_EXAMPLES: Readonly<Record<string, string>> = {
  users: `${CLIENT}
const omni = client.withSession(await client.authorize('agent1', 'password1'));
for (const user of (await omni.users.list()).users) console.log(user.user_id, user.user_name);`,
  agent: `${AGENT}
await agent.login({ campaign_id: 1, extension: '1001' });
await agent.state({ state: 'ready' });
console.log((await agent.get()).agent_state); // ready`,
  calls: `${AGENT}
const call = await agent.calls.make({ phone_number: '0800555008', unique_id: 'crm-42' });
await agent.calls.hold(call.call_id);
await agent.calls.retrieve(call.call_id);
await agent.calls.hangup(call.call_id);
await agent.calls.dispose(call.call_id, { disposition_code: 'SALE', notes: 'renewed for a year' });`,
  shotgun: `${AGENT}
const race = await agent.shotgun.start({ phone_numbers: ['0800555001', '0800555009'] });
console.log((await agent.shotgun.get(race.shotgun_id)).state);`,
  preview: `${AGENT}
const { lead } = await agent.preview.next();
if (lead) await agent.preview.skip({ lead_id: lead.lead_id });`,
  campaigns: `${AGENT}
const campaign = await agent.campaigns.get(1);
await agent.campaigns.update(campaign.campaign_id, { max_lines: 2 });`,
  lists: `${AGENT}
const page = await agent.lists.leads(1, { status: 'NEW', page: 1, page_size: 50 });
console.log(page.leads.length);`,
  leads: `${AGENT}
const { lead_id } = await agent.leads.add({
  list_id: 1,
  first_name: 'Thandi',
  last_name: 'Mokoena',
  other_info: 'Renewal due in May',
  phone_numbers: [{ phone_number: '0821234567', phone_type_id: 2 }],
});
await agent.leads.update(lead_id, { other_info: 'Asked for a call after 17:00' });`,
  archive: `${CLIENT}
// The archive service takes the system key only: no session needed.
await client.archive.archive({ insert_leads: true, update_leads: true, delete_leads: true, lead_ids: [351] });`,
  notifications: `${AGENT}
await agent.notifications.setEndpoint({
  url: 'https://crm.example.com/omni/notifications',
  secret: 'a-long-random-secret',
  notification_types: ['cdr', 'call_state'],
});`,
  recordings: `${AGENT}
const wav = await agent.recordings.get('41_20260105080003.wav');
console.log(wav.type, wav.size); // audio/wav and its length in bytes`,
  messaging: `${AGENT}
// Join a messaging campaign and take conversations, then write to a customer on WhatsApp.
await agent.messaging.join({ campaign_id: 1 });
await agent.messaging.state({ state: 'ready' });
const sent = await agent.messaging.send({ channel: 'whatsapp', to: '0821234567', body: 'Your order has shipped' });
console.log(sent.message_id, sent.conversation_id, sent.message_status); // … queued`,
  conversations: `${AGENT}
const { conversations } = await agent.conversations.list({ conversation_state: 'assigned', page: 1, page_size: 20 });
for (const c of conversations) {
  const thread = await agent.conversations.messages(c.conversation_id, { page: 1, page_size: 50 });
  console.log(c.channel, c.customer_address, thread.total);
}
const first = conversations[0];
if (first) {
  await agent.conversations.markRead(first.conversation_id);
  await agent.conversations.close(first.conversation_id, { disposition_code: 'SALE', notes: 'order confirmed' });
}`,
  messages: `${AGENT}
const message = await agent.messages.get(42);
console.log(message.message_status, message.segments, message.channel_error_code);`,
  messagingCampaigns: `${AGENT}
const { campaign_id } = await agent.messagingCampaigns.create({
  campaign_name: 'Support chats',
  channels: ['whatsapp', 'sms'],
  max_concurrent_conversations: 4,
});
console.log((await agent.messagingCampaigns.get(campaign_id)).agents_joined);`,
  templates: `${AGENT}
const { template_id } = await agent.templates.create({
  template_name: 'order_update',
  language: 'en',
  category: 'UTILITY',
  body: 'Hi {{1}}, your order {{2}} is on its way.',
});
console.log((await agent.templates.get(template_id)).template_status); // pending until reviewed`,
};
