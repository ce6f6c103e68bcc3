/**
 * Email attachments as metadata: the mock stores what an attachment is (file name, content type, size), never its
 * bytes. The checks are the ones a sending provider makes: a file name, a `type/subtype` content type (RFC 6838),
 * a whole number of bytes, and SendGrid's limit on the whole message (30 MB, taken here as the sum of the
 * attachments).
 *
 * @module
 */

import type { FieldError } from '@omnikit/contracts';
import { DomainError } from '../domain-error.js';

export interface EmailAttachment {
  name: string;
  contentType: string;
  /** Bytes. */
  size: number;
}

export const EMAIL_ATTACHMENT_LIMITS = {
  /** All attachments of one message together, in bytes (SendGrid's 30 MB). */
  totalBytes: 30 * 1024 * 1024,
  /** A file name, in characters (most file systems' limit). */
  nameMax: 255,
} as const;

const RESTRICTED_NAME = '[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,126}';
const CONTENT_TYPE = new RegExp(`^${RESTRICTED_NAME}/${RESTRICTED_NAME}$`);
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what the check refuses
const BAD_NAME = /[/\\\u0000-\u001f\u007f]/;

/** What is wrong with a message's attachments, as field errors (`attachments.N.field`); empty when they may go. */
export function emailAttachmentErrors(attachments: readonly EmailAttachment[]): FieldError[] {
  const errors: FieldError[] = [];
  let total = 0;
  attachments.forEach((a, i) => {
    const at = `attachments.${i}`;
    if (a.name.trim() === '' || a.name.length > EMAIL_ATTACHMENT_LIMITS.nameMax || BAD_NAME.test(a.name))
      errors.push({
        field: `${at}.name`,
        message: `must be a file name of 1 to ${EMAIL_ATTACHMENT_LIMITS.nameMax} characters without slashes or control characters`,
      });
    if (!CONTENT_TYPE.test(a.contentType))
      errors.push({ field: `${at}.content_type`, message: 'must be a media type such as application/pdf' });
    if (!Number.isSafeInteger(a.size) || a.size < 0)
      errors.push({ field: `${at}.size`, message: 'must be a whole number of bytes, 0 or more' });
    else total += a.size;
  });
  if (total > EMAIL_ATTACHMENT_LIMITS.totalBytes)
    errors.push({
      field: 'attachments',
      message: `total ${total} bytes exceeds the limit of ${EMAIL_ATTACHMENT_LIMITS.totalBytes} bytes (30 MB)`,
    });
  return errors;
}

/** Throws VALIDATION_FAILED with every field error when the attachments may not go. */
export function checkEmailAttachments(attachments: readonly EmailAttachment[]): void {
  const errors = emailAttachmentErrors(attachments);
  if (errors.length > 0)
    throw new DomainError(
      'VALIDATION_FAILED',
      `attachments are not valid: ${errors.map((e) => `${e.field} ${e.message}`).join('; ')}`,
      errors,
    );
}
