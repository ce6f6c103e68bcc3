import Database from 'better-sqlite3';
import { type KnownSchema, schemaStanding } from './schema-version.js';

/**
 * What `quick_check` of one row costs, measured: 1,000,000 leads (178 MiB with the demo data) in
 * 0.8-1.7 s on the shared 2-core dev box, with their four indexes. A table whose rows would overrun the
 * budget at this rate is not started.
 */
export const CHECK_MS_PER_ROW = 0.001;

export type Inspection =
  | { ok: true; tablesChecked: number; tables: number; skipped: string[]; ms: number }
  | { ok: false; problem: string };

export interface InspectOptions {
  /** The migrations this build ships. */
  schema: KnownSchema;
  /**
   * Wall-clock ms the integrity check may take: tables are checked smallest first, and none is
   * started that would overrun the budget at `CHECK_MS_PER_ROW` (damage there shows up at run
   * time, as a 503, when read).
   */
  budgetMs: number;
  /** The wall clock (injected for tests). */
  now?: () => number;
}

/**
 * Looks inside an existing database before the mock opens it for real: is another process holding
 * it, was it written by a newer OmniKit, is it corrupt. Reads only: the connection takes SQLite's
 * exclusive lock without waiting (a held lock answers at once), keeps its WAL index in memory (no
 * -shm), and SQLite removes the empty -wal it opens when the connection closes, so the file is left
 * byte for byte as it was. The caller has already made sure the file exists and is writable.
 */
export function inspectDatabase(path: string, shown: string, options: InspectOptions): Inspection {
  const now = options.now ?? Date.now;
  let sqlite: Database.Database | undefined;
  try {
    sqlite = new Database(path, { fileMustExist: true, timeout: 0 });
    sqlite.pragma('locking_mode = EXCLUSIVE');
    const tables = (
      sqlite.prepare("SELECT name FROM sqlite_schema WHERE type = 'table'").all() as { name: string }[]
    ).map((t) => t.name);
    if (tables.includes('__drizzle_migrations')) {
      const newer = newerSchema(sqlite, shown, options.schema);
      if (newer) return { ok: false, problem: newer };
    }
    const started = now();
    const bySize = tables
      .map((name) => ({ name, rows: estimatedRows(sqlite as Database.Database, name) }))
      .sort((a, b) => a.rows - b.rows);
    let checked = 0;
    const skipped: string[] = [];
    for (const { name, rows } of bySize) {
      if (skipped.length > 0 || now() - started + rows * CHECK_MS_PER_ROW > options.budgetMs) {
        skipped.push(name);
        continue;
      }
      const found = sqlite.pragma(`quick_check(${quoteIdentifier(name)})`) as { quick_check: string }[];
      const first = found[0]?.quick_check ?? 'ok';
      if (first !== 'ok') return { ok: false, problem: corrupt(shown, first) };
      checked++;
    }
    return { ok: true, tablesChecked: checked, tables: tables.length, skipped, ms: now() - started };
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED') {
      return {
        ok: false,
        problem: `--db ${shown} is locked by another process (a mock started without this check, or another program): stop it or give another --db`,
      };
    }
    if (typeof code === 'string' && (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB')) {
      return { ok: false, problem: corrupt(shown, (error as Error).message) };
    }
    return {
      ok: false,
      problem: `cannot read --db ${shown} (${typeof code === 'string' ? `${code}: ` : ''}${(error as Error).message}): give another --db`,
    };
  } finally {
    sqlite?.close();
  }
}

function corrupt(shown: string, what: string): string {
  return `--db ${shown} is corrupt (${what.replace(/\s+/g, ' ')}): restore a copy, or start from fresh demo data with --reset (deletes it)`;
}

/** A migration applied to the file that this build does not ship: a newer (or another) OmniKit wrote it. */
function newerSchema(sqlite: Database.Database, shown: string, schema: KnownSchema): string | undefined {
  const { standing, file, ours } = schemaStanding(sqlite, schema);
  if (standing !== 'newer') return undefined;
  return `--db ${shown} was written by a newer OmniKit (${file}) than this one (${ours}): run the newer omni-mock, or give another --db`;
}

/** Rows by the largest rowid (a B-tree descent, not a count); tables without rowid count as large. */
function estimatedRows(sqlite: Database.Database, table: string): number {
  try {
    const row = sqlite.prepare(`SELECT max(rowid) AS n FROM ${quoteIdentifier(table)}`).get() as { n: number | null };
    return Number(row.n ?? 0);
  } catch (error) {
    const code = String((error as { code?: unknown }).code);
    if (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB') throw error;
    return Number.MAX_SAFE_INTEGER;
  }
}

function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}
