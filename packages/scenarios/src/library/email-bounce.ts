import { check, step } from '../dsl/builders.js';
import { defineScenario } from '../dsl/define-scenario.js';

/**
 * An email to B.12.8's `bounces@omnikit.test`: the receiving server rejects it (SendGrid's `bounce`),
 * the message ends `undelivered`, and the address is suppressed for the next email.
 */
export const emailBounce = defineScenario({
  name: 'email: a bounce suppresses the address',
  description:
    'An email bounces: undelivered with channel_error_code bounce; a second email to the address is refused with RECIPIENT_OPTED_OUT.',
  given: {
    agents: [{ as: 'a1' }],
    messagingCampaigns: [{ as: 'mail', fields: { campaign_name: 'Scenario email', channels: ['email'] } }],
  },
  steps: [
    step.authorize('a1'),
    step.joinMessaging('a1', 'mail'),
    step.sendTo(
      'a1',
      'invoice',
      { channel: 'email', to: 'bounces@omnikit.test', campaign: 'mail', conversation_as: 'conv' },
      { subject: 'Your invoice for May', body: 'Please find your invoice for May below.' },
    ),
    step.messageStatus('invoice', 'undelivered', 10_000),
    step.trySend('a1', 'again', 'conv', { body: 'Resending your invoice for May.' }),
  ],
  expect: [
    check.message('a1', 'invoice', {
      message_status: 'undelivered',
      channel_error_code: 'bounce',
      subject: 'Your invoice for May',
    }),
    check.refused('again', 'RECIPIENT_OPTED_OUT'),
  ],
});
