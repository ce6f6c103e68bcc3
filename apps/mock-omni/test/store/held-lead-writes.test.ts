/**
 * Leads' rows held until the turn's COMMIT (store/lead-rows.ts): a lead the dialler and the directory write in several
 * commands of one turn is written once, with its last values (every column when the directory changed any); a change
 * into DNC is written at once (the dialler's DNC check reads the table without the barrier); a rolled-back command, a
 * failed COMMIT, a deleted lead and a wiped system leave exactly what was committed; the list pages (drizzle, HTTP)
 * see the held rows in the same turn; a restart finds exactly the committed rows.
 *
 * @module
 */

import Database from 'better-sqlite3';
import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import type { DiallerLead } from '../../src/engine/dialler/lead-source.js';
import { emptyLead } from '../../src/engine/directory/leads.js';
import { createStores } from '../../src/store/create-stores.js';
import { createDiallerLeadRepository } from '../../src/store/dialler-lead-repository.js';
import { prepareUnguarded } from '../../src/store/pending-writes.js';
import { leads } from '../../src/store/schema/index.js';
import { DAY_START, phone } from '../engine/dialler/support/fixtures.js';
import { startMock } from '../support/omni-client.js';
import { testSystemRecord } from '../support/test-system.js';
import { trackedDatabases } from '../support/tracked-databases.js';

const dbs = trackedDatabases();

/** A database with one system (id 1) and leads 1 to 3 in list 1, and a log of every write to `leads` rows. */
function world(path = ':memory:') {
  const db = dbs.open(path);
  const stores = createStores(db);
  if (!stores.systems.getByKey('held-leads')) {
    stores.systems.insert(testSystemRecord('held-leads'));
    for (const leadId of [1, 2, 3])
      stores.leads.insert({
        ...emptyLead(1, leadId, 1, DAY_START - 1_000),
        phones: [phone(`082100000${leadId}`)],
      });
  }
  db.sqlite.exec(`
    CREATE TEMP TABLE writes (at INTEGER PRIMARY KEY, id INTEGER, value TEXT);
    CREATE TEMP TRIGGER leads_w AFTER UPDATE ON main.leads BEGIN INSERT INTO writes (id, value)
      VALUES (new.lead_id, new.status || ' ' || new.attempts || ' ' || new.first_name); END;
    CREATE TEMP TABLE whole (id INTEGER);
    CREATE TEMP TRIGGER leads_whole AFTER UPDATE OF first_name ON main.leads
      BEGIN INSERT INTO whole (id) VALUES (new.lead_id); END;`);
  /** The leads written whole (every column), not only their outcome. */
  const wholeWrites = () => prepareUnguarded<[], number>(db.sqlite, 'SELECT id FROM whole ORDER BY id').pluck().all();
  const log = prepareUnguarded<[], { id: number; value: string }>(
    db.sqlite,
    'SELECT id, value FROM writes ORDER BY at',
  );
  /** The writes so far, read without writing what is held. */
  const writes = () => log.all().map((w) => `${w.id} ${w.value}`);
  /** The lead's columns as the table holds them, read without writing what is held. */
  const stored = (leadId: number) =>
    prepareUnguarded<[number], Record<string, unknown>>(
      db.sqlite,
      'SELECT status, attempts, first_name AS firstName, updated_at AS updatedAt FROM leads WHERE system_id = 1 AND lead_id = ?',
    ).get(leadId);
  const source = createDiallerLeadRepository(db.sqlite, 1);
  const dialled = (leadId: number, over: Partial<DiallerLead>) => {
    const lead = source.get(leadId) as DiallerLead;
    source.save({ ...lead, ...over });
  };
  return { db, stores, source, dialled, writes, wholeWrites, stored };
}

describe('leads held for the COMMIT', () => {
  it('written by the dialler and the directory in several commands of one turn: one write, the last values', async () => {
    const { stores, source, dialled, writes, wholeWrites, stored } = world();
    expect(source.next([1], DAY_START)?.leadId).toBe(1);
    stores.tx.run(() => dialled(1, { attempts: 1, lastCallId: 10, lastCallAt: DAY_START }));
    stores.tx.run(() => {
      const lead = stores.leads.get(1, 1);
      if (lead) stores.leads.update({ ...lead, firstName: 'Thandi', status: 'SALE', updatedAt: DAY_START + 5 });
    });
    stores.tx.run(() => dialled(1, { attempts: 2 }));
    stores.tx.run(() => dialled(2, { attempts: 1 }));
    expect(source.get(1)).toMatchObject({ attempts: 2, status: 'SALE' });
    expect(stores.leads.get(1, 1)).toMatchObject({ attempts: 2, status: 'SALE', firstName: 'Thandi' });
    expect(writes()).toEqual([]);
    await stores.tx.durable();
    // The dialler's last write carries the directory's columns too: the row is written whole.
    expect(writes().sort()).toEqual(['1 SALE 2 Thandi', '2 NEW 1 ']);
    expect(wholeWrites()).toEqual([1]);
    expect(stored(1)).toEqual({ status: 'SALE', attempts: 2, firstName: 'Thandi', updatedAt: DAY_START + 5 });
  });

  it("the directory's disposition of a lead (status, callback, update time) writes only those columns", async () => {
    const { stores, writes, wholeWrites, stored } = world();
    stores.tx.run(() => {
      const lead = stores.leads.get(1, 3);
      if (lead)
        stores.leads.update({ ...lead, status: 'CALLBK', callbackAt: DAY_START + 60_000, updatedAt: DAY_START });
    });
    await stores.tx.durable();
    expect([writes(), wholeWrites()]).toEqual([['3 CALLBK 0 '], []]);
    expect(stored(3)).toMatchObject({ status: 'CALLBK', updatedAt: DAY_START });
    expect(stores.leads.get(1, 3)?.callbackAt).toBe(DAY_START + 60_000);
  });

  it('a lead that becomes DNC is written at once: the DNC check of the same turn sees it, and so does its way back', async () => {
    const { stores, source, dialled, writes, stored } = world();
    source.next([1], DAY_START);
    stores.tx.run(() => dialled(3, { status: 'DNC', attempts: 1 }));
    expect(writes()).toEqual(['3 DNC 1 ']);
    expect(source.isDnc('0821000003')).toBe(true);
    stores.tx.run(() => dialled(3, { status: 'NEW', attempts: 2 }));
    expect(source.isDnc('0821000003')).toBe(false);
    await stores.tx.durable();
    expect(stored(3)).toMatchObject({ status: 'NEW', attempts: 2 });
  });

  it('a command that rolls back after a list page wrote the held rows: the earlier commands are written, its own not', async () => {
    const { stores, source, dialled, writes, stored } = world();
    source.next([1], DAY_START);
    stores.tx.run(() => dialled(1, { attempts: 1, status: 'A' }));
    expect(() =>
      stores.tx.run(() => {
        dialled(1, { attempts: 2, status: 'B' });
        // The directory's page names `leads`: the held rows are written first, inside this savepoint.
        expect(stores.leads.page(1, 1, 'B', 0, 10).leads.map((l) => l.leadId)).toEqual([1]);
        expect(writes()).toEqual(['1 B 2 ']);
        throw new Error('the command fails');
      }),
    ).toThrow('the command fails');
    expect(source.get(1)).toMatchObject({ attempts: 1, status: 'A' });
    await stores.tx.durable();
    expect(writes()).toEqual(['1 A 1 ']);
    expect(stored(1)).toMatchObject({ status: 'A', attempts: 1 });
  });

  it('a failed COMMIT writes nothing and memory forgets the turn', async () => {
    const { db, stores, source, dialled, stored } = world();
    source.next([1], DAY_START);
    db.sqlite.exec(`CREATE TABLE parent (id INTEGER PRIMARY KEY);
      CREATE TABLE child (p INTEGER REFERENCES parent(id) DEFERRABLE INITIALLY DEFERRED)`);
    stores.tx.run(() => dialled(2, { attempts: 4, status: 'B' }));
    stores.tx.run(() => db.sqlite.prepare('INSERT INTO child (p) VALUES (42)').run());
    await expect(stores.tx.durable()).rejects.toThrow(/FOREIGN KEY/);
    expect(stored(2)).toMatchObject({ status: 'NEW', attempts: 0 });
    expect(source.get(2)).toMatchObject({ status: 'NEW', attempts: 0 });
    expect(stores.leads.get(1, 2)).toMatchObject({ status: 'NEW', attempts: 0 });
  });

  it('a lead deleted, or a system wiped, with writes held: nothing comes back, memory forgets them', async () => {
    const { db, stores, source, dialled } = world();
    source.next([1], DAY_START);
    stores.tx.run(() => {
      dialled(1, { attempts: 1 });
      dialled(2, { attempts: 1 });
    });
    stores.tx.run(() => stores.leads.delete(1, 1));
    expect(stores.leads.get(1, 1)).toBeUndefined();
    expect(source.get(1)).toBeUndefined();
    expect(source.get(2)).toMatchObject({ attempts: 1 });
    stores.tx.run(() => stores.systems.wipeData(1));
    expect(source.get(2)).toBeUndefined();
    expect(stores.leads.get(1, 2)).toBeUndefined();
    await stores.tx.durable();
    expect(db.sqlite.prepare('SELECT count(*) FROM leads').pluck().get()).toBe(0);
  });

  it('the dialler adopts new leads once they are added, and again after a rollback undid an adoption', async () => {
    const { stores, source } = world();
    expect(source.remaining([1])).toBe(3);
    const add = (leadId: number) =>
      stores.leads.insert({ ...emptyLead(1, leadId, 1, DAY_START - 1_000), phones: [phone(`08210000${leadId}`)] });
    stores.tx.run(() => add(4));
    expect(() =>
      stores.tx.run(() => {
        // Adopts lead 4, then the command fails: the adoption is undone, the lead (an earlier command's) stays.
        expect(source.remaining([1])).toBe(4);
        throw new Error('the command fails');
      }),
    ).toThrow('the command fails');
    expect(source.remaining([1])).toBe(4);
    expect(() =>
      stores.tx.run(() => {
        add(5);
        expect(source.remaining([1])).toBe(5);
        throw new Error('the command fails');
      }),
    ).toThrow('the command fails');
    expect(source.remaining([1])).toBe(4);
    stores.tx.run(() => add(6));
    expect(source.remaining([1])).toBe(5);
    await stores.tx.durable();
    expect(source.get(6)?.leadId).toBe(6);
    expect(source.get(5)).toBeUndefined();
  });

  it('drizzle reads of the same turn see the held rows', () => {
    const { db, stores, source, dialled } = world();
    source.next([1], DAY_START);
    stores.tx.run(() => dialled(2, { attempts: 3, status: 'CALLBK' }));
    expect(
      db.db
        .select({ status: leads.status, attempts: leads.attempts })
        .from(leads)
        .where(and(eq(leads.systemId, 1), eq(leads.leadId, 2)))
        .get(),
    ).toEqual({ status: 'CALLBK', attempts: 3 });
    stores.tx.flush();
  });

  it('a restart finds exactly the committed rows: a turn that never committed leaves nothing', () => {
    const file = dbs.tempFile('omni-held-leads-', 'held.db');
    const first = world(file);
    first.source.next([1], DAY_START);
    first.stores.tx.run(() => first.dialled(1, { attempts: 1, status: 'A' }));
    first.stores.tx.flush();
    first.stores.tx.run(() => first.dialled(1, { attempts: 2, status: 'B' }));
    // The process dies before the turn's COMMIT.
    first.db.sqlite.close();
    dbs.forget(first.db);
    const again = new Database(file, { readonly: true });
    try {
      expect(again.prepare('SELECT lead_id, status, attempts FROM leads ORDER BY lead_id').all()).toEqual([
        { lead_id: 1, status: 'A', attempts: 1 },
        { lead_id: 2, status: 'NEW', attempts: 0 },
        { lead_id: 3, status: 'NEW', attempts: 0 },
      ]);
    } finally {
      again.close();
    }
  });
});

describe('leads held for the COMMIT, through HTTP', () => {
  it("a list's leads by status, asked in the turn a lead's status was held, show it", async () => {
    const { mock, client } = await startMock();
    try {
      const token = await client.login('agent1');
      const { stores, telephony } = mock.services;
      const systemId = stores.systems.getByKey(mock.defaultSystemKey)?.systemId as number;
      const source = telephony.diallerPorts(systemId).leads;
      const lead = source.next([1], Number.MAX_SAFE_INTEGER) as DiallerLead;
      stores.tx.run(() => source.save({ ...source.get(lead.leadId), ...lead, status: 'HELDXX' }));
      expect(stores.tx.pending()).toBe(true);
      const [page, one] = await Promise.all([
        client.request('GET', '/omni/list/1/leads?status=HELDXX', { token }),
        client.request('GET', `/omni/lead/${lead.leadId}`, { token }),
      ]);
      expect(page.status).toBe(200);
      expect(JSON.stringify(page.body)).toContain(`"lead_id":${lead.leadId}`);
      expect(one.body).toMatchObject({ status: 'HELDXX' });
    } finally {
      await mock.close();
    }
  });
});
