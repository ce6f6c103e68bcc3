import { MinHeap } from '../engine/min-heap.js';
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
 * The outbox in memory: the port's reference implementation, used by tests and the bench. Each
 * system keeps its pending rows, a queue per call (oldest first) and a heap of the rows that may
 * go next (the head of each call's queue, every row of no call) by due time; heap entries are
 * checked when they surface, so a row that changed since it was pushed is simply skipped.
 */

interface Entry {
  row: OutboxRow;
  at: number;
  seq: number;
}

interface SystemIndex {
  pending: Set<OutboxRow>;
  callQueues: Map<number, OutboxRow[]>;
  heap: MinHeap<Entry>;
}

const byDue = (a: Entry, b: Entry) => a.at < b.at || (a.at === b.at && a.seq < b.seq);

export function createMemoryOutbox(): OutboxPort {
  const rows = new Map<string, OutboxRow>();
  const log = new Map<string, AttemptRecord[]>();
  const systems = new Map<number, SystemIndex>();
  const claimed = new Set<string>();
  let seq = 0;

  const indexOf = (systemId: number): SystemIndex => {
    let s = systems.get(systemId);
    if (!s) {
      s = { pending: new Set(), callQueues: new Map(), heap: new MinHeap(byDue) };
      systems.set(systemId, s);
    }
    return s;
  };

  const isHead = (s: SystemIndex, row: OutboxRow) => row.callId === null || s.callQueues.get(row.callId)?.[0] === row;
  const pushEligible = (s: SystemIndex, row: OutboxRow) => s.heap.push({ row, at: row.nextAttemptAt, seq: row.seq });

  const addPending = (row: OutboxRow) => {
    const s = indexOf(row.systemId);
    s.pending.add(row);
    if (row.callId !== null) {
      const queue = s.callQueues.get(row.callId) ?? [];
      let i = queue.length;
      while (i > 0 && (queue[i - 1] as OutboxRow).seq > row.seq) i--;
      queue.splice(i, 0, row);
      s.callQueues.set(row.callId, queue);
      if (i !== 0) return;
    }
    pushEligible(s, row);
  };

  const removePending = (row: OutboxRow) => {
    const s = indexOf(row.systemId);
    s.pending.delete(row);
    if (row.callId === null) return;
    const queue = s.callQueues.get(row.callId);
    if (!queue) return;
    const i = queue.indexOf(row);
    if (i >= 0) queue.splice(i, 1);
    if (queue.length === 0) s.callQueues.delete(row.callId);
    else if (i === 0 && !claimed.has((queue[0] as OutboxRow).id)) pushEligible(s, queue[0] as OutboxRow);
  };

  /** Drops heap entries that no longer stand for a claimable row; returns the valid top. */
  const cleanTop = (s: SystemIndex): Entry | undefined => {
    for (;;) {
      const top = s.heap.peek();
      if (!top) return undefined;
      const r = top.row;
      if (r.state === 'pending' && top.at === r.nextAttemptAt && !claimed.has(r.id) && isHead(s, r)) return top;
      s.heap.pop();
    }
  };

  const claim = (row: OutboxRow, out: OutboxRow[]) => {
    claimed.add(row.id);
    out.push({ ...row });
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
      if (row.state === 'pending') addPending(row);
      return { ...row };
    },

    claimDue(query: ClaimQuery): OutboxRow[] {
      const out: OutboxRow[] = [];
      for (const [systemId, s] of systems) {
        if (out.length >= query.limit) break;
        if (s.pending.size === 0) continue;
        const now = query.nowOf(systemId);
        if (query.unordered(systemId)) {
          const due = [...s.pending]
            .filter((r) => !claimed.has(r.id) && r.nextAttemptAt <= now)
            .sort((a, b) => a.nextAttemptAt - b.nextAttemptAt || a.seq - b.seq)
            .slice(0, query.limit - out.length);
          for (const r of due) claim(r, out);
          continue;
        }
        while (out.length < query.limit) {
          const top = cleanTop(s);
          if (!top || top.at > now) break;
          s.heap.pop();
          claim(top.row, out);
        }
      }
      return out;
    },

    complete(completions: readonly Completion[]): void {
      for (const { update, attempts } of completions) {
        const row = rows.get(update.id);
        if (!row) throw new Error(`notification ${update.id} is not in the outbox`);
        claimed.delete(row.id);
        if (attempts.length > 0) log.set(row.id, [...(log.get(row.id) ?? []), ...attempts]);
        const wasPending = row.state === 'pending';
        row.state = update.state;
        row.attempts = update.attempts;
        row.nextAttemptAt = update.nextAttemptAt;
        row.firstAttemptAt = update.firstAttemptAt;
        const s = indexOf(row.systemId);
        if (row.state === 'pending') {
          if (isHead(s, row)) pushEligible(s, row);
        } else if (wasPending) removePending(row);
      }
    },

    release(ids: readonly string[]): void {
      for (const id of ids) {
        const row = rows.get(id);
        if (!row || !claimed.delete(id)) continue;
        const s = indexOf(row.systemId);
        if (row.state === 'pending' && isHead(s, row)) pushEligible(s, row);
      }
    },

    earliestDue(unordered: (systemId: number) => boolean): Map<number, number> {
      const out = new Map<number, number>();
      for (const [systemId, s] of systems) {
        if (s.pending.size === 0) continue;
        if (unordered(systemId)) {
          let min = Number.POSITIVE_INFINITY;
          for (const r of s.pending) if (!claimed.has(r.id) && r.nextAttemptAt < min) min = r.nextAttemptAt;
          if (min < Number.POSITIVE_INFINITY) out.set(systemId, min);
          continue;
        }
        const top = cleanTop(s);
        if (top) out.set(systemId, top.at);
      }
      return out;
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
        addPending(row);
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
