import { describe, expect, it } from 'vitest';
import { check, step } from '../../../src/dsl/builders.js';
import { defineScenario } from '../../../src/dsl/define-scenario.js';
import type { StepInput } from '../../../src/dsl/scenario-schema.js';
import { runScenario } from '../../../src/runner/run-scenario.js';
import { useInprocTarget } from '../../support/use-inproc-target.js';

/** An agent emails ana@example.com; the customer answers from another address, with `reply`'s extra fields. */
function emailAnswered(reply: StepInput) {
  return defineScenario({
    name: 'a customer answers an email from another address',
    given: {
      agents: [{ as: 'a1' }],
      messagingCampaigns: [{ as: 'mail', fields: { campaign_name: 'Scenario email', channels: ['email'] } }],
    },
    steps: [
      step.authorize('a1'),
      step.joinMessaging('a1', 'mail'),
      step.sendTo(
        'a1',
        'quote',
        { channel: 'email', to: 'ana@example.com', campaign: 'mail', conversation_as: 'conv' },
        { subject: 'Your quote', body: 'Here is the quote you asked for.' },
      ),
      reply,
    ],
    expect: [
      check.message('a1', 'answer', { from: 'ana.work@example.com', subject: 'Re: Your quote' }),
      check.conversation('a1', 'conv', { customer_address: 'ana@example.com', unread_count: 1, subject: 'Your quote' }),
    ],
  });
}

describe('inboundMessage with reply_to', () => {
  const mock = useInprocTarget();

  it('names the email answered, so the reply joins its thread though it comes from another address', async () => {
    const scenario = emailAnswered(
      step.inboundMessage('email', 'ana.work@example.com', 'Looks good, go ahead.', 'conv', {
        message: 'answer',
        reply_to: 'quote',
      }),
    );
    const result = await runScenario(scenario, { ...mock, settleMs: 200 });
    expect(result.message).toBeUndefined();
    expect(result.status).toBe('passed');
  }, 30_000);

  it('without it the same answer opens a conversation of its own, and the step says so', async () => {
    const scenario = emailAnswered(
      step.inboundMessage('email', 'ana.work@example.com', 'Looks good, go ahead.', 'conv', { message: 'answer' }),
    );
    const result = await runScenario(scenario, { ...mock, settleMs: 200 });
    expect(result.status).toBe('failed');
    expect(result.message).toMatch(/the customer's message went into conversation \d+, not conv/);
  }, 30_000);

  it('refuses a reply_to off email, and one naming no message the scenario sent', async () => {
    const offEmail = await runScenario(
      emailAnswered(
        step.inboundMessage('sms', '0800123456', 'ok', 'sms-conv', { message: 'answer', reply_to: 'quote' }),
      ),
      { ...mock, settleMs: 200 },
    );
    expect(offEmail.status).toBe('failed');
    expect(offEmail.message).toMatch(/reply_to threads an email; this customer writes on sms/);
    const unknown = await runScenario(
      emailAnswered(
        step.inboundMessage('email', 'ana.work@example.com', 'ok', 'conv', { message: 'answer', reply_to: 'nope' }),
      ),
      { ...mock, settleMs: 200 },
    );
    expect(unknown.status).toBe('failed');
    expect(unknown.message).toMatch(/reply_to names "nope", which is not a message a send step of this scenario sent/);
  }, 30_000);
});
