/**
 * What the outbox tests (the in-memory reference and the SQLite outbox) say to an outbox port: a new row, delivering
 * claimed rows, reading ids back, and a claim query at a fixed time.
 *
 * @module
 */

import { expect } from 'vitest';
import type { NewOutboxRow, OutboxPort, OutboxRow } from '../../../src/notify/outbox-port.js';

export const now = () => 1_000;
/** A claim query (without its limit) that keeps each call's order, at `now`. */
export const ordered = { nowOf: now, unordered: () => false };

/** A pending `call_state` row of a call (null: of no call); its body names it. */
export function row(id: string, callId: number | null, systemId = 1, createdAt = 0): NewOutboxRow {
  return { id, systemId, callId, type: 'call_state', body: `{"id":"${id}"}`, state: 'pending', createdAt };
}

/** Completes claimed rows as delivered at the first attempt. */
export function deliver(outbox: OutboxPort, rows: OutboxRow[]): void {
  outbox.complete(
    rows.map((r) => ({
      update: { id: r.id, state: 'delivered', attempts: 1, nextAttemptAt: r.nextAttemptAt, firstAttemptAt: 0 },
      attempts: [],
    })),
  );
}

export const ids = (rows: OutboxRow[]) => rows.map((r) => r.id);

/**
 * What every outbox answers when listed (newest first, with filters and a total) and claimed (pending rows
 * only, every system's): the same assertions for the memory and the SQLite outbox. `otherSystem` is a
 * second system the outbox accepts rows of.
 */
export function expectListsNewestFirst(o: OutboxPort, otherSystem: number): void {
  o.insert(row('a1', 1));
  o.insert(row('a2', 1));
  o.insert(row('b1', 2));
  o.insert(row('x1', 1, otherSystem));
  o.insert({ ...row('n1', null), type: 'agent_state', state: 'no_endpoint' });
  expect(ids(o.list({ systemId: 1 }).rows)).toEqual(['n1', 'b1', 'a2', 'a1']);
  expect(o.list({ systemId: 1, callId: 1 })).toMatchObject({ total: 2 });
  expect(ids(o.list({ systemId: 1, state: 'no_endpoint' }).rows)).toEqual(['n1']);
  expect(ids(o.list({ systemId: 1, type: 'agent_state' }).rows)).toEqual(['n1']);
  expect(o.list({ systemId: 1, limit: 1 })).toMatchObject({
    total: 4,
    rows: [expect.objectContaining({ id: 'n1' })],
  });
  // Rows that are not pending are never claimed; every system's are.
  expect(ids(o.claimDue({ ...ordered, limit: 10 }))).toEqual(['a1', 'b1', 'x1']);
}
