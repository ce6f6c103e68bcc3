import { check, step } from '../dsl/builders.js';
import { defineScenario } from '../dsl/define-scenario.js';
import { m } from '../dsl/matchers.js';

/**
 * An SMS to B.12.8's `0800666004`, who answers `STOP` 5 s after delivery: the address is opted out,
 * and the next SMS is refused with `RECIPIENT_OPTED_OUT`.
 */
export const smsStopOptOut = defineScenario({
  name: 'sms: STOP opts the customer out',
  description:
    'The agent texts a customer who replies STOP: the STOP arrives as a message_received, the conversation is opted_out, and the next text is refused with RECIPIENT_OPTED_OUT.',
  given: {
    agents: [{ as: 'a1' }],
    messagingCampaigns: [{ as: 'texts', fields: { campaign_name: 'Scenario texts', channels: ['sms'] } }],
  },
  steps: [
    step.authorize('a1'),
    step.joinMessaging('a1', 'texts'),
    step.sendTo(
      'a1',
      'reminder',
      { channel: 'sms', to: '0800666004', campaign: 'texts', conversation_as: 'conv' },
      { body: 'Reminder: your appointment is tomorrow at 10:00.' },
    ),
    step.messageStatus('reminder', 'delivered', 5_000),
    step.advance(11_000),
    step.trySend('a1', 'again', 'conv', { body: 'Will you still come tomorrow?' }),
  ],
  expect: [
    check.notifications('set', [{ type: 'message_received', fields: { body: 'STOP' } }], {
      fields: { conversation_id: m.ref('conv') },
    }),
    check.conversation('a1', 'conv', { opted_out: true }),
    check.refused('again', 'RECIPIENT_OPTED_OUT'),
  ],
});
