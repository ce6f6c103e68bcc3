import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type AgentResources,
  type ApiError,
  InvalidStateError,
  NotFoundError,
  PermissionError,
  ValidationError,
} from '../../src/index.js';
import { type MockTarget, startTarget } from '../support/mock-target.js';

/**
 * The messaging refusals the mock gives, through the sdk's methods, against the mock playing each form of the
 * `errors` axis: the class an application catches is the same whether Omni sends the code (`coded`), the status alone
 * (`status-only`) or a 200 `{ success: false, detail }` (`ok-false`), where only the `detail`'s words are left to say
 * what failed. The details are the mock's own, not copies: a refusal whose words the sdk does not know comes out as
 * the base `ApiError` under `ok-false`, and this test fails.
 */

const FORMS = ['coded', 'status-only', 'ok-false'] as const;

describe.each(FORMS)('messaging refusals under errors=%s', (form) => {
  let target: MockTarget;
  let a1: AgentResources;
  let a2: AgentResources;
  const seen: { what: string; error: unknown }[] = [];

  /** The refusal `run` meets, recorded under `what`. */
  const refused = async (what: string, run: () => Promise<unknown>): Promise<unknown> => {
    const error = await run().then(
      () => undefined,
      (e: unknown) => e,
    );
    seen.push({ what, error });
    return error;
  };

  beforeAll(async () => {
    target = await startTarget('in-process', { vary: `errors=${form}` });
    const client = target.client({ validateResponses: true, maxRetries: 0 });
    a1 = client.agent(await client.authorize('agent1', 'password1'));
    a2 = client.agent(await client.authorize('agent2', 'password2'));
  });
  afterAll(() => target.close());

  it('each refusal comes out as the class its error code stands for', async () => {
    const expectations: [string, typeof ApiError][] = [];
    const expectRefusal = async (what: string, cls: typeof ApiError, run: () => Promise<unknown>) => {
      expectations.push([what, cls]);
      await refused(what, run);
    };

    await expectRefusal('going ready before joining', InvalidStateError, () => a1.messaging.state({ state: 'ready' }));
    await a1.messaging.join({ campaign_id: 1 });
    const second = await a1.messagingCampaigns.create({ campaign_name: 'SMS only', channels: ['sms'] });
    await expectRefusal('joining a second campaign', InvalidStateError, () =>
      a1.messaging.join({ campaign_id: second.campaign_id }),
    );
    await expectRefusal('a pause code with ready', ValidationError, () =>
      a1.messaging.state({ state: 'ready', pause_code: 'BREAK' }),
    );
    // Demo conversation 1 waits in the queue of campaign 1 (the agent is paused: nothing is offered).
    await expectRefusal('closing a queued conversation', InvalidStateError, () =>
      a1.conversations.close(1, { disposition_code: 'SALE' }),
    );
    await expectRefusal('handing a queued conversation to another agent', PermissionError, () =>
      a1.conversations.assign(1, { to_user_id: a2.userId }),
    );
    await a1.conversations.assign(1, { to_user_id: a1.userId });
    await expectRefusal('transferring to an agent who has not joined', InvalidStateError, () =>
      a1.conversations.assign(1, { to_user_id: a2.userId }),
    );
    await a2.messaging.join({ campaign_id: 1 });
    await expectRefusal('transferring another agent’s conversation', InvalidStateError, () =>
      a2.conversations.assign(1, { to_user_id: a2.userId }),
    );
    await expectRefusal('closing another agent’s conversation', InvalidStateError, () =>
      a2.conversations.close(1, { disposition_code: 'SALE' }),
    );
    const conversation = await a1.conversations.get(1);
    await expectRefusal('writing into another agent’s open conversation', InvalidStateError, () =>
      a2.messaging.send({ channel: conversation.channel, to: conversation.customer_address, body: 'Hello' }),
    );
    await expectRefusal('sending on a channel the campaign does not carry', InvalidStateError, () =>
      a1.messaging.send({
        channel: 'email',
        to: 'thandi@example.com',
        subject: 'Your order',
        body: 'Hello',
        campaign_id: second.campaign_id,
      }),
    );
    await expectRefusal('a template that does not exist', NotFoundError, () =>
      a1.messaging.send({
        channel: 'whatsapp',
        to: '0821230000',
        template: { template_name: 'no_such_template', language: 'en', variables: [] },
      }),
    );
    await a1.conversations.close(1, { disposition_code: 'SALE' });
    await expectRefusal('closing a closed conversation', InvalidStateError, () =>
      a1.conversations.close(1, { disposition_code: 'SALE' }),
    );
    await expectRefusal('transferring a closed conversation', InvalidStateError, () =>
      a1.conversations.assign(1, { to_user_id: a2.userId }),
    );

    const classes = seen.map(({ what, error }) => [what, (error as Error | undefined)?.constructor.name]);
    expect(classes).toEqual(expectations.map(([what, cls]) => [what, cls.name]));
    for (const { error } of seen) {
      expect(error).toMatchObject({ status: form === 'ok-false' ? 200 : expect.any(Number) });
      if (form !== 'coded') expect((error as ApiError).errorCode).toBeUndefined();
    }
  });
});
