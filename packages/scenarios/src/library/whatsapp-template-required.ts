import { check, step } from '../dsl/builders.js';
import { defineScenario } from '../dsl/define-scenario.js';
import { m } from '../dsl/matchers.js';

const ORDER_UPDATE = {
  template_name: 'order_update',
  language: 'en',
  variables: ['Thandi', 'A-1001'],
};

/**
 * WhatsApp's 24-hour customer-service window: a day after the customer last wrote, free text is
 * refused (`WINDOW_CLOSED_TEMPLATE_REQUIRED`) and only an approved template goes out.
 */
export const whatsappTemplateRequired = defineScenario({
  name: 'whatsapp: window closed, template required',
  description:
    'The customer wrote 24 h ago: the window closes (conversation_window), free text is refused with WINDOW_CLOSED_TEMPLATE_REQUIRED, the approved template is delivered with its variables filled in.',
  given: {
    agents: [{ as: 'a1' }],
    messagingCampaigns: [{ as: 'chats', fields: { campaign_name: 'Scenario chats', channels: ['whatsapp'] } }],
    templates: [
      {
        as: 'orderUpdate',
        fields: {
          template_name: 'order_update',
          language: 'en',
          category: 'UTILITY',
          body: 'Hi {{1}}, your order {{2}} is on its way.',
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
      { channel: 'whatsapp', to: '0800666001', campaign: 'chats', conversation_as: 'conv' },
      { template: ORDER_UPDATE },
    ),
    step.inboundMessage('whatsapp', '0800666001', 'Where is my order?', 'conv'),
    step.send('a1', 'answer', 'conv', 'It left our warehouse this morning.'),
    step.advance(24 * 3_600_000 + 60_000),
    step.trySend('a1', 'late', 'conv', { body: 'Did it arrive?' }),
    step.sendTemplate('a1', 'templated', 'conv', ORDER_UPDATE),
    step.messageStatus('templated', 'delivered', 10_000),
  ],
  expect: [
    check.templateRequired('late'),
    check.notifications('set', [{ type: 'conversation_window', fields: { window_state: 'closed' } }], {
      fields: { conversation_id: m.ref('conv') },
    }),
    check.message('a1', 'templated', {
      message_status: 'delivered',
      body: 'Hi Thandi, your order A-1001 is on its way.',
      'template.template_name': 'order_update',
    }),
  ],
});
