import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { MIGRATIONS_FOLDER } from '../../src/store/create-db.js';

/**
 * A database file as an older mock left it, for a migration's test: migrated up to (not
 * including) migration `before`, from a copy of the migrations whose journal stops there, with
 * `systems` rows 1…`systems` (keys `key-1`…, the first the default). The caller writes the rows the
 * migration must carry, closes it, and opens the file with `createDb` to run the rest.
 */
export function databaseBefore(dir: string, before: number, file: string, systems = 1): Database.Database {
  const migrations = join(dir, `migrations-before-${before}`);
  cpSync(MIGRATIONS_FOLDER, migrations, { recursive: true });
  const journalPath = join(migrations, 'meta', '_journal.json');
  const journal = JSON.parse(readFileSync(journalPath, 'utf8')) as { entries: { idx: number }[] };
  journal.entries = journal.entries.filter((e) => e.idx < before);
  writeFileSync(journalPath, JSON.stringify(journal));
  const sqlite = new Database(file);
  migrate(drizzle(sqlite), { migrationsFolder: migrations });
  insertSystems(sqlite, systems);
  return sqlite;
}

/** Rows 1…n of `systems` (keys `key-1`…, the first the default), manual clocks at 0. */
export function insertSystems(sqlite: Database.Database, n: number): void {
  const insert = sqlite.prepare(
    `INSERT INTO systems (system_key, is_default, seed, clock_mode, clock_scale, clock_virtual_anchor,
       clock_wall_anchor, clock_start, office_hours, token_lifetime_ms, created_at)
     VALUES (?, ?, 1, 'manual', 1, 0, 0, 0, '{}', 1, 0)`,
  );
  for (let i = 1; i <= n; i++) insert.run(`key-${i}`, i === 1 ? 1 : 0);
}
