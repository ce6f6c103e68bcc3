import { sql } from 'drizzle-orm';
import { index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { systems } from './systems.js';

/**
 * What the dialler keeps per lead beside the lead itself: when it may dial it next
 * (`due_at`, computed by the engine; null: never again), whether a number is high priority (the
 * first key of "the next lead"), and who holds it (a call in progress, an agent's preview). A side
 * table, so the directory's lead writes stay as they are: a lead gets its row the first time the
 * dialler looks at its list, with its initial `due_at` (the first number's schedule, else its
 * creation).
 */
export const diallerLeads = sqliteTable(
  'dialler_leads',
  {
    systemId: integer('system_id')
      .notNull()
      .references(() => systems.systemId, { onDelete: 'cascade' }),
    leadId: integer('lead_id').notNull(),
    listId: integer('list_id').notNull(),
    /** 1 when one of the lead's numbers is `high_priority`. */
    priority: integer('priority').notNull(),
    /** Virtual epoch ms; null: never to be dialled again. */
    dueAt: integer('due_at'),
    /** `call:<id>` or `user:<id>`; null when free. */
    holder: text('holder'),
  },
  (t) => [
    primaryKey({ columns: [t.systemId, t.leadId] }),
    index('dialler_leads_next')
      .on(t.systemId, t.listId, t.priority, t.dueAt, t.leadId)
      .where(sql`${t.holder} IS NULL AND ${t.dueAt} IS NOT NULL`),
  ],
);
