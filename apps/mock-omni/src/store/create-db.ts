import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { type BetterSQLite3Database, drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { PACKAGE_ROOT } from '../package-root.js';
import { installReadBarrier } from './pending-writes.js';
import * as schema from './schema/index.js';
import { encodeVersion } from './schema-version.js';
import { trackRollbacks } from './write-epoch.js';

export type Db = BetterSQLite3Database<typeof schema>;

export interface OpenDb {
  sqlite: Database.Database;
  db: Db;
  close(): void;
}

/** The committed drizzle-kit migrations, in the package's folder (found from src/, dist/ or the CLI's bundle), not the cwd. */
export const MIGRATIONS_FOLDER = join(PACKAGE_ROOT, 'drizzle');

/**
 * Opens (creating when needed) the mock's SQLite database and applies the migrations. WAL and
 * `synchronous=NORMAL`: a crash may lose the last transactions but never corrupts the file, and
 * inserts cost a third of `FULL`'s. Foreign keys on (deleting a system cascades).
 */
export function createDb(path: string): OpenDb {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const sqlite = new Database(path);
  trackRollbacks(sqlite);
  installReadBarrier(sqlite);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  // Checkpoints: SQLite's automatic ones until the stores take over (store/checkpoint-policy.ts).
  // Every command runs in a savepoint of the group commit's transaction, and a savepoint keeps the
  // first version of each page it changes in a sub-journal: in memory, not in a temporary file
  // written at every command.
  sqlite.pragma('temp_store = MEMORY');
  // One mock owns its file: exclusive locking keeps the WAL index in memory (no shared-memory
  // locks per statement) and stops a second mock from opening the same file by mistake.
  if (path !== ':memory:') sqlite.pragma('locking_mode = EXCLUSIVE');
  const db = drizzle(sqlite, { schema });
  migrate(db, { migrationsFolder: MIGRATIONS_FOLDER });
  // Which OmniKit last opened the file: an older build that finds migrations it does not know
  // names this version when it refuses the file.
  const version = encodeVersion();
  if (sqlite.pragma('user_version', { simple: true }) !== version) sqlite.pragma(`user_version = ${version}`);
  let closed = false;
  return {
    sqlite,
    db,
    close() {
      if (closed) return;
      closed = true;
      if (path !== ':memory:') sqlite.pragma('wal_checkpoint(TRUNCATE)');
      sqlite.close();
    },
  };
}
