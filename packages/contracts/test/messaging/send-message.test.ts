import { describe, expect, it } from 'vitest';
import { controlOpenApiDocument } from '../../src/control/index.js';
import { omniOpenApiDocument } from '../../src/index.js';
import { MAX_BODY_LENGTH, messageSent, sendMessageBody } from '../../src/messaging/index.js';
import { failsAt, issuePaths } from '../support/field-table.js';

const ok = (input: unknown) => {
  const r = sendMessageBody.safeParse(input);
  return r.error?.issues ?? [];
};

describe('sendMessageBody (B.12.3, B.12.4)', () => {
  it('accepts a text on each channel to an address of that channel', () => {
    expect(ok({ channel: 'sms', to: '+27821234567', body: 'Your order shipped' })).toEqual([]);
    expect(ok({ channel: 'whatsapp', to: '0821234567', body: 'Hi' })).toEqual([]);
    expect(ok({ channel: 'email', to: 'Ann@Example.com', subject: 'Order 7', body: 'Hello Ann' })).toEqual([]);
    expect(ok({ channel: 'facebook', to: '6660002', body: 'Hi', message_tag: 'HUMAN_AGENT' })).toEqual([]);
  });

  it('accepts a WhatsApp template instead of a body, its variables defaulting to none', () => {
    const r = sendMessageBody.parse({
      channel: 'whatsapp',
      to: '0821234567',
      template: { template_name: 'order_update', language: 'en_US' },
    });
    expect(r.template).toEqual({ template_name: 'order_update', language: 'en_US', variables: [] });
  });

  it('accepts media alone, with file name and size defaulting', () => {
    const r = sendMessageBody.parse({
      channel: 'whatsapp',
      to: '0821234567',
      media: [{ url: 'https://cdn.example.com/x.pdf', content_type: 'application/pdf' }],
    });
    expect(r.media?.[0]).toEqual({
      url: 'https://cdn.example.com/x.pdf',
      content_type: 'application/pdf',
      file_name: '',
      size_bytes: 0,
    });
  });

  it.each([
    ['sms', 'ann@example.com'],
    ['whatsapp', '12'],
    ['email', '0821234567'],
    ['facebook', 'ann'],
  ])('refuses a %s message to %s at `to`', (channel, to) => {
    expect(failsAt(sendMessageBody.safeParse({ channel, to, body: 'x' }), 'to')).toBe(true);
  });

  it('refuses an unknown channel at `channel`', () => {
    expect(failsAt(sendMessageBody.safeParse({ channel: 'telegram', to: '0821234567', body: 'x' }), 'channel')).toBe(
      true,
    );
  });

  it('refuses a message with no body, media or template, and one whose body is blank', () => {
    expect(failsAt(sendMessageBody.safeParse({ channel: 'sms', to: '0821234567' }), 'body')).toBe(true);
    expect(failsAt(sendMessageBody.safeParse({ channel: 'sms', to: '0821234567', body: '   ' }), 'body')).toBe(true);
  });

  it('refuses a body over the channel’s limit and accepts one at it', () => {
    for (const [channel, to] of [
      ['sms', '0821234567'],
      ['facebook', '6660002'],
      ['whatsapp', '0821234567'],
    ] as const) {
      const max = MAX_BODY_LENGTH[channel];
      expect(ok({ channel, to, body: 'a'.repeat(max) })).toEqual([]);
      expect(failsAt(sendMessageBody.safeParse({ channel, to, body: 'a'.repeat(max + 1) }), 'body')).toBe(true);
    }
  });

  it('counts a body’s length in characters, so an emoji counts once, with one issue over the limit', () => {
    // 😀 is two UTF-16 units: 2049 of them are 4098 units but 2049 characters, well within WhatsApp's 4096.
    expect(ok({ channel: 'whatsapp', to: '0821234567', body: '😀'.repeat(2049) })).toEqual([]);
    expect(ok({ channel: 'facebook', to: '6660002', body: '😀'.repeat(2000) })).toEqual([]);
    expect(
      failsAt(sendMessageBody.safeParse({ channel: 'sms', to: '0821234567', body: '😀'.repeat(1601) }), 'body'),
    ).toBe(true);
    expect(ok({ channel: 'email', to: 'a@b.co', subject: 's', body: '😀'.repeat(100_000) })).toEqual([]);
    const over = ok({ channel: 'email', to: 'a@b.co', subject: 's', body: 'a'.repeat(100_001) });
    expect(over.map((i) => i.message)).toEqual(['must be at most 100000 characters on email']);
  });

  it('refuses an email subject that is blank or holds a line break (a header of its own)', () => {
    const email = { channel: 'email', to: 'a@b.co', body: 'x' } as const;
    for (const subject of ['   ', 'Hello\r\nBcc: all@example.com', 'two\nlines'])
      expect(failsAt(sendMessageBody.safeParse({ ...email, subject }), 'subject')).toBe(true);
    expect(ok({ ...email, subject: 'Re: Order 7 – shipped ✓' })).toEqual([]);
  });

  it('refuses fields the channel does not have, each at its own path', () => {
    const tpl = { template_name: 'x', language: 'en' };
    expect(failsAt(sendMessageBody.safeParse({ channel: 'sms', to: '0821234567', template: tpl }), 'template')).toBe(
      true,
    );
    expect(
      failsAt(
        sendMessageBody.safeParse({ channel: 'whatsapp', to: '0821234567', template: tpl, body: 'x' }),
        'template',
      ),
    ).toBe(true);
    expect(
      failsAt(
        sendMessageBody.safeParse({ channel: 'whatsapp', to: '0821234567', body: 'x', message_tag: 'HUMAN_AGENT' }),
        'message_tag',
      ),
    ).toBe(true);
    expect(
      failsAt(sendMessageBody.safeParse({ channel: 'sms', to: '0821234567', body: 'x', subject: 's' }), 'subject'),
    ).toBe(true);
    expect(
      failsAt(
        sendMessageBody.safeParse({ channel: 'facebook', to: '6660002', body: 'x', in_reply_to: '<a@b.c>' }),
        'in_reply_to',
      ),
    ).toBe(true);
  });

  it('refuses a bad template name, language, message tag, in_reply_to and media', () => {
    const base = { channel: 'whatsapp', to: '0821234567' };
    const bad = (extra: object) => issuePaths(sendMessageBody.safeParse({ ...base, ...extra }));
    expect(bad({ template: { template_name: 'Order Update', language: 'en' } })).toContain('template.template_name');
    expect(bad({ template: { template_name: 'x', language: 'english' } })).toContain('template.language');
    expect(
      issuePaths(sendMessageBody.safeParse({ channel: 'facebook', to: '6660002', body: 'x', message_tag: 'PROMO' })),
    ).toContain('message_tag');
    expect(
      issuePaths(
        sendMessageBody.safeParse({ channel: 'email', to: 'a@b.co', body: 'x', in_reply_to: 'not-a-message-id' }),
      ),
    ).toContain('in_reply_to');
    expect(bad({ media: [{ url: 'ftp://x/y', content_type: 'image/png' }] })).toContain('media.0.url');
    expect(bad({ media: [{ url: 'https://x/y', content_type: 'png' }] })).toContain('media.0.content_type');
    // The wire's bound is the largest file any channel takes (WhatsApp's 100 MB documents); smaller limits by
    // channel and kind are the server's.
    expect(
      bad({ media: [{ url: 'https://x/y', content_type: 'application/pdf', size_bytes: 100 * 1024 * 1024 + 1 }] }),
    ).toContain('media.0.size_bytes');
    expect(
      bad({ media: [{ url: 'https://x/y', content_type: 'application/pdf', size_bytes: 40 * 1024 * 1024 }] }),
    ).not.toContain('media.0.size_bytes');
    const eleven = Array.from({ length: 11 }, () => ({ url: 'https://x/y', content_type: 'image/png' }));
    expect(bad({ media: eleven })).toContain('media');
  });

  it('the answer is queued with its segment count', () => {
    const answer = {
      success: true,
      detail: 'queued',
      message_id: 1,
      conversation_id: 2,
      message_status: 'queued',
      segments: 1,
    };
    expect(messageSent.safeParse(answer).success).toBe(true);
    expect(messageSent.safeParse({ ...answer, message_status: 'sent' }).success).toBe(false);
    expect(messageSent.safeParse({ ...answer, segments: 0 }).success).toBe(false);
  });
});

describe('the media limits in the OpenAPI documents', () => {
  type Json = Record<string, unknown>;
  /** The `media` property of a POST route's body in an OpenAPI document. */
  const mediaOf = (doc: unknown, path: string): Json => {
    const d = doc as { paths: Record<string, { post: Json }>; components: { schemas: Record<string, Json> } };
    const body = d.paths[path]?.post.requestBody as { content: Record<string, { schema: Json }> };
    let schema = body.content['application/json']?.schema as Json;
    if (typeof schema.$ref === 'string') schema = d.components.schemas[schema.$ref.split('/').pop() ?? ''] as Json;
    return (schema.properties as Record<string, Json>).media as Json;
  };

  it('the send describes each channel’s limits and the field a refusal names, tagged inferred', () => {
    const media = mediaOf(omniOpenApiDocument(), '/omni/messaging/{user_id}/message');
    expect(media['x-omni-source']).toBe('inferred');
    const text = String(media.description);
    for (const fact of [
      'at most 10, each at most 100 MB, the largest file any channel takes',
      'documents (application/*, text/plain) up to 100 MB',
      'Messenger one attachment of any type up to 25 MB',
      'Inferred',
      'VALIDATION_FAILED',
      '`media.N.content_type`',
      'SMS (Twilio MMS) up to 10 files of any type, 5 MB together',
      'WhatsApp one file',
      'image/webp (a sticker) up to 500 KB',
      'no GIF',
      'Messenger one attachment',
      'email up to 10 attachments, 30 MB together',
    ])
      expect(text).toContain(fact);
  });

  it('a customer’s message says the send limits do not hold it', () => {
    const media = mediaOf(controlOpenApiDocument(), '/__mock/messages/inbound');
    expect(String(media.description)).toMatch(
      /^Attachments as metadata: at most 10, each at most 100 MB \(104,857,600 bytes\), the largest file any channel takes\. Inferred: not held to the channel’s send limits/,
    );
  });
});
