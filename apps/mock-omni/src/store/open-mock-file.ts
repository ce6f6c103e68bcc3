/**
 * Opens a mock database, or a file of `omni-mock system export`, to read it and tells what it is, without changing it:
 * no migration, no change of journal mode, nothing written. An exclusive-mode connection like the mock's own, tried
 * without waiting (a running mock's lock answers at once): no -shm, and SQLite removes the empty -wal it may open when
 * the connection closes. A -wal (or a rollback -journal) that already holds changes is not opened at all, since
 * reading or closing would move them into the file. The connection is not a read-only one, which would leave a -wal
 * and a -shm beside a WAL file; it may write but never does.
 *
 * @module
 */

import { statSync } from 'node:fs';
import Database from 'better-sqlite3';
import { MIGRATIONS_FOLDER } from './create-db.js';
import { knownSchema, schemaStanding } from './schema-version.js';

/** What a file is, for a transfer: only `current` comes with an open connection (the caller closes it). */
export type MockFile =
  /** A mock database with exactly this build's migrations. */
  | { kind: 'current'; sqlite: Database.Database }
  /** Written by an OmniKit whose migrations this build lacks (`versions` names both), or that lacks some of ours. */
  | { kind: 'newer' | 'older'; versions: string }
  /** An SQLite file without a single table (a new, empty database). */
  | { kind: 'empty' }
  /** An SQLite file with tables, none of them the mock's. */
  | { kind: 'not-mock' }
  /** Not an SQLite file (`detail`: SQLite's words). */
  | { kind: 'not-sqlite'; detail: string }
  /** Locked by another connection: a mock runs on it. */
  | { kind: 'in-use' }
  /** Its -wal (or -journal) holds changes not yet in the file: a mock runs on it, or one stopped without closing it. */
  | { kind: 'unsaved'; beside: string }
  | { kind: 'unreadable'; detail: string };

/**
 * What the existing SQLite file `path` is. Closes what it opened unless the file is `current`.
 *
 * @example
 * const file = openMockFile('.omnikit/omni.db');
 * if (file.kind === 'current') try { read(file.sqlite) } finally { file.sqlite.close() }
 */
export function openMockFile(path: string): MockFile {
  for (const beside of [`${path}-wal`, `${path}-journal`])
    if ((statSync(beside, { throwIfNoEntry: false })?.size ?? 0) > 0) return { kind: 'unsaved', beside };
  let sqlite: Database.Database | undefined;
  try {
    sqlite = new Database(path, { fileMustExist: true, timeout: 0 });
    sqlite.pragma('locking_mode = EXCLUSIVE');
    const found = kindOf(sqlite);
    if (found.kind === 'current') sqlite = undefined;
    return found;
  } catch (error) {
    const code = String((error as { code?: unknown }).code);
    if (code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED') return { kind: 'in-use' };
    if (code === 'SQLITE_NOTADB' || code.startsWith('SQLITE_CORRUPT'))
      return { kind: 'not-sqlite', detail: (error as Error).message };
    return { kind: 'unreadable', detail: (error as Error).message };
  } finally {
    sqlite?.close();
  }
}

function kindOf(sqlite: Database.Database): MockFile {
  const tables = new Set(
    sqlite.prepare("SELECT name FROM sqlite_schema WHERE type = 'table'").pluck().all() as string[],
  );
  if (tables.size === 0) return { kind: 'empty' };
  if (!tables.has('__drizzle_migrations') || !tables.has('systems')) return { kind: 'not-mock' };
  const { standing, file, ours } = schemaStanding(sqlite, knownSchema(MIGRATIONS_FOLDER));
  if (standing === 'current') return { kind: 'current', sqlite };
  return { kind: standing, versions: `(${file}) than this one (${ours})` };
}
