/**
 * The stores' in-memory read caches (users' names, campaigns, lists, tokens) against the group commit's rollbacks: a
 * row read inside a transaction after a write may be undone, so it must not stay cached — after a command's savepoint
 * is rolled back, and after a failed COMMIT. Each test reads once before (filling the cache with the committed row),
 * writes and reads inside the transaction, rolls back, and reads again: it must see the committed row, not the undone
 * one.
 *
 * @module
 */

import { afterEach, describe, expect, it } from 'vitest';
import type { Stores } from '../../src/engine/ports.js';
import { createDb, type OpenDb } from '../../src/store/create-db.js';
import { createStores } from '../../src/store/create-stores.js';
import { testSystemRecord } from '../support/test-system.js';

let open: OpenDb;
let stores: Stores;
let systemId: number;

function setUp(): void {
  open = createDb(':memory:');
  stores = createStores(open);
  // A table whose deferred foreign key makes a turn's COMMIT fail on demand.
  open.sqlite.exec('CREATE TABLE parent (id INTEGER PRIMARY KEY)');
  open.sqlite.exec('CREATE TABLE child (p INTEGER REFERENCES parent(id) DEFERRABLE INITIALLY DEFERRED)');
  systemId = stores.systems.insert(testSystemRecord('cache-test', { tokenLifetimeMs: 3_600_000 }));
  stores.campaigns.insert({
    systemId,
    campaignId: 1,
    campaignName: 'Committed',
    campaignType: 1,
    settings: { max_lines: 1 },
    createdAt: 0,
  });
  stores.lists.insert({ systemId, listId: 1, listName: 'L1', campaignId: 1, description: '', createdAt: 0 });
  stores.users.insert({
    systemId,
    userId: 1,
    userName: 'agent1',
    passwordHash: 'h',
    passwordSalt: 's',
    extension: '1001',
    webrtcPassword: 'w',
    agentState: 'logged_out',
    campaignId: 0,
    callId: 0,
    createdAt: 0,
  });
}

afterEach(() => open?.close());

/** Reads every cached kind of row, as the routes and the dialler do. */
function readAll() {
  return {
    text: stores.campaigns.getText(systemId, 1)?.campaignName,
    record: stores.campaigns.get(systemId, 1)?.campaignName,
    list: stores.campaigns.list(systemId).map((c) => c.campaignName),
    lists: stores.lists.list(systemId).map((l) => l.listName),
    // One list by id (from the cached lists once they are read): L2 only once written.
    list1: stores.lists.get(systemId, 1)?.listName,
    list2: stores.lists.get(systemId, 2)?.listName,
    names: stores.users.names(systemId).map((u) => u.userName),
    // authorize's lookup: agent1 is always there, agent2 only once written.
    agent1: stores.users.credentials(systemId, 'agent1')?.userId,
    agent2: stores.users.credentials(systemId, 'agent2')?.userId,
  };
}

// Token hashes as the engine gives them: SHA-256 in lower-case hex.
const HASH_1 = 'a1'.repeat(32);
const HASH_2 = 'b2'.repeat(32);
const committed = {
  text: 'Committed',
  record: 'Committed',
  list: ['Committed'],
  lists: ['L1'],
  list1: 'L1',
  names: ['agent1'],
  agent1: 1,
};

/** Writes a change to every cached kind of row (inside the caller's transaction). */
function writeAll(): void {
  stores.campaigns.update({
    systemId,
    campaignId: 1,
    campaignName: 'Undone',
    campaignType: 1,
    settings: { max_lines: 2 },
    createdAt: 0,
  });
  stores.lists.insert({ systemId, listId: 2, listName: 'L2', campaignId: 1, description: '', createdAt: 0 });
  stores.users.insert({
    systemId,
    userId: 2,
    userName: 'agent2',
    passwordHash: 'h',
    passwordSalt: 's',
    extension: '1002',
    webrtcPassword: 'w',
    agentState: 'logged_out',
    campaignId: 0,
    callId: 0,
    createdAt: 0,
  });
}

describe('read caches and rollbacks', () => {
  it('a command that throws after writing leaves the committed rows in the caches, not its own', () => {
    setUp();
    expect(readAll()).toEqual(committed);
    expect(() =>
      stores.tx.run(() => {
        writeAll();
        // Inside the command the writes are seen…
        expect(readAll()).toEqual({
          text: 'Undone',
          record: 'Undone',
          list: ['Undone'],
          lists: ['L1', 'L2'],
          list1: 'L1',
          list2: 'L2',
          names: ['agent1', 'agent2'],
          agent1: 1,
          agent2: 2,
        });
        throw new Error('the command fails after its writes');
      }),
    ).toThrow('the command fails');
    // …and once its savepoint is rolled back, no more (the turn's transaction is still open).
    expect(open.sqlite.inTransaction).toBe(true);
    expect(readAll()).toEqual(committed);
    stores.tx.flush();
    expect(readAll()).toEqual(committed);
  });

  it('a failed COMMIT undoes the turn: the caches hold none of its rows', () => {
    setUp();
    expect(readAll()).toEqual(committed);
    stores.tx.run(() => {
      writeAll();
      expect(readAll().text).toBe('Undone');
      open.sqlite.prepare('INSERT INTO child (p) VALUES (42)').run();
    });
    expect(readAll().record).toBe('Undone');
    expect(() => stores.tx.flush()).not.toThrow();
    expect(open.sqlite.inTransaction).toBe(false);
    expect(readAll()).toEqual(committed);
  });

  it('a committed write is seen at once, and what is read after the commit is cached again', () => {
    setUp();
    expect(readAll()).toEqual(committed);
    stores.tx.run(() => writeAll());
    stores.tx.flush();
    const after = {
      text: 'Undone',
      record: 'Undone',
      list: ['Undone'],
      lists: ['L1', 'L2'],
      list1: 'L1',
      list2: 'L2',
      names: ['agent1', 'agent2'],
      agent1: 1,
      agent2: 2,
    };
    expect(readAll()).toEqual(after);
    // Served from the caches now: a change behind the stores' back is not seen (what makes them fast).
    open.sqlite.prepare("UPDATE campaigns SET campaign_name = 'Behind' WHERE campaign_id = 1").run();
    expect(readAll()).toEqual(after);
  });

  it('a token found inside a turn whose COMMIT fails is forgotten with it', () => {
    setUp();
    const token = { tokenHash: HASH_1, systemId, userId: 1, issuedAt: 0, expiresAt: 10 };
    stores.tx.run(() => {
      stores.tokens.insert(token);
      expect(stores.tokens.findByHash(HASH_1)).toEqual(token);
      open.sqlite.prepare('INSERT INTO child (p) VALUES (42)').run();
    });
    stores.tx.flush();
    expect(stores.tokens.findByHash(HASH_1)).toBeUndefined();
  });

  it("a reset (wipe) and a system's deletion empty its caches", () => {
    setUp();
    const token = { tokenHash: HASH_2, systemId, userId: 1, issuedAt: 0, expiresAt: 10 };
    stores.tokens.insert(token);
    expect(stores.tokens.findByHash(HASH_2)).toEqual(token);
    expect(readAll()).toEqual(committed);
    stores.tx.run(() => stores.systems.wipeData(systemId));
    stores.tx.flush();
    expect(stores.tokens.findByHash(HASH_2)).toBeUndefined();
    expect(readAll()).toEqual({ text: undefined, record: undefined, list: [], lists: [], names: [] });

    stores.tokens.insert(token);
    expect(stores.tokens.findByHash(HASH_2)).toEqual(token);
    stores.campaigns.insert({
      systemId,
      campaignId: 1,
      campaignName: 'Again',
      campaignType: 1,
      settings: {},
      createdAt: 0,
    });
    expect(stores.campaigns.getText(systemId, 1)?.campaignName).toBe('Again');
    stores.systems.delete(systemId);
    expect(stores.tokens.findByHash(HASH_2)).toBeUndefined();
    expect(stores.campaigns.getText(systemId, 1)).toBeUndefined();
    expect(stores.users.names(systemId)).toEqual([]);
  });

  it('cached rows are shared, so they are frozen: a caller cannot change what the next one reads', () => {
    setUp();
    const record = stores.campaigns.get(systemId, 1);
    expect(record && Object.isFrozen(record) && Object.isFrozen(record.settings)).toBe(true);
    expect(() => {
      (record?.settings as Record<string, unknown>).max_lines = 9;
    }).toThrow(TypeError);
    // Lists come back as a fresh array each time (callers sort them), of the same frozen rows.
    const a = stores.campaigns.list(systemId);
    a.sort(() => -1).push(a[0] as never);
    expect(stores.campaigns.list(systemId)).toHaveLength(1);
    expect(Object.isFrozen(stores.users.names(systemId)[0])).toBe(true);
  });
});
