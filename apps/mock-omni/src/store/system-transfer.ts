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
 * @module
 */

import { existsSync, rmSync } from 'node:fs';
import type Database from 'better-sqlite3';
import { createDb } from './create-db.js';

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

function migrationsOf(sqlite: Database.Database, schema: string): number {
  return sqlite.prepare(`SELECT count(*) FROM ${schema}.__drizzle_migrations`).pluck().get() as number;
}

/**
 * Copies system `key` of database `db` into a new file `out`; with `remove`, deletes it from `db` in the same
 * transaction (the default system cannot be removed: every mock has one).
 */
export function exportSystem(opts: { db: string; key: string; out: string; remove?: boolean }): TransferResult {
  if (!existsSync(opts.db)) throw new SystemTransferError(`there is no database at ${opts.db}`);
  if (existsSync(opts.out)) throw new SystemTransferError(`${opts.out} exists already: give a new file for the export`);
  const source = open(opts.db, 'the database');
  try {
    const system = source.sqlite
      .prepare('SELECT system_id, is_default FROM systems WHERE system_key = ?')
      .get(opts.key) as { system_id: number; is_default: number } | undefined;
    if (!system) throw new SystemTransferError(`${opts.db} holds no system ${opts.key}`);
    if (opts.remove && system.is_default)
      throw new SystemTransferError(`${opts.key} is the default system of ${opts.db}: it can be exported, not removed`);
    const created = open(opts.out, 'the export file');
    // One standalone file: a rollback journal leaves no -wal beside it once closed.
    created.sqlite.pragma('journal_mode = DELETE');
    created.close();
    source.sqlite.prepare('ATTACH DATABASE ? AS dst').run(opts.out);
    let rows = 0;
    let done = false;
    try {
      source.sqlite.transaction(() => {
        for (const t of tablesOf(source.sqlite, 'dst')) {
          const cols = t.columns.map((c) => quote(c.name)).join(', ');
          if (t.bySystem) {
            rows += source.sqlite
              .prepare(
                `INSERT INTO dst.${quote(t.name)} (${cols}) SELECT ${cols} FROM main.${quote(t.name)} WHERE system_id = ?`,
              )
              .run(system.system_id).changes;
          } else if (t.parent) {
            rows += source.sqlite
              .prepare(
                `INSERT INTO dst.${quote(t.name)} (${cols}) SELECT ${cols} FROM main.${quote(t.name)} WHERE ${quote(t.parent.from)} IN (SELECT ${quote(t.parent.to)} FROM dst.${quote(t.parent.table)})`,
              )
              .run().changes;
          }
        }
        if (opts.remove) source.sqlite.prepare('DELETE FROM main.systems WHERE system_id = ?').run(system.system_id);
      })();
      done = true;
    } finally {
      source.sqlite.exec('DETACH DATABASE dst');
      if (!done) rmSync(opts.out, { force: true });
    }
    return { systemKey: opts.key, rows };
  } finally {
    source.close();
  }
}

/** Copies the one system of an export file `from` into database `db` (created when missing), under a new id. */
export function importSystem(opts: { db: string; from: string }): TransferResult {
  if (!existsSync(opts.from)) throw new SystemTransferError(`there is no export file at ${opts.from}`);
  const target = open(opts.db, 'the database');
  try {
    try {
      target.sqlite.prepare('ATTACH DATABASE ? AS src').run(opts.from);
    } catch (error) {
      throw new SystemTransferError(`cannot read ${opts.from}: ${(error as Error).message}`);
    }
    try {
      let migrations: number;
      try {
        migrations = migrationsOf(target.sqlite, 'src');
      } catch {
        throw new SystemTransferError(`${opts.from} is not a file of omni-mock system export (no mock schema in it)`);
      }
      if (migrations !== migrationsOf(target.sqlite, 'main'))
        throw new SystemTransferError(
          `${opts.from} was written by another version of the mock: open it with this one first (omni-mock --db ${opts.from}), then import`,
        );
      const systems = target.sqlite.prepare('SELECT system_id, system_key FROM src.systems').all() as {
        system_id: number;
        system_key: string;
      }[];
      const only = systems[0];
      if (systems.length !== 1 || !only)
        throw new SystemTransferError(
          `${opts.from} holds ${systems.length} systems: import takes a file of omni-mock system export (one system)`,
        );
      const taken = target.sqlite.prepare('SELECT 1 FROM main.systems WHERE system_key = ?').get(only.system_key);
      if (taken)
        throw new SystemTransferError(`${opts.db} already holds a system ${only.system_key}: delete it there first`);
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
                  ? '0'
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
      return { systemKey: only.system_key, rows };
    } finally {
      target.sqlite.exec('DETACH DATABASE src');
    }
  } finally {
    target.close();
  }
}
