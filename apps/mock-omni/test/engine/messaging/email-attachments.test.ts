import { describe, expect, it } from 'vitest';
import {
  checkEmailAttachments,
  EMAIL_ATTACHMENT_LIMITS,
  type EmailAttachment,
  emailAttachmentErrors,
} from '../../../src/engine/messaging/email-attachments.js';

const PDF: EmailAttachment = { name: 'invoice.pdf', contentType: 'application/pdf', size: 48_213 };

describe('email attachments as metadata', () => {
  it('accepts well-formed attachments, none, and an empty file', () => {
    expect(emailAttachmentErrors([PDF, { name: 'photo 1.jpg', contentType: 'image/jpeg', size: 1_024 }])).toEqual([]);
    expect(emailAttachmentErrors([])).toEqual([]);
    expect(emailAttachmentErrors([{ ...PDF, size: 0 }])).toEqual([]);
    expect(
      emailAttachmentErrors([
        { ...PDF, contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' },
      ]),
    ).toEqual([]);
  });

  it.each([
    ['an empty name', { name: '' }, 'attachments.0.name'],
    ['a name with a slash', { name: '../etc/passwd' }, 'attachments.0.name'],
    ['a name with a backslash', { name: 'a\\b.pdf' }, 'attachments.0.name'],
    ['a name with a control character', { name: 'a\u0000.pdf' }, 'attachments.0.name'],
    ['a name over 255 characters', { name: `${'a'.repeat(252)}.pdf` }, 'attachments.0.name'],
    ['a content type without a subtype', { contentType: 'pdf' }, 'attachments.0.content_type'],
    ['a content type with parameters', { contentType: 'text/plain; charset=utf-8' }, 'attachments.0.content_type'],
    ['an empty content type', { contentType: '' }, 'attachments.0.content_type'],
    ['a negative size', { size: -1 }, 'attachments.0.size'],
    ['a fractional size', { size: 1.5 }, 'attachments.0.size'],
    ['a size that is not a number', { size: Number.NaN }, 'attachments.0.size'],
  ])('refuses %s', (_what, change, field) => {
    expect(emailAttachmentErrors([{ ...PDF, ...change }]).map((e) => e.field)).toEqual([field]);
  });

  it('names the index of the bad attachment and reports every error at once', () => {
    const errors = emailAttachmentErrors([PDF, { name: '', contentType: 'x', size: -5 }]);
    expect(errors.map((e) => e.field)).toEqual([
      'attachments.1.name',
      'attachments.1.content_type',
      'attachments.1.size',
    ]);
  });

  it('the total may reach 30 MB, not exceed it', () => {
    const half = EMAIL_ATTACHMENT_LIMITS.totalBytes / 2;
    expect(
      emailAttachmentErrors([
        { ...PDF, size: half },
        { ...PDF, size: half },
      ]),
    ).toEqual([]);
    const over = emailAttachmentErrors([
      { ...PDF, size: half },
      { ...PDF, size: half + 1 },
    ]);
    expect(over).toEqual([{ field: 'attachments', message: expect.stringContaining('31457281 bytes exceeds') }]);
  });

  it('checkEmailAttachments throws VALIDATION_FAILED with the field errors, and passes good ones', () => {
    expect(() => checkEmailAttachments([PDF])).not.toThrow();
    expect(() => checkEmailAttachments([{ ...PDF, size: -1 }])).toThrowError(
      expect.objectContaining({
        code: 'VALIDATION_FAILED',
        errors: [expect.objectContaining({ field: 'attachments.0.size' })],
      }),
    );
  });
});
