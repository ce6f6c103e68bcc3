import { and, asc, count, eq, lte, sql } from 'drizzle-orm';
import type { TimerRecord, TimerStore } from '../engine/ports.js';
import type { Db } from './create-db.js';
import { timers } from './schema/index.js';

type Row = typeof timers.$inferSelect;
const toRecord = (r: Row): TimerRecord => ({ ...r, payload: JSON.parse(r.payload) as unknown });

export function createTimerRepository(db: Db): TimerStore {
  const s = sql.placeholder('systemId');
  const nextDue = db
    .select()
    .from(timers)
    .where(and(eq(timers.systemId, s), lte(timers.dueAt, sql.placeholder('upTo'))))
    .orderBy(asc(timers.dueAt), asc(timers.timerId))
    .limit(1)
    .prepare();
  const earliest = db
    .select()
    .from(timers)
    .where(eq(timers.systemId, s))
    .orderBy(asc(timers.dueAt), asc(timers.timerId))
    .limit(1)
    .prepare();
  const countOf = db.select({ n: count() }).from(timers).where(eq(timers.systemId, s)).prepare();
  return {
    insert(t) {
      return db
        .insert(timers)
        .values({
          systemId: t.systemId,
          dueAt: t.dueAt,
          kind: t.kind,
          ref: t.ref,
          payload: JSON.stringify(t.payload ?? null),
        })
        .returning({ id: timers.timerId })
        .get().id;
    },
    nextDue(systemId, upTo) {
      const r = nextDue.get({ systemId, upTo });
      return r ? toRecord(r) : undefined;
    },
    earliest(systemId) {
      const r = earliest.get({ systemId });
      return r ? toRecord(r) : undefined;
    },
    delete: (timerId) => db.delete(timers).where(eq(timers.timerId, timerId)).run().changes > 0,
    cancel: (systemId, kind, ref) =>
      db
        .delete(timers)
        .where(and(eq(timers.systemId, systemId), eq(timers.kind, kind), eq(timers.ref, ref)))
        .run().changes,
    count: (systemId) => countOf.get({ systemId })?.n ?? 0,
    systemsWithTimers: () =>
      db
        .selectDistinct({ id: timers.systemId })
        .from(timers)
        .all()
        .map((r) => r.id),
  };
}
