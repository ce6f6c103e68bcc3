import { integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { systems } from './systems.js';

/** The WhatsApp template registry (B.12.4): one template per name and language. */
export const messageTemplates = sqliteTable(
  'message_templates',
  {
    systemId: integer('system_id')
      .notNull()
      .references(() => systems.systemId, { onDelete: 'cascade' }),
    templateId: integer('template_id').notNull(),
    templateName: text('template_name').notNull(),
    language: text('language').notNull(),
    category: text('category').notNull(),
    body: text('body').notNull(),
    variableCount: integer('variable_count').notNull(),
    status: text('status').notNull(),
    rejectedReason: text('rejected_reason').notNull(),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.systemId, t.templateId] }),
    uniqueIndex('message_templates_name').on(t.systemId, t.templateName, t.language),
  ],
);
