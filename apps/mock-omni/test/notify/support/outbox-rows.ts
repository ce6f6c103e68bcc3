/**
 * What the outbox tests (the in-memory reference and the SQLite outbox) say to an outbox port: a new row, delivering
 * claimed rows, reading ids back, and a claim query at a fixed time.
 *
 * @module
 */

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
