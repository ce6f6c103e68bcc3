import { type CallOpening, OutboxIndex } from './outbox-index.js';
import type {
  AttemptRecord,
  ClaimQuery,
  Completion,
  DeliveryFilter,
  NewOutboxRow,
  OutboxPort,
  OutboxRow,
} from './outbox-port.js';

/**
 * The outbox in memory: the port's reference implementation, used by tests and the bench. Every
 * row is kept here; the pending ones are also the entries of the ordering index (outbox-index.ts),
 * which answers what is due.
 */
export function createMemoryOutbox(): OutboxPort {
  const rows = new Map<string, OutboxRow>();
  const log = new Map<string, AttemptRecord[]>();
  const index = new OutboxIndex<OutboxRow>();
  let seq = 0;

  const opening = (systemId: number, callId: number): CallOpening | undefined => {
    const of = [...rows.values()].filter((r) => r.systemId === systemId && r.callId === callId);
    of.sort((a, b) => a.seq - b.seq);
    const [first, second] = of;
    if (!first) return undefined;
    return { firstSeq: first.seq, second: second ? { seq: second.seq, state: second.state } : undefined };
  };

  return {
    insert(input: NewOutboxRow): OutboxRow {
      if (rows.has(input.id)) throw new Error(`notification ${input.id} is already in the outbox`);
      const row: OutboxRow = {
        id: input.id,
        systemId: input.systemId,
        callId: input.callId,
        seq: ++seq,
        type: input.type,
        body: input.body,
        state: input.state,
        attempts: 0,
        round: 0,
        nextAttemptAt: input.nextAttemptAt ?? input.createdAt,
        firstAttemptAt: null,
        createdAt: input.createdAt,
      };
      rows.set(row.id, row);
      if (row.state === 'pending') index.track(row);
      return { ...row };
    },

    claimDue(query: ClaimQuery): OutboxRow[] {
      return index.claimDue(query, (row) => ({ ...row }), opening);
    },

    complete(completions: readonly Completion[]): void {
      for (const { update, attempts } of completions) {
        const row = rows.get(update.id);
        if (!row) throw new Error(`notification ${update.id} is not in the outbox`);
        if (attempts.length > 0) log.set(row.id, [...(log.get(row.id) ?? []), ...attempts]);
        row.state = update.state;
        row.attempts = update.attempts;
        row.nextAttemptAt = update.nextAttemptAt;
        row.firstAttemptAt = update.firstAttemptAt;
        if (row.state === 'pending') index.reschedule(row.id, row.nextAttemptAt);
        else index.untrack(row.id);
      }
    },

    release(ids: readonly string[]): void {
      for (const id of ids) index.release(id);
    },

    earliestDue(
      unordered: (systemId: number) => boolean,
      swapped?: (systemId: number) => boolean,
    ): Map<number, number> {
      return index.earliestDue(unordered, swapped, opening);
    },

    requeue(ids: readonly string[], at: number): void {
      for (const id of ids) {
        const row = rows.get(id);
        if (!row || row.state === 'pending') continue;
        row.state = 'pending';
        row.round += 1;
        row.attempts = 0;
        row.firstAttemptAt = null;
        row.nextAttemptAt = at;
        index.track(row);
      }
    },

    get(id: string): OutboxRow | undefined {
      const row = rows.get(id);
      return row ? { ...row } : undefined;
    },

    list(filter: DeliveryFilter): { rows: OutboxRow[]; total: number } {
      const found: OutboxRow[] = [];
      for (const row of rows.values()) {
        if (row.systemId !== filter.systemId) continue;
        if (filter.callId !== undefined && row.callId !== filter.callId) continue;
        if (filter.state !== undefined && row.state !== filter.state) continue;
        if (filter.type !== undefined && row.type !== filter.type) continue;
        found.push(row);
      }
      found.sort((a, b) => b.seq - a.seq);
      return { rows: found.slice(0, filter.limit ?? 100).map((r) => ({ ...r })), total: found.length };
    },

    attempts(id: string): AttemptRecord[] {
      return [...(log.get(id) ?? [])];
    },
  };
}
