import { check, step } from '../dsl/builders.js';
import { defineScenario } from '../dsl/define-scenario.js';
import { m } from '../dsl/matchers.js';

/** 161 GSM-7 characters: one more than a single SMS holds. */
const LONG = 'Your parcel A-1001 is out for delivery today between 09:00 and 13:00. '.repeat(3).slice(0, 161);
/** An emoji puts a text in UCS-2: 70 UTF-16 units fit one SMS, these 71 need two. */
const EMOJI = `Thank you for your order 😊 ${'we will be in touch soon. '.repeat(2)}`.slice(0, 71);

/** SMS segments counted as carriers count them (GSM-7 160/153, UCS-2 70/67), on delivered messages. */
export const smsSegments = defineScenario({
  name: 'sms: long and unicode texts in segments',
  description:
    'A 161-character GSM-7 text is 2 segments; a 71-unit text with an emoji is UCS-2 and 2 segments; both are delivered to 0800666001.',
  given: {
    agents: [{ as: 'a1' }],
    messagingCampaigns: [{ as: 'texts', fields: { campaign_name: 'Scenario texts', channels: ['sms'] } }],
  },
  steps: [
    step.authorize('a1'),
    step.joinMessaging('a1', 'texts'),
    step.sendTo(
      'a1',
      'long',
      { channel: 'sms', to: '0800666001', campaign: 'texts', conversation_as: 'conv' },
      { body: LONG },
    ),
    step.send('a1', 'emoji', 'conv', EMOJI),
    step.messageStatus('long', 'delivered', 5_000),
    step.messageStatus('emoji', 'delivered', 5_000),
  ],
  expect: [
    check.message('a1', 'long', { segments: 2, encoding: 'GSM-7', message_status: 'delivered' }),
    check.message('a1', 'emoji', { segments: 2, encoding: 'UCS-2', message_status: 'delivered' }),
    check.notifications(
      'set',
      [
        { type: 'message_status', fields: { message_id: m.ref('long'), message_status: 'delivered' } },
        { type: 'message_status', fields: { message_id: m.ref('emoji'), message_status: 'delivered' } },
      ],
      { types: ['message_status'] },
    ),
  ],
});
