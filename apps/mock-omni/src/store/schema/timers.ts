import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { systems } from './systems.js';

/**
 * Durable timers: what falls due on a system's virtual clock (ring, answer, wrap-up, webhook
 * retry…). `timer_id` orders timers due at the same instant.
 */
export const timers = sqliteTable(
  'timers',
  {
    timerId: integer('timer_id').primaryKey({ autoIncrement: true }),
    systemId: integer('system_id')
      .notNull()
      .references(() => systems.systemId, { onDelete: 'cascade' }),
    dueAt: integer('due_at').notNull(),
    kind: text('kind').notNull(),
    /** Lets a handler find and cancel its timers (e.g. a call id); empty when unused. */
    ref: text('ref').notNull().default(''),
    payload: text('payload').notNull(),
  },
  (t) => [index('timers_due').on(t.systemId, t.dueAt, t.timerId), index('timers_ref').on(t.systemId, t.kind, t.ref)],
);
