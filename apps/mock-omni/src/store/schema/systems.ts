import { integer, real, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/** One Omni system (tenant): its key, seed, clock snapshot and settings. */
export const systems = sqliteTable('systems', {
  systemId: integer('system_id').primaryKey({ autoIncrement: true }),
  systemKey: text('system_key').notNull().unique(),
  isDefault: integer('is_default', { mode: 'boolean' }).notNull().default(false),
  seed: integer('seed').notNull(),
  clockMode: text('clock_mode', { enum: ['real', 'scaled', 'manual'] }).notNull(),
  clockScale: real('clock_scale').notNull().default(1),
  /** Virtual epoch ms at `clockWallAnchor`. */
  clockVirtualAnchor: integer('clock_virtual_anchor').notNull(),
  clockWallAnchor: integer('clock_wall_anchor').notNull(),
  /** Where the clock started (a reset starts it there again). */
  clockStart: integer('clock_start').notNull(),
  /** JSON: the control API's office hours. */
  officeHours: text('office_hours').notNull(),
  tokenLifetimeMs: integer('token_lifetime_ms').notNull(),
  /** The variation the system plays, as `--vary` text; null: it follows the mock's `--vary`. */
  vary: text('vary'),
  /** Wall epoch ms. */
  createdAt: integer('created_at').notNull(),
});
