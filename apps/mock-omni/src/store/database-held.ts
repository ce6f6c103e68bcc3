import { existsSync } from 'node:fs';
import Database from 'better-sqlite3';

/**
 * Whether another connection holds SQLite's lock on the file right now: a running mock keeps an
 * exclusive lock on its database from its first read to its close. Tried without waiting, with an
 * exclusive-mode connection like the mock's own (no -shm; SQLite removes the -wal it may open when
 * it closes). A file that does not exist is held by nobody; a file SQLite cannot read for another
 * reason counts as held, so that the caller falls back to what else it knows.
 */
export function databaseHeld(path: string): boolean {
  if (!existsSync(path)) return false;
  let sqlite: Database.Database | undefined;
  try {
    sqlite = new Database(path, { fileMustExist: true, timeout: 0 });
    sqlite.pragma('locking_mode = EXCLUSIVE');
    sqlite.prepare('SELECT count(*) FROM sqlite_schema').get();
    return false;
  } catch {
    return true;
  } finally {
    sqlite?.close();
  }
}
