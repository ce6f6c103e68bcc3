/**
 * Moves one system (tenant) between mock databases: export copies every row of the system into a standalone SQLite
 * file of its own (the mock's schema, that one system), import copies such a file into another database under a new
 * system id. This is how a system's data moves with it between the workers of a cluster, each of which numbers its
 * own systems; both files must be closed (a mock keeps its database locked while it runs).
 *
 * Rows are copied table by table from the schema itself (`sqlite_master`): a table with a `system_id` column by that
 * column, a table without one through its foreign key into a copied table (delivery attempts through their
 * notification). Ids a database gives out across all its systems (timers, outbox sequence, tokens, attempts) are given
 * anew on import, in the order they had; per-system ids (users, calls, leads…) keep their values.
 *
 * Every check comes before the first write. A source is only read (`open-mock-file.ts`): never migrated, so it must be
 * a mock database of this build's schema, or the file is refused with what to do; an import creates or opens its
 * target only once the export file and the target have been read and found fit. `:memory:` is refused: it keeps
 * nothing.
 *
 * @module
 */

import { existsSync, rmSync } from 'node:fs';
import type Database from 'better-sqlite3';
import { createDb } from './create-db.js';
import { type MockFile, openMockFile } from './open-mock-file.js';

export class SystemTransferError extends Error {}

export interface TransferResult {
  systemKey: string;
  /** Rows copied, all tables together. */
  rows: number;
}

interface Column {
  name: string;
  type: string;
  pk: number;
}

interface Table {
  name: string;
  columns: Column[];
  /** The column named `system_id`, when the table has one. */
  bySystem: boolean;
  /** A column the database assigns (a single INTEGER primary key other than `system_id`): given anew on import. */
  assigned: string | undefined;
  /** For a table without `system_id`: its foreign key into a copied table. */
  parent: { from: string; table: string; to: string } | undefined;
}

const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;

/** The mock's tables in `schema` ('main' or an attached name), parents before children. */
function tablesOf(sqlite: Database.Database, schema: string): Table[] {
  const names = sqlite
    .prepare(
      `SELECT name FROM ${schema}.sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '__drizzle%' ORDER BY name`,
    )
    .pluck()
    .all() as string[];
  const tables = names.map((name): Table => {
    const columns = sqlite.prepare(`PRAGMA ${schema}.table_info(${quote(name)})`).all() as Column[];
    const pks = columns.filter((c) => c.pk > 0);
    const only = pks.length === 1 ? pks[0] : undefined;
    const bySystem = columns.some((c) => c.name === 'system_id');
    const fk = bySystem
      ? undefined
      : (
          sqlite.prepare(`PRAGMA ${schema}.foreign_key_list(${quote(name)})`).all() as {
            table: string;
            from: string;
            to: string;
          }[]
        )[0];
    return {
      name,
      columns,
      bySystem,
      assigned: only && only.name !== 'system_id' && only.type.toUpperCase() === 'INTEGER' ? only.name : undefined,
      parent: fk ? { from: fk.from, table: fk.table, to: fk.to } : undefined,
    };
  });
  const rank = (t: Table) => (t.name === 'systems' ? 0 : t.bySystem ? 1 : 2);
  return tables.sort((a, b) => rank(a) - rank(b) || a.name.localeCompare(b.name));
}

function open(path: string, what: string) {
  try {
    return createDb(path);
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED')
      throw new SystemTransferError(`${what} ${path} is in use: stop the mock that runs on it first`);
    throw new SystemTransferError(`cannot open ${what} ${path}: ${(error as Error).message}`);
  }
}

const KEEPS_NOTHING = 'an in-memory database keeps nothing';

/** What refuses a file of any role: not there to read as it is. */
function unusable(path: string, file: MockFile, then: string): string | undefined {
  if (file.kind === 'in-use') return `${path} is in use: stop the mock that runs on it first`;
  if (file.kind === 'unsaved')
    return `${path} is in use, or its mock did not close it (${file.beside} holds changes not yet in it): stop that mock, or open it with omni-mock once and stop it, then ${then}`;
  if (file.kind === 'unreadable') return `cannot read ${path}: ${file.detail}`;
  return undefined;
}

/** The source of an export, checked and open for reading, or why it is refused (nothing written to it either way). */
function openSource(db: string): Database.Database {
  const file = openMockFile(db);
  if (file.kind === 'current') return file.sqlite;
  const problem =
    unusable(db, file, 'export') ??
    (file.kind === 'newer'
      ? `${db} was written by a newer OmniKit ${file.versions}: export it with that omni-mock`
      : file.kind === 'older'
        ? `${db} was written by an older OmniKit ${file.versions}: open it with this omni-mock once (omni-mock --db ${db}, then stop it), then export`
        : `${db} is not a mock database (${file.kind === 'not-sqlite' ? `not an SQLite file: ${file.detail}` : 'no omni-mock schema in it'})`);
  throw new SystemTransferError(problem);
}

/**
 * Copies system `key` of database `db` into a new file `out`; with `remove`, deletes it from `db` in the same
 * transaction (the default system cannot be removed: every mock has one). Every check comes first; without `remove`
 * nothing is written to `db`, and a refusal creates no `out`.
 */
export function exportSystem(opts: { db: string; key: string; out: string; remove?: boolean }): TransferResult {
  if (opts.db === ':memory:')
    throw new SystemTransferError(`--db :memory: for export: ${KEEPS_NOTHING}: give the file of a mock's database`);
  if (opts.out === ':memory:')
    throw new SystemTransferError(`--out :memory: for export: ${KEEPS_NOTHING}: give a new file`);
  if (!existsSync(opts.db)) throw new SystemTransferError(`there is no database at ${opts.db}`);
  if (existsSync(opts.out)) throw new SystemTransferError(`${opts.out} exists already: give a new file for the export`);
  const source = openSource(opts.db);
  try {
    const system = source.prepare('SELECT system_id, is_default FROM systems WHERE system_key = ?').get(opts.key) as
      | { system_id: number; is_default: number }
      | undefined;
    if (!system) throw new SystemTransferError(`${opts.db} holds no system ${opts.key}`);
    if (opts.remove && system.is_default)
      throw new SystemTransferError(`${opts.key} is the default system of ${opts.db}: it can be exported, not removed`);
    // Deleting the system cascades to its rows.
    source.pragma('foreign_keys = ON');
    const created = open(opts.out, 'the export file');
    // One standalone file: a rollback journal leaves no -wal beside it once closed.
    created.sqlite.pragma('journal_mode = DELETE');
    created.close();
    source.prepare('ATTACH DATABASE ? AS dst').run(opts.out);
    let rows = 0;
    let done = false;
    try {
      source.transaction(() => {
        for (const t of tablesOf(source, 'dst')) {
          const cols = t.columns.map((c) => quote(c.name)).join(', ');
          if (t.bySystem) {
            rows += source
              .prepare(
                `INSERT INTO dst.${quote(t.name)} (${cols}) SELECT ${cols} FROM main.${quote(t.name)} WHERE system_id = ?`,
              )
              .run(system.system_id).changes;
          } else if (t.parent) {
            rows += source
              .prepare(
                `INSERT INTO dst.${quote(t.name)} (${cols}) SELECT ${cols} FROM main.${quote(t.name)} WHERE ${quote(t.parent.from)} IN (SELECT ${quote(t.parent.to)} FROM dst.${quote(t.parent.table)})`,
              )
              .run().changes;
          }
        }
        if (opts.remove) source.prepare('DELETE FROM main.systems WHERE system_id = ?').run(system.system_id);
      })();
      done = true;
    } finally {
      source.exec('DETACH DATABASE dst');
      if (!done) rmSync(opts.out, { force: true });
    }
    return { systemKey: opts.key, rows };
  } finally {
    source.close();
  }
}

/** The one system of export file `from`, or why the file is refused. */
function systemOfExport(from: string): string {
  const file = openMockFile(from);
  if (file.kind !== 'current') {
    throw new SystemTransferError(
      unusable(from, file, 'import') ??
        (file.kind === 'newer'
          ? `${from} was written by a newer OmniKit ${file.versions}: import it with that omni-mock`
          : file.kind === 'older'
            ? `${from} was written by an older OmniKit ${file.versions}: import it with that omni-mock, or export the system again with this one`
            : `${from} is not a file of omni-mock system export (${file.kind === 'not-sqlite' ? `not an SQLite file: ${file.detail}` : 'no mock schema in it'})`),
    );
  }
  try {
    const keys = file.sqlite.prepare('SELECT system_key FROM systems').pluck().all() as string[];
    const [only] = keys;
    if (keys.length !== 1 || only === undefined)
      throw new SystemTransferError(
        `${from} holds ${keys.length} systems: import takes a file of omni-mock system export (one system)`,
      );
    return only;
  } finally {
    file.sqlite.close();
  }
}

/**
 * Why an existing database `db` cannot take system `key`, read without changing it. An older mock database is taken
 * (opening it migrates it, as the mock itself does at start); an empty file is a new database.
 */
function refusalOfTarget(db: string, key: string): string | undefined {
  const file = openMockFile(db);
  switch (file.kind) {
    case 'empty':
    case 'older':
      return undefined;
    case 'newer':
      return `${db} was written by a newer OmniKit ${file.versions}: import with that omni-mock`;
    case 'not-mock':
    case 'not-sqlite':
      return `${db} is not a mock database (${file.kind === 'not-mock' ? 'it holds other tables' : `not an SQLite file: ${file.detail}`}): give a mock's database, or a new file, as --db`;
    case 'current':
      try {
        return refusalOfTaken(db, key, file.sqlite);
      } finally {
        file.sqlite.close();
      }
    default:
      return unusable(db, file, 'import');
  }
}

/**
 * Why database `db` (open on `sqlite`) cannot take system `key`: it holds a system of that key already. Its default
 * system cannot be deleted (every mock has one), so the way out differs.
 */
function refusalOfTaken(db: string, key: string, sqlite: Database.Database): string | undefined {
  const taken = sqlite.prepare('SELECT is_default FROM main.systems WHERE system_key = ?').get(key) as
    | { is_default: number }
    | undefined;
  if (!taken) return undefined;
  return taken.is_default
    ? `${db} already holds a system ${key}, its default system, which cannot be deleted: import into another database`
    : `${db} already holds a system ${key}: delete it there first`;
}

/**
 * Copies the one system of an export file `from` into database `db` (created when missing), under a new id. The default
 * system of its source (`omni-demo-key`) stays the default in a database that has none yet (a new one): a mock
 * starting on it would otherwise make its own default under the same key, which is taken.
 */
export function importSystem(opts: { db: string; from: string }): TransferResult {
  if (opts.db === ':memory:') throw new SystemTransferError(`--db :memory: for import: ${KEEPS_NOTHING}: give a file`);
  if (!existsSync(opts.from)) throw new SystemTransferError(`there is no export file at ${opts.from}`);
  const key = systemOfExport(opts.from);
  const existed = existsSync(opts.db);
  if (existed) {
    const refused = refusalOfTarget(opts.db, key);
    if (refused) throw new SystemTransferError(refused);
  }
  let imported = false;
  const target = open(opts.db, 'the database');
  try {
    try {
      target.sqlite.prepare('ATTACH DATABASE ? AS src').run(opts.from);
    } catch (error) {
      throw new SystemTransferError(`cannot read ${opts.from}: ${(error as Error).message}`);
    }
    try {
      // Checked again: an older database was only read before, and opening it has just migrated it.
      const taken = refusalOfTaken(opts.db, key, target.sqlite);
      if (taken) throw new SystemTransferError(taken);
      const hasDefault = target.sqlite.prepare('SELECT 1 FROM main.systems WHERE is_default = 1').get() !== undefined;
      let rows = 0;
      target.sqlite.transaction(() => {
        let newId = 0;
        for (const t of tablesOf(target.sqlite, 'main')) {
          const kept = t.columns.filter(
            (c) => c.name !== t.assigned && !(t.name === 'systems' && c.name === 'system_id'),
          );
          const into = kept.map((c) => quote(c.name)).join(', ');
          const from = kept
            .map((c) =>
              c.name === 'system_id'
                ? '? AS system_id'
                : t.name === 'systems' && c.name === 'is_default'
                  ? hasDefault
                    ? '0'
                    : quote(c.name)
                  : quote(c.name),
            )
            .join(', ');
          const order = t.assigned ? ` ORDER BY ${quote(t.assigned)}` : '';
          if (t.name === 'systems') {
            const info = target.sqlite
              .prepare(`INSERT INTO main.systems (${into}) SELECT ${from} FROM src.systems`)
              .run();
            newId = Number(info.lastInsertRowid);
            rows += info.changes;
          } else if (t.bySystem) {
            rows += target.sqlite
              .prepare(`INSERT INTO main.${quote(t.name)} (${into}) SELECT ${from} FROM src.${quote(t.name)}${order}`)
              .run(newId).changes;
          } else if (t.parent) {
            rows += target.sqlite
              .prepare(`INSERT INTO main.${quote(t.name)} (${into}) SELECT ${from} FROM src.${quote(t.name)}${order}`)
              .run().changes;
          }
        }
      })();
      imported = true;
      return { systemKey: key, rows };
    } finally {
      target.sqlite.exec('DETACH DATABASE src');
    }
  } finally {
    target.close();
    // A database made for this import and left empty is not left behind.
    if (!existed && !imported)
      for (const suffix of ['', '-wal', '-shm']) rmSync(`${opts.db}${suffix}`, { force: true });
  }
}
