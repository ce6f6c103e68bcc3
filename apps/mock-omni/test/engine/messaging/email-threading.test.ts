import { describe, expect, it } from 'vitest';
import {
  EMAIL_SUBJECT_MAX,
  emailThreadCandidates,
  emailThreadHeaders,
  replyReferences,
  replySubject,
} from '../../../src/engine/messaging/email-threading.js';

const ROOT = emailThreadHeaders({ messageId: '<root@example.com>', subject: 'Your invoice' });

describe('a new thread', () => {
  it('needs a subject, and has no In-Reply-To or References', () => {
    expect(ROOT).toEqual({ messageId: '<root@example.com>', subject: 'Your invoice', inReplyTo: null, references: [] });
  });

  it.each([undefined, null, '', '   '])('refuses the subject %j (VALIDATION_FAILED on subject)', (subject) => {
    expect(() => emailThreadHeaders({ messageId: '<a@b.c>', subject })).toThrowError(
      expect.objectContaining({ code: 'VALIDATION_FAILED', errors: [expect.objectContaining({ field: 'subject' })] }),
    );
  });

  it('refuses a subject with a line break (header injection) or over the line limit', () => {
    expect(() => emailThreadHeaders({ messageId: '<a@b.c>', subject: 'Hi\r\nBcc: x@y.z' })).toThrowError(
      expect.objectContaining({ code: 'VALIDATION_FAILED' }),
    );
    expect(() => emailThreadHeaders({ messageId: '<a@b.c>', subject: 'x'.repeat(EMAIL_SUBJECT_MAX + 1) })).toThrow();
    expect(emailThreadHeaders({ messageId: '<a@b.c>', subject: 'x'.repeat(EMAIL_SUBJECT_MAX) }).subject).toHaveLength(
      EMAIL_SUBJECT_MAX,
    );
  });
});

describe('a reply', () => {
  const first = emailThreadHeaders({ messageId: '<r1@example.com>', parent: ROOT });
  const second = emailThreadHeaders({ messageId: '<r2@example.com>', parent: first });

  it('points In-Reply-To at the parent and appends the parent to References', () => {
    expect(first).toEqual({
      messageId: '<r1@example.com>',
      subject: 'Re: Your invoice',
      inReplyTo: '<root@example.com>',
      references: ['<root@example.com>'],
    });
    expect(second).toEqual({
      messageId: '<r2@example.com>',
      subject: 'Re: Your invoice',
      inReplyTo: '<r1@example.com>',
      references: ['<root@example.com>', '<r1@example.com>'],
    });
  });

  it('may give its own subject, and needs none', () => {
    expect(emailThreadHeaders({ messageId: '<x@e.com>', subject: 'New question', parent: ROOT }).subject).toBe(
      'New question',
    );
    expect(emailThreadHeaders({ messageId: '<x@e.com>', subject: '  ', parent: ROOT }).subject).toBe(
      'Re: Your invoice',
    );
  });

  it.each([
    ['Hello', 'Re: Hello'],
    ['Re: Hello', 'Re: Hello'],
    ['RE: Hello', 'RE: Hello'],
    ['re:Hello', 're:Hello'],
    ['  Hello ', 'Re: Hello'],
  ])('%j → %j', (subject, expected) => {
    expect(replySubject(subject)).toBe(expected);
  });
});

describe('placing an inbound reply on a thread', () => {
  it('In-Reply-To first, then References from the newest back to the root', () => {
    expect(
      emailThreadCandidates({
        inReplyTo: '<r2@example.com>',
        references: '<root@example.com> <r1@example.com>\r\n <r2@example.com>',
      }),
    ).toEqual(['<r2@example.com>', '<r1@example.com>', '<root@example.com>']);
  });

  it('References alone when In-Reply-To is missing or not a message id', () => {
    expect(emailThreadCandidates({ references: '<a@x.y> <b@x.y>' })).toEqual(['<b@x.y>', '<a@x.y>']);
    expect(emailThreadCandidates({ inReplyTo: 'garbage', references: '<a@x.y>' })).toEqual(['<a@x.y>']);
  });

  it('nothing for a message outside any thread', () => {
    expect(emailThreadCandidates({})).toEqual([]);
    expect(emailThreadCandidates({ inReplyTo: null, references: null })).toEqual([]);
    expect(emailThreadCandidates({ references: '<not an id>' })).toEqual([]);
  });
});

describe('the References of a reply (replyReferences)', () => {
  it('the parent’s references, then the parent’s id', () => {
    expect(replyReferences({ emailMessageId: '<c@x.y>', references: '<a@x.y> <b@x.y>', inReplyTo: '<b@x.y>' })).toBe(
      '<a@x.y> <b@x.y> <c@x.y>',
    );
  });

  it('a parent without References but with one In-Reply-To: that, then its id (RFC 5322 §3.6.4)', () => {
    expect(replyReferences({ emailMessageId: '<b@x.y>', references: '', inReplyTo: '<a@x.y>' })).toBe(
      '<a@x.y> <b@x.y>',
    );
    expect(replyReferences({ emailMessageId: '<a@x.y>', references: '', inReplyTo: '' })).toBe('<a@x.y>');
  });

  it('nothing for a parent with no Message-ID (not an email)', () => {
    expect(replyReferences({ emailMessageId: '', references: '', inReplyTo: '' })).toBe('');
  });
});
