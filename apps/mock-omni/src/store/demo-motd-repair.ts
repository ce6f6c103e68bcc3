/**
 * Keeps the demo's Click-2-Dial message of the day true to the mode the mock runs in. With magic numbers it names one
 * (`0800555008 answers after a second`); under `--strict` that number is an ordinary one, so a database seeded without
 * `--strict` and opened with it would tell every agent at login to dial a number that does nothing special. Each time
 * the mock opens a database it swaps the other mode's demo text for this mode's (both in `CLICK_2_DIAL_MOTD`), and it
 * is a no-op once done. It changes only campaign 1 and only while its message is still exactly the text a seed wrote:
 * a message a user set (on that campaign or any other) is theirs and is never touched.
 *
 * The text is stored rather than swapped when it is served: every reader (the campaign's JSON served as stored text,
 * the campaign list, the login's `detail`) then sees the same value, and a message a user edits is stored as written.
 *
 * @module
 */

import type Database from 'better-sqlite3';
import { CLICK_2_DIAL_MOTD } from '../engine/systems/demo-data.js';

/** The demo campaign whose message names a magic number (the first campaign each demo seed writes). */
const CLICK_2_DIAL_CAMPAIGN_ID = 1;

/**
 * Rewrites, in every system of the database, the demo Click-2-Dial message of the day the other mode seeded into the
 * one `magicNumbers` calls for; returns how many campaigns it changed.
 *
 * @example alignDemoMessageOfTheDay(open.sqlite, { magicNumbers: !options.strict })
 */
export function alignDemoMessageOfTheDay(sqlite: Database.Database, mode: { magicNumbers: boolean }): number {
  const from = mode.magicNumbers ? CLICK_2_DIAL_MOTD.strict : CLICK_2_DIAL_MOTD.magic;
  const to = mode.magicNumbers ? CLICK_2_DIAL_MOTD.magic : CLICK_2_DIAL_MOTD.strict;
  const seeded = sqlite
    .prepare<[number, string], { systemId: number; settings: string }>(
      `SELECT system_id AS systemId, settings FROM campaigns
         WHERE campaign_id = ? AND json_valid(settings) AND json_extract(settings, '$.message_of_the_day') = ?`,
    )
    .all(CLICK_2_DIAL_CAMPAIGN_ID, from);
  if (seeded.length === 0) return 0;
  // Parsed and written again as the campaign repository writes settings (JSON.stringify), keys in their order.
  const write = sqlite.prepare<[string, number, number]>(
    'UPDATE campaigns SET settings = ? WHERE system_id = ? AND campaign_id = ?',
  );
  sqlite.transaction(() => {
    for (const row of seeded) {
      const settings = JSON.parse(row.settings) as Record<string, unknown>;
      settings.message_of_the_day = to;
      write.run(JSON.stringify(settings), row.systemId, CLICK_2_DIAL_CAMPAIGN_ID);
    }
  })();
  return seeded.length;
}
