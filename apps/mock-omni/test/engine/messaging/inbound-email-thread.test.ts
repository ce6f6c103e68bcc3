/**
 * Where an inbound email goes: by `In-Reply-To`, else `References` from the newest, else the sender. The rule alone
 * against hand-made lookups, then through the messaging service on the store (the demo's email conversation 3 from
 * ann@example.com, "Invoice question", agent 1 in messaging campaign 1).
 *
 * @module
 */

import type { InboundMessageBody } from '@omnikit/contracts/messaging';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findInboundEmailThread } from '../../../src/engine/messaging/inbound-email-thread.js';
import type { ConversationRecord, MessageRecord } from '../../../src/engine/messaging/messaging-store.js';
import type { SystemContext } from '../../../src/engine/systems/system-context.js';
import type { MockOmni } from '../../../src/index.js';
import { startMock } from '../../support/omni-client.js';

const conversation = (conversationId: number, state: ConversationRecord['state'], subject: string) =>
  ({ conversationId, state, subject, channel: 'email' }) as ConversationRecord;
const message = (emailMessageId: string, conversationId: number, channel: MessageRecord['channel'] = 'email') =>
  ({ emailMessageId, conversationId, channel, subject: '' }) as MessageRecord;

describe('findInboundEmailThread (the rule)', () => {
  const messages = [message('<a@x.test>', 1), message('<b@x.test>', 2), message('<c@x.test>', 3)];
  const conversations = [
    conversation(1, 'assigned', 'One'),
    conversation(2, 'queued', 'Two'),
    conversation(3, 'closed', 'Three'),
  ];
  const lookup = {
    messageByEmailId: (id: string) => messages.find((m) => m.emailMessageId === id),
    conversation: (id: number) => conversations.find((c) => c.conversationId === id),
  };

  it('In-Reply-To wins over References', () => {
    const t = findInboundEmailThread({ inReplyTo: '<a@x.test>', references: '<b@x.test>' }, lookup);
    expect(t.kind === 'open' && [t.conversation.conversationId, t.subject]).toEqual([1, 'One']);
  });

  it('References decide from the newest known id, skipping unknown ones and junk', () => {
    const t = findInboundEmailThread(
      { inReplyTo: '<gone@x.test>', references: '<a@x.test> junk <b@x.test> <gone2@x.test>' },
      lookup,
    );
    expect(t.kind === 'open' && t.conversation.conversationId).toBe(2);
  });

  it('a closed thread is reported closed with its subject; nothing known is none', () => {
    const t = findInboundEmailThread({ references: '<c@x.test>' }, lookup);
    expect(t.kind === 'closed' && [t.conversation.conversationId, t.subject]).toEqual([3, 'Three']);
    expect(findInboundEmailThread({ inReplyTo: '<nope@x.test>' }, lookup)).toEqual({ kind: 'none' });
    expect(findInboundEmailThread({}, lookup)).toEqual({ kind: 'none' });
  });
});

describe('an inbound email placed by the messaging service', () => {
  let mock: MockOmni;
  let sys: SystemContext;

  beforeEach(async () => {
    ({ mock } = await startMock());
    sys = mock.services.registry.getDefault();
    mock.services.messaging.join(sys, 1, 1);
  });
  afterEach(async () => {
    await mock.close();
  });

  const inbound = (body: Omit<InboundMessageBody, 'channel'>, on = sys) => {
    const r = mock.services.messaging.inbound(on, { channel: 'email', ...body });
    return { ...r, message: mock.services.messaging.message(on, r.messageId) };
  };
  /** Agent 1 answers conversation 3 (ann's): the answer's Message-ID. */
  const answerAnn = (): string => {
    const sent = mock.services.messaging.send(sys, 1, { channel: 'email', to: 'ann@example.com', body: 'Fixed.' });
    expect(sent.conversation_id).toBe(3);
    return mock.services.messaging.message(sys, sent.message_id).email_message_id;
  };

  it('In-Reply-To of our answer: joins the open thread even from another address, which is kept on the message', () => {
    const answerId = answerAnn();
    const r = inbound({ from: 'Ann.Work@Example.NET', body: 'Thanks!', in_reply_to: answerId });
    expect(r.conversationId).toBe(3);
    expect(r.message).toMatchObject({
      from: 'ann.work@example.net',
      subject: 'Re: Invoice question',
      in_reply_to: answerId,
      references: '',
    });
    expect(mock.services.messaging.conversation(sys, 3)).toMatchObject({
      customer_address: 'ann@example.com',
      unread_count: 2,
    });
  });

  it('References only: the newest id the system knows decides, and the header is stored as sent', () => {
    const annAnswer = answerAnn();
    const bob = mock.services.messaging.send(sys, 1, {
      channel: 'email',
      to: 'bob@example.org',
      subject: 'Your delivery',
      body: 'It ships Monday.',
    });
    const bobId = mock.services.messaging.message(sys, bob.message_id).email_message_id;
    const references = `${annAnswer}  ${bobId}\t<never-sent@omni.test>`;
    const r = inbound({ from: 'carol@example.com', body: 'Forwarded to me', references });
    expect(r.conversationId).toBe(bob.conversation_id);
    expect(r.message).toMatchObject({
      subject: 'Re: Your delivery',
      in_reply_to: '',
      references: `${annAnswer} ${bobId} <never-sent@omni.test>`,
    });
    // The customer's own earlier message is a thread too (any direction).
    const again = inbound({
      from: 'dave@example.com',
      body: 'Me too',
      references: '<demo-invoice-1@customer.example>',
    });
    expect(again.conversationId).toBe(3);
  });

  it('an id the system does not know falls back to the sender: their open conversation, or a new one', () => {
    const known = inbound({ from: 'ann@example.com', body: 'Any news?', in_reply_to: '<unknown@elsewhere.test>' });
    expect(known.conversationId).toBe(3);
    const stranger = inbound({
      from: 'erin@example.com',
      subject: 'New question',
      body: 'Hello',
      in_reply_to: '<unknown@elsewhere.test>',
    });
    expect(stranger.conversationId).not.toBe(3);
    expect(mock.services.messaging.conversation(sys, stranger.conversationId)).toMatchObject({
      customer_address: 'erin@example.com',
      subject: 'New question',
    });
  });

  it('a closed thread is not reopened: a new conversation for the sender continues its subject', () => {
    const answerId = answerAnn();
    mock.services.messaging.close(sys, 1, 3, { disposition_code: 'SALE' });
    const r = inbound({ from: 'ann@example.com', body: 'It is wrong again.', in_reply_to: answerId });
    expect(r.conversationId).not.toBe(3);
    expect(mock.services.messaging.conversation(sys, 3).conversation_state).toBe('closed');
    expect(mock.services.messaging.conversation(sys, r.conversationId)).toMatchObject({
      customer_address: 'ann@example.com',
      conversation_state: 'queued',
      subject: 'Re: Invoice question',
    });
    expect(r.message).toMatchObject({ subject: 'Re: Invoice question', in_reply_to: answerId });
    // The customer's own subject wins over the thread's.
    mock.services.messaging.assign(sys, 1, r.conversationId, 1);
    mock.services.messaging.close(sys, 1, r.conversationId, { disposition_code: 'SALE' });
    const own = inbound({ from: 'ann@example.com', subject: 'VAT, again', body: '…', in_reply_to: answerId });
    expect(mock.services.messaging.conversation(sys, own.conversationId).subject).toBe('VAT, again');
  });

  it('another system’s Message-ID is not matched, though the same conversation id exists there', () => {
    const answerId = answerAnn();
    const other = mock.services.registry.create();
    const r = inbound({ from: 'frank@example.com', body: 'Hi', in_reply_to: answerId }, other);
    expect(r.conversationId).not.toBe(3);
    expect(mock.services.messaging.conversation(other, r.conversationId)).toMatchObject({
      customer_address: 'frank@example.com',
      subject: '',
    });
    expect(mock.services.messaging.conversation(other, 3).unread_count).toBe(1);
  });
});
