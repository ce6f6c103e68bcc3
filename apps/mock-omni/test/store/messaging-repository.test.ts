/**
 * The messaging store's look-up of a message by its email `Message-ID`: one probe of its partial index, per system,
 * never another system's message, never a message without one.
 *
 * @module
 */

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MessageRecord } from '../../src/engine/messaging/messaging-store.js';
import { createDb, type OpenDb } from '../../src/store/create-db.js';
import { createMessagingRepository, MESSAGE_BY_EMAIL_ID_SQL } from '../../src/store/messaging-repository.js';
import { insertSystems } from '../support/old-database.js';

const message = (systemId: number, messageId: number, emailMessageId: string): MessageRecord => ({
  systemId,
  messageId,
  conversationId: 1,
  channel: emailMessageId === '' ? 'sms' : 'email',
  direction: 'outbound',
  from: 'support@omni.test',
  to: 'ann@example.com',
  body: 'x',
  media: [],
  status: 'queued',
  errorCode: '',
  errorDetail: '',
  segments: 1,
  encoding: '',
  subject: 'Hi',
  emailMessageId,
  inReplyTo: '',
  references: emailMessageId === '' ? '' : '<root@omni.test>',
  template: null,
  messageTag: '',
  userId: 1,
  uniqueId: '',
  createdAt: 0,
  updatedAt: 0,
});

let open: OpenDb;
beforeEach(() => {
  open = createDb(':memory:');
  insertSystems(open.sqlite, 2);
});
afterEach(() => open.close());

describe('messageByEmailId', () => {
  it('finds the message of its own system only, with its references; an empty id finds nothing', () => {
    const store = createMessagingRepository(open.sqlite);
    store.insertMessage(message(1, 1, '<one@omni.test>'));
    store.insertMessage(message(1, 2, ''));
    store.insertMessage(message(2, 1, '<two@omni.test>'));
    expect(store.messageByEmailId(1, '<one@omni.test>')).toMatchObject({
      messageId: 1,
      references: '<root@omni.test>',
    });
    expect(store.messageByEmailId(2, '<one@omni.test>')).toBeUndefined();
    expect(store.messageByEmailId(2, '<two@omni.test>')?.systemId).toBe(2);
    expect(store.messageByEmailId(1, '')).toBeUndefined();
  });

  it('is one search of the partial index messages_email_message_id, no scan and no sort', () => {
    const plan = open.sqlite
      .prepare<[number, string], { detail: string }>(`EXPLAIN QUERY PLAN ${MESSAGE_BY_EMAIL_ID_SQL}`)
      .all(1, '<one@omni.test>')
      .map((r) => r.detail);
    expect(plan).toEqual([
      'SEARCH messages USING INDEX messages_email_message_id (system_id=? AND email_message_id=?)',
    ]);
  });

  it('the index is partial: messages without a Message-ID (every other channel) are not in it', () => {
    const index = open.sqlite
      .prepare<[], { name: string; partial: number }>('PRAGMA index_list(messages)')
      .all()
      .find((r) => r.name === 'messages_email_message_id');
    expect(index?.partial).toBe(1);
  });
});

describe('messaging agents kept in memory', () => {
  const agent = { systemId: 1, userId: 7, campaignId: 3, state: 'ready' as const, pauseCode: '', lastOfferAt: 0 };

  it('answers what the table holds after a save, a delete and a save a rollback undid', () => {
    const store = createMessagingRepository(open.sqlite);
    expect(store.getAgent(1, 7)).toBeUndefined();
    store.saveAgent(agent);
    expect(store.getAgent(1, 7)).toEqual(agent);
    // Another repository on the same connection sees the same answer, never an older one of its own.
    const other = createMessagingRepository(open.sqlite);
    other.deleteAgent(1, 7);
    expect(store.getAgent(1, 7)).toBeUndefined();
    const failing = open.sqlite.transaction(() => {
      store.saveAgent({ ...agent, state: 'paused', pauseCode: 'LUNCH' });
      expect(store.getAgent(1, 7)?.state).toBe('paused');
      throw new Error('rolled back');
    });
    expect(failing).toThrow('rolled back');
    expect(store.getAgent(1, 7)).toBeUndefined();
    expect(open.sqlite.prepare('SELECT count(*) AS n FROM messaging_agents').get()).toEqual({ n: 0 });
  });

  it('gives a copy: changing what it returned changes neither memory nor the table', () => {
    const store = createMessagingRepository(open.sqlite);
    store.saveAgent(agent);
    const read = store.getAgent(1, 7);
    if (!read) throw new Error('the agent was not saved');
    read.state = 'paused';
    expect(store.getAgent(1, 7)?.state).toBe('ready');
  });
});
