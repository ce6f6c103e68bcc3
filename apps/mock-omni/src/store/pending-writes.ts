/**
 * Writes held back until the end of the open group-commit transaction, per connection. A repository that buffers
 * rows (the outbox: one row per notification, written as multi-row INSERTs; coalesced rows: written once a turn with
 * their last values) registers here, naming the tables its rows go to. Its rows are written before the COMMIT that
 * makes them durable (store/group-commit.ts) and before any statement of the connection that names one of those
 * tables runs, whoever prepared it (the read barrier, `installReadBarrier`): a query, a drizzle read of an HTTP
 * handler, a reset's DELETE. So no reader ever sees the table without them, and nobody has to remember to flush.
 * A rolled-back savepoint takes back what it buffered: every transaction function of the connection notes a mark
 * when it starts and, when it throws, undoes the buffers to that mark (store/write-epoch.ts `trackRollbacks`).
 * What is committed and when is unchanged: the rows land in the same transaction as before, only later in it.
 *
 * @module
 */

import type Database from 'better-sqlite3';

/** A buffer of writes one repository holds back. */
export interface DeferredWrites {
  /** The tables its rows are written to: a statement naming one of them writes the buffers first. */
  readonly tables: readonly string[];
  /** Where the buffer stands now (taken when a savepoint starts). */
  mark(): unknown;
  /** The savepoint taken at `mark` rolled back: forget what was buffered since, rewrite what it undid. */
  undo(mark: unknown): void;
  /** Writes everything buffered (inside the open transaction); cheap when nothing is. */
  flush(): void;
  /** The transaction is over (committed or rolled back): nothing buffered is left to write. */
  settle(): void;
}

export interface PendingWrites {
  register(writes: DeferredWrites): void;
  /** The group commit opened its transaction: it flushes every buffer before its COMMIT, then settles them. */
  begin(): void;
  /** Whether the group commit's transaction is open (a write may be held back until its COMMIT). */
  active(): boolean;
  /** Marks of every buffer (undefined when none is registered: nothing to undo). */
  mark(): unknown[] | undefined;
  undo(marks: unknown[] | undefined): void;
  flush(): void;
  settle(): void;
}

const registries = new WeakMap<Database.Database, PendingWrites>();
/** Every table some buffer of the connection writes to (the read barrier's list), and how often it grew. */
interface HeldTables {
  names: Set<string>;
  version: number;
}
const heldTables = new WeakMap<Database.Database, HeldTables>();

/** The connection's registry, made on first use. */
export function pendingWritesOf(sqlite: Database.Database): PendingWrites {
  let registry = registries.get(sqlite);
  if (!registry) {
    const buffers: DeferredWrites[] = [];
    const tables = tablesOf(sqlite);
    let open = false;
    registry = {
      register: (writes) => {
        buffers.push(writes);
        for (const t of writes.tables) tables.names.add(t);
        tables.version++;
      },
      begin: () => {
        open = true;
      },
      active: () => open,
      mark: () => (buffers.length === 0 ? undefined : buffers.map((b) => b.mark())),
      undo: (marks) => {
        if (!marks) return;
        for (let i = 0; i < marks.length; i++) buffers[i]?.undo(marks[i]);
      },
      // In the order the buffers registered; each writes only what it still holds.
      flush: () => {
        for (const b of buffers) b.flush();
      },
      settle: () => {
        open = false;
        for (const b of buffers) b.settle();
      },
    };
    registries.set(sqlite, registry);
  }
  return registry;
}

function tablesOf(sqlite: Database.Database): HeldTables {
  let tables = heldTables.get(sqlite);
  if (!tables) {
    tables = { names: new Set(), version: 0 };
    heldTables.set(sqlite, tables);
  }
  return tables;
}

type Execute = (...params: unknown[]) => unknown;
const EXECUTE = ['run', 'get', 'all', 'iterate'] as const;
const direct = new WeakMap<Database.Database, (source: string) => Database.Statement>();

/**
 * Makes every statement prepared on the connection from now on write the held buffers before it runs, when it may see
 * or touch their rows: when it names a table some buffer writes to, or deletes (a DELETE of a system cascades to
 * every table it owns). Statements are sorted once, when prepared; one that names no such table runs as before, and
 * one that does costs a check of `active()` while no group commit is open. `exec` writes them too. Installed by
 * `createDb` right after opening, before any statement is prepared.
 */
export function installReadBarrier(sqlite: Database.Database): void {
  const pending = pendingWritesOf(sqlite);
  const tables = tablesOf(sqlite);
  const prepare = sqlite.prepare.bind(sqlite) as (source: string) => Database.Statement;
  direct.set(sqlite, prepare);
  sqlite.prepare = ((source: string) => {
    const statement = prepare(source);
    const words = [...new Set(source.toLowerCase().match(/[a-z_][a-z0-9_]*/g) ?? [])];
    // Transaction control and pragmas never read rows a buffer holds (and run inside its flush).
    if (/^(begin|commit|end|rollback|savepoint|release|pragma)$/.test(words[0] ?? '')) return statement;
    const deletes = words.includes('delete');
    // Which tables hold rows is known only as repositories register: decided again when the list has grown.
    let seen = -1;
    let guarded = deletes;
    const self = statement as unknown as Record<string, Execute>;
    // The prototype's methods are looked up at each run: whoever wraps them later (a profiler) still sees every run.
    const methods = Object.getPrototypeOf(statement) as Record<string, Execute>;
    for (const method of EXECUTE) {
      self[method] = function barrier(this: unknown, ...params: unknown[]) {
        if (pending.active()) {
          if (seen !== tables.version) {
            seen = tables.version;
            guarded = deletes || words.some((w) => tables.names.has(w));
          }
          if (guarded) pending.flush();
        }
        return (methods[method] as Execute).apply(this, params);
      };
    }
    return statement;
  }) as typeof sqlite.prepare;
  const exec = sqlite.exec.bind(sqlite);
  sqlite.exec = ((source: string) => {
    if (pending.active()) pending.flush();
    return exec(source);
  }) as typeof sqlite.exec;
}

/**
 * Prepares a statement that does not write the held buffers first: for a repository's own statements that write its
 * buffer, or that read rows it knows are never held. Anything else goes through `sqlite.prepare`.
 */
export function prepareUnguarded<P extends unknown[] = unknown[], R = unknown>(
  sqlite: Database.Database,
  source: string,
): Database.Statement<P, R> {
  const prepare = direct.get(sqlite) ?? sqlite.prepare.bind(sqlite);
  return prepare(source) as unknown as Database.Statement<P, R>;
}
