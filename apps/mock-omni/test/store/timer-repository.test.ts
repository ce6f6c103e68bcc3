import { afterEach, describe, expect, it } from 'vitest';
import { createDb, type OpenDb } from '../../src/store/create-db.js';
import { createStores } from '../../src/store/create-stores.js';
import { testSystemRecord } from '../support/test-system.js';

const opened: OpenDb[] = [];
afterEach(() => {
  for (const o of opened.splice(0)) o.close();
});

describe('timers on SQLite', () => {
  it('takes the earliest due timer (ties by id) out of the table, one at a time, and none of another system', () => {
    const db = createDb(':memory:');
    opened.push(db);
    const { systems, timers } = createStores(db);
    const one = systems.insert(testSystemRecord('timers-one'));
    const two = systems.insert(testSystemRecord('timers-two'));
    const late = timers.insert({ systemId: one, dueAt: 300, kind: 'k', ref: 'late', payload: { n: 3 } });
    const first = timers.insert({ systemId: one, dueAt: 100, kind: 'k', ref: 'a', payload: { n: 1 } });
    const tie = timers.insert({ systemId: one, dueAt: 100, kind: 'k', ref: 'b', payload: null });
    timers.insert({ systemId: two, dueAt: 50, kind: 'k', ref: 'other', payload: null });

    expect(timers.takeNextDue(one, 200)).toEqual({
      timerId: first,
      systemId: one,
      dueAt: 100,
      kind: 'k',
      ref: 'a',
      payload: { n: 1 },
    });
    expect(timers.takeNextDue(one, 200)?.timerId).toBe(tie);
    expect(timers.takeNextDue(one, 200)).toBeUndefined();
    expect(timers.count(one)).toBe(1);
    expect(timers.earliest(one)?.timerId).toBe(late);
    expect(timers.count(two)).toBe(1);
  });
});
