import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AgentResources, ValidationError } from '../../src/index.js';
import { type MockTarget, startTarget } from '../support/mock-target.js';

/**
 * A send whose media its channel does not take (B.12.3: a GIF on WhatsApp, a second attachment on Messenger, too
 * much on SMS), through `agent.messaging.send` against the mock over real HTTP: a `ValidationError` whichever way Omni
 * says it. With the code (`coded`, the default) it carries the field errors naming each media item; as a 200
 * `{ success: false, detail, errors }` (`ok-false`) no status and no code are left: the class comes from the
 * `detail`'s words, the field errors from the same `errors` list.
 */
describe.each(['coded', 'ok-false'] as const)('media a channel does not take, under errors=%s', (form) => {
  let target: MockTarget;
  let agent: AgentResources;

  beforeAll(async () => {
    target = await startTarget('http', { vary: `errors=${form}` });
    const client = target.client({ validateResponses: true, maxRetries: 0 });
    agent = client.agent(await client.authorize('agent1', 'password1'));
    await agent.messaging.join({ campaign_id: 1 });
    const wrote = await target.control('POST', '/__mock/messages/inbound', {
      channel: 'whatsapp',
      from: '0821110002',
      body: 'Can you send the photo?',
    });
    expect(wrote.status).toBe(200);
  });
  afterAll(() => target.close());

  const gif = { url: 'https://cdn.example.com/a.gif', content_type: 'image/gif', size_bytes: 1_000 };
  const jpeg = { url: 'https://cdn.example.com/a.jpg', content_type: 'image/jpeg', size_bytes: 1_000 };

  it.each([
    ['a GIF on WhatsApp', { channel: 'whatsapp', to: '0821110002', media: [gif] }, ['media.0.content_type']],
    [
      'a JPEG and a GIF on WhatsApp',
      { channel: 'whatsapp', to: '0821110002', media: [jpeg, gif] },
      ['media', 'media.1.content_type'],
    ],
    [
      'more than 5 MB on SMS',
      {
        channel: 'sms',
        to: '0821110001',
        media: [
          { ...jpeg, size_bytes: 3 * 1024 * 1024 },
          { ...jpeg, size_bytes: 3 * 1024 * 1024 },
        ],
      },
      ['media'],
    ],
  ] as const)('%s is a ValidationError naming the media', async (_what, body, fields) => {
    const error = await agent.messaging.send({ ...body, media: [...body.media] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    const e = error as ValidationError;
    for (const field of fields) expect(e.detail).toContain(field);
    expect(e.fieldErrors.map((f) => f.field)).toEqual(fields);
    if (form === 'coded') {
      expect(e).toMatchObject({ status: 400, errorCode: 'VALIDATION_FAILED' });
    } else {
      expect(e).toMatchObject({ status: 200, errorCode: undefined });
    }
  });

  it('the media each channel takes goes', async () => {
    const sent = await agent.messaging.send({ channel: 'whatsapp', to: '0821110002', media: [jpeg] });
    expect(sent).toMatchObject({ success: true, message_status: 'queued' });
  });
});
