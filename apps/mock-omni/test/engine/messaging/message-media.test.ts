import { MAX_MEDIA_BYTES, sendMessageBody } from '@omnikit/contracts/messaging';
import { describe, expect, it } from 'vitest';
import {
  CHANNEL_MEDIA_LIMITS,
  checkMessageMedia,
  type MessageMedia,
  messageMediaErrors,
} from '../../../src/engine/messaging/message-media.js';

const MB = 1024 * 1024;
const file = (content_type: string, size_bytes: number): MessageMedia => ({ content_type, size_bytes, file_name: 'f' });
const fields = (...args: Parameters<typeof messageMediaErrors>): string[] =>
  messageMediaErrors(...args).map((e) => e.field);

describe('media by channel', () => {
  it('no media is always fine', () => {
    for (const c of ['sms', 'whatsapp', 'email', 'facebook'] as const) expect(messageMediaErrors(c, [])).toEqual([]);
  });

  describe('SMS (Twilio MMS): up to 10 files, 5 MB together', () => {
    it('takes ten files within 5 MB, of any media type', () => {
      expect(
        fields(
          'sms',
          Array.from({ length: 10 }, () => file('image/jpeg', MB / 2)),
        ),
      ).toEqual([]);
      expect(fields('sms', [file('text/vcard', 1_000), file('application/pdf', 1_000)])).toEqual([]);
    });
    it('refuses an eleventh file, and more than 5 MB together', () => {
      expect(
        fields(
          'sms',
          Array.from({ length: 11 }, () => file('image/png', 10)),
        ),
      ).toEqual(['media']);
      expect(fields('sms', [file('image/jpeg', 3 * MB), file('image/jpeg', 2 * MB + 1)])).toEqual(['media']);
      expect(fields('sms', [file('image/jpeg', 5 * MB)])).toEqual([]);
    });
  });

  describe('WhatsApp: one file, its limit by kind, only the types it plays', () => {
    it.each([
      ['image/jpeg', 5 * MB],
      ['image/png', 5 * MB],
      ['image/webp', 500 * 1024],
      ['audio/ogg', 16 * MB],
      ['audio/mpeg', 16 * MB],
      ['video/mp4', 16 * MB],
      ['video/3gpp', 16 * MB],
      ['application/pdf', 100 * MB],
      ['text/plain', 100 * MB],
      ['IMAGE/JPEG', 5 * MB],
    ])('%s up to %i bytes, not one more', (type, max) => {
      expect(fields('whatsapp', [file(type, max)])).toEqual([]);
      expect(fields('whatsapp', [file(type, max + 1)])).toEqual(['media.0.size_bytes']);
    });

    it.each(['image/gif', 'video/quicktime', 'audio/wav', 'text/html'])('refuses %s', (type) => {
      expect(fields('whatsapp', [file(type, 10)])).toEqual(['media.0.content_type']);
    });

    it('refuses a second file', () => {
      expect(fields('whatsapp', [file('image/jpeg', 10), file('image/jpeg', 10)])).toEqual(['media']);
    });

    it('says the kind and the limit', () => {
      expect(messageMediaErrors('whatsapp', [file('image/png', 6 * MB)])[0]?.message).toBe(
        'an image on whatsapp is at most 5 MB, not 6 MB',
      );
    });
  });

  describe('Messenger: one attachment up to 25 MB', () => {
    it('takes one of 25 MB, not more, not two', () => {
      expect(fields('facebook', [file('video/mp4', 25 * MB)])).toEqual([]);
      expect(fields('facebook', [file('video/mp4', 25 * MB + 1)])).toEqual(['media.0.size_bytes']);
      expect(fields('facebook', [file('image/png', 1), file('image/png', 1)])).toEqual(['media']);
    });
  });

  describe('email (SendGrid): 30 MB for the whole message', () => {
    it('takes many attachments up to 30 MB together', () => {
      expect(fields('email', [file('application/pdf', 15 * MB), file('image/png', 15 * MB)])).toEqual([]);
      expect(fields('email', [file('application/pdf', 15 * MB), file('image/png', 15 * MB + 1)])).toEqual(['media']);
    });
  });

  it('refuses a size that is no whole number of bytes, and a type that is none', () => {
    expect(fields('email', [file('application/pdf', -1)])).toEqual(['media.0.size_bytes']);
    expect(fields('email', [file('application/pdf', 1.5)])).toEqual(['media.0.size_bytes']);
    expect(fields('email', [file('pdf', 1)])).toEqual(['media.0.content_type']);
  });

  it('reports every error, naming the index', () => {
    expect(fields('whatsapp', [file('image/gif', 1), file('image/png', 6 * MB)])).toEqual([
      'media',
      'media.0.content_type',
      'media.1.size_bytes',
    ]);
  });

  it('checkMessageMedia throws VALIDATION_FAILED with the field errors, and passes good media', () => {
    expect(() => checkMessageMedia('whatsapp', [file('image/png', 1)])).not.toThrow();
    expect(() => checkMessageMedia('whatsapp', [file('image/gif', 1)])).toThrowError(
      expect.objectContaining({
        code: 'VALIDATION_FAILED',
        errors: [expect.objectContaining({ field: 'media.0.content_type' })],
      }),
    );
  });

  it('its detail opens as every 400 of the mock does and names each field, whatever the content type says', () => {
    const detail = (media: MessageMedia[]) => {
      try {
        checkMessageMedia('whatsapp', media);
      } catch (error) {
        return (error as { detail: string }).detail;
      }
      return undefined;
    };
    expect(detail([file('application/x-forbidden', 200 * MB)])).toBe(
      'invalid body field: media.0.size_bytes a document on whatsapp is at most 100 MB, not 200 MB',
    );
    expect(detail([file('image/jpeg', 1), file('image/gif', 1)])).toBe(
      'invalid body fields: media whatsapp takes at most 1 file(s) per message, not 2; media.1.content_type whatsapp does not take image/gif',
    );
  });

  it('the contract’s bound on a file is the largest any channel takes, so the wire never refuses what a channel takes', () => {
    const largest = Math.max(
      ...Object.values(CHANNEL_MEDIA_LIMITS).flatMap((l) => [
        ...l.kinds.map((k) => k.maxBytes),
        ...(l.maxTotalBytes === null ? [] : [l.maxTotalBytes]),
      ]),
    );
    expect(MAX_MEDIA_BYTES).toBe(largest);
    expect(
      sendMessageBody.safeParse({
        channel: 'whatsapp',
        to: '0821110002',
        media: [{ url: 'https://cdn.example.com/a.pdf', content_type: 'application/pdf', size_bytes: largest }],
      }).success,
    ).toBe(true);
  });

  it('the send route’s description in the contracts says the limits this table holds', () => {
    const text = String(sendMessageBody.shape.media.description);
    const L = CHANNEL_MEDIA_LIMITS;
    const limitOf = (type: string) => L.whatsapp.kinds.find((k) => k.types.test(type))?.maxBytes;
    expect(text).toContain(
      `SMS (Twilio MMS) up to ${L.sms.maxItems} files of any type, ${(L.sms.maxTotalBytes ?? 0) / MB} MB together`,
    );
    expect(L.whatsapp.maxItems).toBe(1);
    expect(text).toContain(`WhatsApp one file: image/jpeg or image/png up to ${(limitOf('image/jpeg') ?? 0) / MB} MB`);
    expect(text).toContain(`image/webp (a sticker) up to ${(limitOf('image/webp') ?? 0) / 1024} KB`);
    expect(text).toContain(`video/mp4 and video/3gpp up to ${(limitOf('video/mp4') ?? 0) / MB} MB`);
    expect(limitOf('image/gif')).toBeUndefined();
    expect(text).toContain(`documents (application/*, text/plain) up to ${(limitOf('application/pdf') ?? 0) / MB} MB`);
    expect(L.facebook.maxItems).toBe(1);
    expect(text).toContain(
      `Messenger one attachment of any type up to ${(L.facebook.kinds[0]?.maxBytes ?? 0) / MB} MB`,
    );
    expect(text).toContain(
      `email up to ${L.email.maxItems} attachments, ${(L.email.maxTotalBytes ?? 0) / MB} MB together`,
    );
  });
});
