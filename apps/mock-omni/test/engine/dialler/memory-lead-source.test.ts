import { describe, expect, it } from 'vitest';
import { createMemoryLeadSource } from '../../support/memory-lead-source.js';
import { DAY_START, lead, phone } from './support/fixtures.js';
import { describeLeadSource } from './support/lead-source-contract.js';

describeLeadSource('in memory', (leads, dnc) => {
  const s = createMemoryLeadSource({ dnc });
  for (const l of leads) s.put(l);
  return s;
});

describe('memory lead source: the index under churn', () => {
  it('offers the same order as a sort of every due, unheld lead, through 2,000 random changes', () => {
    const s = createMemoryLeadSource();
    const model = new Map<number, { dueAt: number | null; priority: boolean; held: boolean; listId: number }>();
    let x = 12345;
    const rand = (n: number) => {
      x = (x * 1103515245 + 12345) % 2147483648;
      return x % n;
    };
    for (let i = 1; i <= 200; i++) {
      const priority = rand(10) === 0;
      const dueAt = DAY_START + rand(100);
      const listId = 1 + rand(2);
      s.put(lead(i, [phone(`0821${String(i).padStart(6, '0')}`, { high_priority: priority })], { dueAt, listId }));
      model.set(i, { dueAt, priority, held: false, listId });
    }
    for (let step = 0; step < 2_000; step++) {
      const id = 1 + rand(200);
      const m = model.get(id) as { dueAt: number | null; priority: boolean; held: boolean; listId: number };
      const op = rand(3);
      if (op === 0 && !m.held) {
        s.hold(id, 'x');
        m.held = true;
      } else if (op === 1 && m.held) {
        s.release(id);
        m.held = false;
      } else {
        const dueAt = rand(5) === 0 ? null : DAY_START + rand(100);
        s.save({ ...(s.get(id) as ReturnType<typeof lead>), dueAt });
        m.dueAt = dueAt;
      }
      const now = DAY_START + rand(100);
      const lists = rand(2) === 0 ? [1] : [1, 2];
      const expected = [...model]
        .filter(([, v]) => !v.held && v.dueAt !== null && v.dueAt <= now && lists.includes(v.listId))
        .sort(
          ([ia, a], [ib, b]) =>
            Number(b.priority) - Number(a.priority) || (a.dueAt as number) - (b.dueAt as number) || ia - ib,
        )[0]?.[0];
      expect(s.next(lists, now)?.leadId).toBe(expected);
    }
  });
});
