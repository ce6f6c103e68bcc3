import { check, step } from '../dsl/builders.js';
import { defineScenario } from '../dsl/define-scenario.js';
import { m } from '../dsl/matchers.js';

/**
 * A business-initiated WhatsApp conversation: an approved template to B.12.8's `0800666002` (reads
 * 5 s after delivery), the customer writes back (the window opens), the agent answers in free text,
 * sees it read, and closes the conversation.
 */
export const whatsappReplyRead = defineScenario({
  name: 'whatsapp: reply read inside the window',
  description:
    'A template opens the conversation; the customer’s answer opens the 24-hour window; the free-text reply goes queued → sent → delivered → read; closing sends the conversation_end.',
  given: {
    agents: [{ as: 'a1' }],
    messagingCampaigns: [{ as: 'chats', fields: { campaign_name: 'Scenario chats', channels: ['whatsapp'] } }],
    templates: [
      {
        as: 'shipped',
        fields: {
          template_name: 'order_shipped',
          language: 'en',
          category: 'UTILITY',
          body: 'Hi {{1}}, your order {{2}} has shipped.',
        },
      },
    ],
  },
  steps: [
    step.authorize('a1'),
    step.joinMessaging('a1', 'chats'),
    step.sendTo(
      'a1',
      'opener',
      { channel: 'whatsapp', to: '0800666002', campaign: 'chats', conversation_as: 'conv' },
      { template: { template_name: 'order_shipped', language: 'en', variables: ['Thandi', 'A-1001'] } },
    ),
    step.messageStatus('opener', 'delivered', 5_000),
    step.inboundMessage('whatsapp', '0800666002', 'Thanks! When will it arrive?', 'conv', { message: 'question' }),
    step.send('a1', 'reply', 'conv', 'On Thursday, before noon.'),
    step.messageStatus('reply', 'read', 30_000),
    step.closeConversation('a1', 'conv', 'SALE', 'delivery date given'),
  ],
  expect: [
    check.notifications(
      'set',
      [
        { type: 'message_received', fields: { message_id: m.ref('question'), body: 'Thanks! When will it arrive?' } },
        { type: 'conversation_window', fields: { window_state: 'open' } },
        { type: 'message_status', fields: { message_id: m.ref('reply'), message_status: 'delivered' } },
        { type: 'message_status', fields: { message_id: m.ref('reply'), message_status: 'read' } },
        { type: 'conversation_end', fields: { disposition_code: 'SALE', messages_in: 1, messages_out: 2 } },
      ],
      { fields: { conversation_id: m.ref('conv') } },
    ),
    check.message('a1', 'reply', { message_status: 'read', direction: 'outbound', user_id: m.ref('a1') }),
    check.conversation('a1', 'conv', { conversation_state: 'closed', disposition_code: 'SALE', user_id: m.ref('a1') }),
  ],
});
