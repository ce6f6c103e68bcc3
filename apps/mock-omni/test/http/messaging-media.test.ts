/**
 * Each channel's media limits on an agent's send (B.12.3), over loopback HTTP: SMS (Twilio MMS) up to 10 files, 5 MB
 * together; WhatsApp one file of the types it plays, its size by kind; Messenger one attachment; email 30 MB together.
 * A refusal is 400 `VALIDATION_FAILED` in the contract's error body naming each media item at fault, and stores
 * nothing: no message, no notification, no conversation opened or taken. A customer's media is not held to them
 * (inferred: the provider has already taken it).
 *
 * @module
 */

import { errorBody } from '@omnikit/contracts';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Listening, MockOmni } from '../../src/index.js';
import { HttpClient } from '../e2e/support/http-client.js';
import { startMock } from '../support/omni-client.js';

const MB = 1024 * 1024;

let mock: MockOmni;
let server: Listening;
let api: HttpClient;
let token: string;

beforeEach(async () => {
  ({ mock } = await startMock());
  server = await mock.listen({ port: 0, host: '127.0.0.1' });
  api = new HttpClient(server.url, mock.defaultSystemKey);
  token = await api.authorize('agent1', 'password1');
  await api.ok('POST', '/omni/messaging/1/join', { campaign_id: 1 }, token);
});
afterEach(async () => {
  await server.close();
  await mock.close();
});

/** A media item as the send takes it. */
const file = (content_type: string, size_bytes: number, name = 'f') => ({
  url: `https://cdn.example.com/${name}`,
  content_type,
  file_name: name,
  size_bytes,
});

type Media = ReturnType<typeof file>;

/** Where each channel's test message goes; WhatsApp's and Messenger's customers write first (their windows). */
const CUSTOMER = { sms: '0821110001', whatsapp: '0821110002', facebook: '12345678', email: 'ann@example.com' };
type Channel = keyof typeof CUSTOMER;

const sendBody = (channel: Channel, media: Media[]) => ({
  channel,
  to: CUSTOMER[channel],
  body: 'Your documents',
  media,
  ...(channel === 'email' ? { subject: 'Your documents' } : {}),
});

/** The customer writes (opening WhatsApp's and Messenger's windows): a queued conversation, its id. */
async function customerWrites(channel: Channel): Promise<number> {
  const res = await api.ok('POST', '/__mock/messages/inbound', { channel, from: CUSTOMER[channel], body: 'Hello?' });
  return res.conversation_id as number;
}

/** What a refusal must leave as it was: the conversations, their messages, the notifications. */
async function snapshot() {
  const conversations = await api.ok('GET', '/omni/messaging/conversations?page_size=500', undefined, token);
  const threads = await Promise.all(
    (conversations.conversations as { conversation_id: number }[]).map((c) =>
      api.ok('GET', `/omni/messaging/conversations/${c.conversation_id}/messages?page_size=500`, undefined, token),
    ),
  );
  const deliveries = await api.ok('GET', '/__mock/webhook/deliveries?limit=1000');
  return { conversations, threads, deliveries: deliveries.deliveries as unknown[] };
}

describe('an agent sends media on each channel within its limits', () => {
  it.each<[Channel, what: string, Media[]]>([
    ['sms', 'two files of any type, 5 MB together', [file('image/jpeg', 2 * MB, 'a.jpg'), file('text/vcard', 3 * MB)]],
    ['whatsapp', 'a JPEG of 5 MB', [file('image/jpeg', 5 * MB, 'a.jpg')]],
    ['whatsapp', 'a PDF of 16 MB', [file('application/pdf', 16 * MB, 'invoice.pdf')]],
    ['facebook', 'one video of 16 MB', [file('video/mp4', 16 * MB, 'clip.mp4')]],
    ['email', 'two attachments, 30 MB together', [file('application/pdf', 15 * MB), file('image/png', 15 * MB)]],
    // Past the 16 MiB the contract once capped every file at: each channel's own limit is the one that counts.
    ['whatsapp', 'a PDF of 40 MB', [file('application/pdf', 40 * MB, 'contract.pdf')]],
    ['whatsapp', 'a document of 100 MB', [file('application/zip', 100 * MB, 'scans.zip')]],
    ['facebook', 'one video of 25 MB', [file('video/mp4', 25 * MB, 'clip.mp4')]],
    ['email', 'one attachment of 30 MB', [file('application/pdf', 30 * MB, 'report.pdf')]],
  ])('%s: %s is queued and kept as sent', async (channel, _what, media) => {
    if (channel === 'whatsapp' || channel === 'facebook') await customerWrites(channel);
    const sent = await api.request('POST', '/omni/messaging/1/message', sendBody(channel, media), token);
    expect(sent.status).toBe(200);
    expect(sent.body).toMatchObject({ success: true, message_status: 'queued' });
    const message = await api.ok('GET', `/omni/messaging/messages/${sent.body.message_id}`, undefined, token);
    expect(message).toMatchObject({ channel, direction: 'outbound', media });
  });
});

describe('an agent’s media beyond its channel’s limits is refused, and nothing is stored', () => {
  it.each<[what: string, channel: Channel, media: Media[], fields: string[]]>([
    ['SMS: more than 5 MB together', 'sms', [file('image/jpeg', 3 * MB), file('image/jpeg', 2 * MB + 1)], ['media']],
    ['WhatsApp: a GIF', 'whatsapp', [file('image/gif', 1_000)], ['media.0.content_type']],
    ['WhatsApp: an image over 5 MB', 'whatsapp', [file('image/png', 5 * MB + 1)], ['media.0.size_bytes']],
    ['WhatsApp: a sticker over 500 KB', 'whatsapp', [file('image/webp', 500 * 1024 + 1)], ['media.0.size_bytes']],
    [
      'WhatsApp: a second file, and a type it does not play',
      'whatsapp',
      [file('image/jpeg', 1_000), file('video/quicktime', 1_000)],
      ['media', 'media.1.content_type'],
    ],
    ['Messenger: a second attachment', 'facebook', [file('image/png', 1_000), file('image/png', 1_000)], ['media']],
    [
      'email: more than 30 MB together',
      'email',
      [file('application/pdf', 12 * MB), file('application/pdf', 12 * MB), file('image/png', 6 * MB + 1)],
      ['media'],
    ],
  ])('%s', async (_what, channel, media, fields) => {
    // WhatsApp's and Messenger's customers wrote: a queued conversation a send would take.
    const queued = channel === 'whatsapp' || channel === 'facebook' ? await customerWrites(channel) : undefined;
    const before = await snapshot();

    const res = await api.request('POST', '/omni/messaging/1/message', sendBody(channel, media), token);

    expect(res.status).toBe(400);
    const body = errorBody.parse(res.body);
    expect(body).toMatchObject({ success: false, error_code: 'VALIDATION_FAILED' });
    expect(body.errors?.map((e) => e.field)).toEqual(fields);
    expect(body.detail).toMatch(/^invalid body fields?: media/);
    for (const field of fields) expect(body.detail).toContain(field);

    expect(await snapshot()).toEqual(before);
    if (queued !== undefined) {
      const conv = await api.ok('GET', `/omni/messaging/conversations/${queued}`, undefined, token);
      expect(conv).toMatchObject({ conversation_state: 'queued', user_id: 0, unread_count: 1 });
    }
  });

  it('the refusal comes before the agent’s state is looked at, and the next good send takes the next message id', async () => {
    const last = (await snapshot()).threads.flatMap((t) => t.messages as { message_id: number }[]);
    const maxId = Math.max(...last.map((m) => m.message_id));
    await api.ok('POST', '/omni/messaging/1/leave', undefined, token);
    const refused = await api.request(
      'POST',
      '/omni/messaging/1/message',
      sendBody('facebook', [file('image/png', 1), file('image/png', 1)]),
      token,
    );
    expect(refused.status).toBe(400);
    await api.ok('POST', '/omni/messaging/1/join', { campaign_id: 1 }, token);
    const sent = await api.ok('POST', '/omni/messaging/1/message', sendBody('sms', [file('image/png', 1)]), token);
    expect(sent.message_id).toBe(maxId + 1);
  });
});

describe('a file over its kind’s cap on its channel is refused naming the item, the cap and the size', () => {
  it.each<[what: string, channel: Channel, media: Media[], fields: string[], says: string]>([
    ['SMS: one file of 6 MB', 'sms', [file('image/jpeg', 6 * MB)], ['media.0.size_bytes', 'media'], 'at most 5 MB'],
    ['WhatsApp: an image of 6 MB', 'whatsapp', [file('image/jpeg', 6 * MB)], ['media.0.size_bytes'], 'at most 5 MB'],
    ['WhatsApp: audio of 17 MB', 'whatsapp', [file('audio/ogg', 17 * MB)], ['media.0.size_bytes'], 'at most 16 MB'],
    ['WhatsApp: video of 17 MB', 'whatsapp', [file('video/mp4', 17 * MB)], ['media.0.size_bytes'], 'at most 16 MB'],
    [
      'WhatsApp: a document over 100 MB',
      'whatsapp',
      [file('application/pdf', 100 * MB + 1)],
      ['media.0.size_bytes'],
      'at most 100 MB',
    ],
    [
      'Messenger: an attachment of 26 MB',
      'facebook',
      [file('video/mp4', 26 * MB)],
      ['media.0.size_bytes'],
      'at most 25 MB',
    ],
    [
      'email: one attachment of 31 MB',
      'email',
      [file('application/pdf', 31 * MB)],
      ['media.0.size_bytes', 'media'],
      'at most 30 MB',
    ],
  ])('%s', async (_what, channel, media, fields, says) => {
    if (channel === 'whatsapp' || channel === 'facebook') await customerWrites(channel);
    const before = await snapshot();

    const res = await api.request('POST', '/omni/messaging/1/message', sendBody(channel, media), token);

    expect(res.status).toBe(400);
    const body = errorBody.parse(res.body);
    expect(body).toMatchObject({ success: false, error_code: 'VALIDATION_FAILED' });
    expect(body.errors?.map((e) => e.field)).toEqual(fields);
    const sizeError = body.errors?.find((e) => e.field === 'media.0.size_bytes');
    expect(sizeError?.message).toContain(says);
    expect(body.detail).toContain(`media.0.size_bytes`);
    expect(await snapshot()).toEqual(before);
  });

  it('WhatsApp: a 6 MB image says it is an image, its cap and its size', async () => {
    await customerWrites('whatsapp');
    const res = await api.request(
      'POST',
      '/omni/messaging/1/message',
      sendBody('whatsapp', [file('image/png', 6 * MB)]),
      token,
    );
    expect(res.status).toBe(400);
    expect(errorBody.parse(res.body).errors).toEqual([
      { field: 'media.0.size_bytes', message: 'an image on whatsapp is at most 5 MB, not 6 MB' },
    ]);
  });

  it.each<[what: string, channel: Channel, media: Media[], errors: { field: string; message: string }[]]>([
    [
      'WhatsApp: an image of 5 MB and one byte',
      'whatsapp',
      [file('image/jpeg', 5 * MB + 1)],
      [
        {
          field: 'media.0.size_bytes',
          message: 'an image on whatsapp is at most 5 MB (5,242,880 bytes), not 5,242,881 bytes',
        },
      ],
    ],
    [
      'WhatsApp: a sticker of 500 KB and one byte',
      'whatsapp',
      [file('image/webp', 500 * 1024 + 1)],
      [
        {
          field: 'media.0.size_bytes',
          message: 'a sticker on whatsapp is at most 500 KB (512,000 bytes), not 512,001 bytes',
        },
      ],
    ],
    [
      'SMS: two files one byte over 5 MB together',
      'sms',
      [file('image/jpeg', 3 * MB), file('image/png', 2 * MB + 1)],
      [
        {
          field: 'media',
          message: 'sms takes at most 5 MB (5,242,880 bytes) of media per message, not 5,242,881 bytes',
        },
      ],
    ],
  ])(
    '%s: the cap and the size in exact bytes where rounded they would read the same',
    async (_what, channel, media, errors) => {
      if (channel === 'whatsapp') await customerWrites(channel);
      const before = await snapshot();

      const res = await api.request('POST', '/omni/messaging/1/message', sendBody(channel, media), token);

      expect(res.status).toBe(400);
      const body = errorBody.parse(res.body);
      expect(body).toMatchObject({ success: false, error_code: 'VALIDATION_FAILED' });
      expect(body.errors).toEqual(errors);
      expect(body.detail).toBe(`invalid body field: ${errors[0]?.field} ${errors[0]?.message}`);
      expect(await snapshot()).toEqual(before);
    },
  );
});

describe('a customer’s media (inferred: the provider has already taken it)', () => {
  it('is received as it came, beyond the send limits of its channel', async () => {
    const media = [file('image/gif', 1_000, 'dance.gif'), file('image/png', 6 * MB, 'photo.png')];
    const res = await api.request('POST', '/__mock/messages/inbound', {
      channel: 'whatsapp',
      from: CUSTOMER.whatsapp,
      media,
    });
    expect(res.status).toBe(200);
    const message = await api.ok('GET', `/omni/messaging/messages/${res.body.message_id}`, undefined, token);
    expect(message).toMatchObject({ direction: 'inbound', media });
  });

  it('takes a document up to the largest channel limit (100 MB), past the send limits of other kinds', async () => {
    const media = [file('application/pdf', 40 * MB, 'scan.pdf'), file('video/mp4', 30 * MB, 'clip.mp4')];
    const res = await api.request('POST', '/__mock/messages/inbound', {
      channel: 'whatsapp',
      from: CUSTOMER.whatsapp,
      media,
    });
    expect(res.status).toBe(200);
    const message = await api.ok('GET', `/omni/messaging/messages/${res.body.message_id}`, undefined, token);
    expect(message).toMatchObject({ direction: 'inbound', media });
  });
});
