/**
 * Puts right, in a database an older mock wrote, the messaging demo data that mock seeded wrongly: its demo WhatsApp
 * templates were stored with `variable_count` 2 whatever their bodies held, and `spring_sale` has one placeholder.
 * It runs each time the mock opens a database and is a no-op once done; it changes only a row that is still exactly
 * as the older seed wrote it (the demo's name, language, category and body, and the old count), never a template a
 * user created (the mock has always counted those from their bodies).
 *
 * @module
 */

import type Database from 'better-sqlite3';
import { DEMO_TEMPLATES } from '../engine/messaging/messaging-demo-data.js';
import { templateVariableCount } from '../engine/messaging/whatsapp-template.js';

/** What the older seed stored as every demo template's `variable_count`. */
const OLD_SEEDED_VARIABLE_COUNT = 2;

/** Corrects the seeded demo templates of every system in the database; returns how many rows it changed. */
export function repairMessagingDemoData(sqlite: Database.Database): number {
  const fix = sqlite.prepare<[number, string, string, string, string, number]>(
    `UPDATE message_templates SET variable_count = ?
       WHERE template_name = ? AND language = ? AND category = ? AND body = ? AND variable_count = ?`,
  );
  let changed = 0;
  for (const t of DEMO_TEMPLATES) {
    const count = templateVariableCount(t.body);
    if (count === OLD_SEEDED_VARIABLE_COUNT) continue;
    changed += fix.run(count, t.name, t.language, t.category, t.body, OLD_SEEDED_VARIABLE_COUNT).changes;
  }
  return changed;
}
