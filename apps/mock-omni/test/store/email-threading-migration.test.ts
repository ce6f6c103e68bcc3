/**
 * Migration 0012 gives messages an email `References` column and indexes email messages by `Message-ID`: the
 * messages an older mock stored read back with no references and are found by their id.
 *
 * @module
 */

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createDb } from '../../src/store/create-db.js';
import { createMessagingRepository } from '../../src/store/messaging-repository.js';
import { databaseBefore } from '../support/old-database.js';

const dir = mkdtempSync(join(tmpdir(), 'omni-migration-0012-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('migration 0012 (email threading)', () => {
  it('an older database’s email message reads back with references "" and is found by its Message-ID', () => {
    const file = join(dir, 'omni.db');
    const old = databaseBefore(dir, 12, file);
    old
      .prepare(
        `INSERT INTO messages (system_id, message_id, conversation_id, channel, direction, from_address, to_address,
           body, media, status, error_code, error_detail, segments, encoding, subject, email_message_id, in_reply_to,
           template, message_tag, user_id, unique_id, created_at, updated_at)
         VALUES (1, 7, 3, 'email', 'inbound', 'ann@example.com', 'support@omni.test', 'Hello', '[]', 'received', '',
           '', 1, '', 'Invoice', '<old@customer.example>', '<root@omni.test>', NULL, '', 0, '', 0, 0)`,
      )
      .run();
    old.close();

    const open = createDb(file);
    try {
      const store = createMessagingRepository(open.sqlite);
      expect(store.messageByEmailId(1, '<old@customer.example>')).toMatchObject({
        messageId: 7,
        inReplyTo: '<root@omni.test>',
        references: '',
      });
      const indexes = open.sqlite
        .prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'messages'")
        .all()
        .map((r) => r.name);
      expect(indexes).toContain('messages_email_message_id');
    } finally {
      open.close();
    }
  });
});
