import { describe, expect, it } from 'vitest';
import type { DiallerLead, LeadSource } from '../../../../src/engine/dialler/lead-source.js';
import { DAY_START, lead, phone } from './fixtures.js';

/**
 * The behaviour every `LeadSource` must show, as a suite to run against each implementation: the
 * in-memory one here, the SQLite one at integration. `make` builds a source holding `leads` (in the
 * given order) with `dnc` on the system's DNC list.
 */
export function describeLeadSource(name: string, make: (leads: DiallerLead[], dnc: string[]) => LeadSource): void {
  const T = DAY_START;
  const p = (n: number, high = false) => phone(`08210000${String(n).padStart(2, '0')}`, { high_priority: high });

  describe(`LeadSource contract: ${name}`, () => {
    it('offers only due leads: high priority first, then the earliest dueAt, then the lowest id', () => {
      const s = make(
        [
          lead(5, [p(5)], { dueAt: T - 10 }),
          lead(3, [p(3)], { dueAt: T - 10 }),
          lead(4, [p(4)], { dueAt: T - 20 }),
          lead(9, [p(9, true)], { dueAt: T }),
          lead(8, [p(8, true)], { dueAt: T + 1 }), // priority, but not due yet
          lead(7, [p(7)], { dueAt: null }),
        ],
        [],
      );
      const order: number[] = [];
      for (let l = s.next([1], T); l; l = s.next([1], T)) {
        order.push(l.leadId);
        expect(s.hold(l.leadId, `call:${l.leadId}`)).toBe(true);
      }
      expect(order).toEqual([9, 4, 3, 5]);
      expect(s.next([1], T + 1)?.leadId).toBe(8);
    });

    it('keeps to the lists asked for', () => {
      const s = make([lead(1, [p(1)], { listId: 1 }), lead(2, [p(2)], { listId: 2, dueAt: T - 5 })], []);
      expect(s.next([1], T)?.leadId).toBe(1);
      expect(s.next([2], T)?.leadId).toBe(2);
      expect(s.next([1, 2], T)?.leadId).toBe(2);
      expect(s.next([3], T)).toBeUndefined();
    });

    it('never offers a held lead; a second hold fails; release offers it again', () => {
      const s = make([lead(1, [p(1)]), lead(2, [p(2)])], []);
      expect(s.hold(1, 'user:4')).toBe(true);
      expect(s.hold(1, 'call:9')).toBe(false);
      expect(s.holder(1)).toBe('user:4');
      expect(s.next([1], T)?.leadId).toBe(2);
      s.release(1);
      expect(s.holder(1)).toBeUndefined();
      expect(s.next([1], T)?.leadId).toBe(1);
    });

    it('saves the dialler’s changes; a lead with no dueAt is never offered and not remaining', () => {
      const s = make([lead(1, [p(1)]), lead(2, [p(2)], { dueAt: T + 5 })], []);
      expect(s.remaining([1])).toBe(2);
      const one = s.get(1) as DiallerLead;
      s.save({ ...one, status: 'NA', attempts: 1, lastCallId: 3, lastCallAt: T, dueAt: T + 100 });
      expect(s.get(1)).toMatchObject({ status: 'NA', attempts: 1, lastCallId: 3, lastCallAt: T, dueAt: T + 100 });
      expect(s.next([1], T)).toBeUndefined();
      expect(s.nextDueAt([1])).toBe(T + 5);
      expect(s.next([1], T + 100)?.leadId).toBe(2);
      s.save({ ...(s.get(2) as DiallerLead), status: 'SALE', dueAt: null });
      expect(s.remaining([1])).toBe(1);
      expect(s.nextDueAt([1])).toBe(T + 100);
    });

    it('tells when to look again: the earliest dueAt of leads not held', () => {
      const s = make([lead(1, [p(1)], { dueAt: T + 50 }), lead(2, [p(2)], { dueAt: T + 20 })], []);
      expect(s.nextDueAt([1])).toBe(T + 20);
      s.hold(2, 'user:1');
      expect(s.nextDueAt([1])).toBe(T + 50);
      s.hold(1, 'user:1');
      expect(s.nextDueAt([1])).toBeUndefined();
    });

    it('DNC: the system list, and every number of a lead whose status is DNC', () => {
      const s = make([lead(1, [p(1), p(2)]), lead(2, [p(3)])], [p(9).phone_number]);
      expect(s.isDnc(p(9).phone_number)).toBe(true);
      expect(s.isDnc(p(1).phone_number)).toBe(false);
      s.save({ ...(s.get(1) as DiallerLead), status: 'DNC', dueAt: null });
      expect([p(1), p(2), p(3)].map((x) => s.isDnc(x.phone_number))).toEqual([true, true, false]);
      // A lead restored from DNC (by the API) frees its numbers again.
      s.save({ ...(s.get(1) as DiallerLead), status: 'NEW', dueAt: T });
      expect(s.isDnc(p(1).phone_number)).toBe(false);
    });

    it('hands out copies: changing one changes nothing stored', () => {
      const s = make([lead(1, [p(1)])], []);
      const got = s.get(1) as DiallerLead;
      got.status = 'SALE';
      got.dueAt = null;
      expect(s.get(1)).toMatchObject({ status: 'NEW', dueAt: T });
      expect(s.next([1], T)?.leadId).toBe(1);
    });
  });
}
