import { describe, expect, it } from 'vitest';
import type { DiallerLead } from '../../src/engine/dialler/lead-source.js';
import { emptyLead } from '../../src/engine/directory/leads.js';
import type { LeadRecord } from '../../src/engine/ports.js';
import { createStores } from '../../src/store/create-stores.js';
import { createDiallerLeadRepository } from '../../src/store/dialler-lead-repository.js';
import { DAY_START, phone } from '../engine/dialler/support/fixtures.js';
import { describeLeadSource } from '../engine/dialler/support/lead-source-contract.js';
import { testSystemRecord } from '../support/test-system.js';
import { trackedDatabases } from '../support/tracked-databases.js';

const dbs = trackedDatabases();

/** A database with one system (id 1), as the mock's stores see it. */
function open(path = ':memory:') {
  const db = dbs.open(path);
  const stores = createStores(db);
  if (!stores.systems.getByKey('lead-source-test')) stores.systems.insert(testSystemRecord('lead-source-test'));
  return { db, stores };
}

/** The lead as the directory stores it (the API's add-lead path): the directory's empty lead, then its fields. */
function record(
  l: Pick<DiallerLead, 'leadId' | 'listId' | 'phones'> & Partial<Omit<LeadRecord, 'phones'>>,
): LeadRecord {
  return {
    ...emptyLead(1, l.leadId, l.listId, DAY_START - 1_000),
    uniqueId: `crm-${l.leadId}`,
    ...l,
    phones: [...l.phones],
  };
}

describeLeadSource('SQLite', (leads, dnc) => {
  const { db, stores } = open();
  for (const l of leads) {
    const { dueAt: _dueAt, ...fields } = l;
    stores.leads.insert(record(fields));
  }
  stores.dnc.add(1, dnc, 0);
  const source = createDiallerLeadRepository(db.sqlite, 1);
  // The dialler's own fields as the test gives them (the directory knows no due time).
  for (const l of leads) source.save(l);
  return source;
});

describe('SQLite lead source: leads the directory adds', () => {
  it('gives a new lead its initial due time: the first number’s schedule, else its creation; DNC never', () => {
    const { db, stores } = open();
    const source = createDiallerLeadRepository(db.sqlite, 1);
    expect(source.next([1], DAY_START)).toBeUndefined();
    stores.leads.insert(record({ leadId: 1, listId: 1, phones: [phone('0821000001')] }));
    stores.leads.insert(
      record({ leadId: 2, listId: 1, phones: [phone('0821000002', { schedule_call_at: DAY_START + 60_000 })] }),
    );
    stores.leads.insert(record({ leadId: 3, listId: 1, phones: [phone('0821000003')], status: 'DNC' }));
    stores.leads.insert(record({ leadId: 4, listId: 1, phones: [phone('0821000004', { high_priority: true })] }));
    expect(source.get(1)?.dueAt).toBe(DAY_START - 1_000);
    expect(source.get(2)?.dueAt).toBe(DAY_START + 60_000);
    expect(source.get(3)?.dueAt).toBeNull();
    expect(source.isDnc('0821000003')).toBe(true);
    expect(source.remaining([1])).toBe(3);
    // High priority first, then the earliest due.
    expect(source.next([1], DAY_START)?.leadId).toBe(4);
    source.hold(4, 'call:1');
    expect(source.next([1], DAY_START)?.leadId).toBe(1);
    source.hold(1, 'call:2');
    expect(source.next([1], DAY_START)).toBeUndefined();
    expect(source.nextDueAt([1])).toBe(DAY_START + 60_000);
    // A lead added later is seen at the next look.
    stores.leads.insert(record({ leadId: 5, listId: 1, phones: [phone('0821000005')] }));
    expect(source.next([1], DAY_START)?.leadId).toBe(5);
  });

  it('the dialler’s changes and holds are on the file: a reopened database has them', () => {
    const path = dbs.tempFile('lead-source-');
    const first = open(path);
    first.stores.leads.insert(record({ leadId: 1, listId: 1, phones: [phone('0821000001')] }));
    first.stores.leads.insert(record({ leadId: 2, listId: 1, phones: [phone('0821000002')] }));
    const a = createDiallerLeadRepository(first.db.sqlite, 1);
    a.save({ ...(a.get(1) as DiallerLead), status: 'NA', attempts: 1, lastCallId: 7, dueAt: DAY_START + 3_600_000 });
    expect(a.hold(2, 'user:3')).toBe(true);
    first.stores.tx.flush();
    first.db.close();
    dbs.forget(first.db);
    const again = open(path);
    const b = createDiallerLeadRepository(again.db.sqlite, 1);
    expect(b.get(1)).toMatchObject({ status: 'NA', attempts: 1, lastCallId: 7, dueAt: DAY_START + 3_600_000 });
    expect(b.holder(2)).toBe('user:3');
    expect(b.next([1], DAY_START)).toBeUndefined();
    expect(b.next([1], DAY_START + 3_600_000)?.leadId).toBe(1);
    // Its lead row is the directory's too: GET lead shows the dialler's status.
    expect(again.stores.leads.get(1, 1)).toMatchObject({ status: 'NA', attempts: 1, lastCallId: 7 });
  });

  it('keeps to its system', () => {
    const { db, stores } = open();
    stores.leads.insert(record({ leadId: 1, listId: 1, phones: [phone('0821000001')] }));
    expect(createDiallerLeadRepository(db.sqlite, 2).next([1], DAY_START)).toBeUndefined();
    expect(createDiallerLeadRepository(db.sqlite, 1).next([1], DAY_START)?.leadId).toBe(1);
  });
});
