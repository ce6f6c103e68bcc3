import { sql } from 'drizzle-orm';
import { index, integer, primaryKey, real, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { systems } from './systems.js';

/**
 * The columns of a lead. The active table and the archive table (A.7) share them, as VICIdial's
 * two lead tables do. Phone numbers are a JSON array (A.6's objects); the first one is also a
 * column, the deduplication key of bulk upload (B.8).
 */
function leadColumns() {
  return {
    systemId: integer('system_id')
      .notNull()
      .references(() => systems.systemId, { onDelete: 'cascade' }),
    leadId: integer('lead_id').notNull(),
    listId: integer('list_id').notNull(),
    firstName: text('first_name').notNull().default(''),
    lastName: text('last_name').notNull().default(''),
    otherInfo: text('other_info').notNull().default(''),
    uniqueId: text('unique_id').notNull().default(''),
    leadProvider: text('lead_provider').notNull().default(''),
    cost: real('cost'),
    title: text('title').notNull().default(''),
    email1: text('email_1').notNull().default(''),
    email2: text('email_2').notNull().default(''),
    messenger: text('messenger').notNull().default(''),
    addressLine1: text('address_line_1').notNull().default(''),
    addressLine2: text('address_line_2').notNull().default(''),
    city: text('city').notNull().default(''),
    province: text('province').notNull().default(''),
    postalCode: text('postal_code').notNull().default(''),
    callerId: text('caller_id').notNull().default(''),
    status: text('status').notNull().default('NEW'),
    attempts: integer('attempts').notNull().default(0),
    lastCallId: integer('last_call_id').notNull().default(0),
    /** Virtual epoch ms, or null. */
    lastCallAt: integer('last_call_at'),
    callbackAt: integer('callback_at'),
    phone1: text('phone_1').notNull(),
    /** JSON array of `{ phone_number, phone_type_id, time_zone_id, high_priority, schedule_call_at }`. */
    phones: text('phones').notNull(),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
  };
}

export const leads = sqliteTable('leads', leadColumns(), (t) => [
  primaryKey({ columns: [t.systemId, t.leadId] }),
  index('leads_list').on(t.systemId, t.listId, t.status),
  index('leads_phone').on(t.systemId, t.listId, t.phone1),
  // Partial indexes: most leads have no unique_id and are not DNC, so adding one touches neither.
  index('leads_unique_id').on(t.systemId, t.listId, t.uniqueId).where(sql`${t.uniqueId} <> ''`),
  index('leads_dnc').on(t.systemId).where(sql`${t.status} = 'DNC'`),
]);

export const archivedLeads = sqliteTable('archived_leads', leadColumns(), (t) => [
  primaryKey({ columns: [t.systemId, t.leadId] }),
]);
