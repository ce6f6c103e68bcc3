import { mkdirSync, rmSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { checkDatabasePath } from '../store/check-database-path.js';
import { MIGRATIONS_FOLDER } from '../store/create-db.js';
import { databaseHeld } from '../store/database-held.js';
import { inspectDatabase } from '../store/inspect-database.js';
import { knownSchema } from '../store/schema-version.js';
import {
  acquireInstanceLock,
  type InstanceLock,
  type LockOwner,
  liveOwner,
  lockPathOf,
  takeOverLine,
} from './instance-lock.js';
import { type PortReservation, reservePort } from './reserve-port.js';

/**
 * Wall-clock ms the start-up integrity check may take. A database with 1,000,000 leads (178 MiB) is
 * checked whole in 0.8-1.7 s (`bench/startup-check.bench.ts`); a table of more than about 1.5
 * million rows is left to the run-time check (a corrupt page answers 503).
 */
export const CHECK_BUDGET_MS = 1_500;

export interface PreflightOptions {
  db: string;
  /** The database as the user reads it (messages name it so). */
  shown: string;
  host: string;
  port: number;
  reset: boolean;
  /** This process's id, written in the lock file. */
  pid: number;
  budgetMs?: number;
}

export type Preflight =
  | {
      ok: true;
      /** Undefined for `:memory:`. */
      lock: InstanceLock | undefined;
      port: Extract<PortReservation, { ok: true }>;
      /** Said once at start when the integrity check did not cover every table. */
      note: string | undefined;
      /**
       * Said once at start when the lock taken over named a live process that is not its writer (`reused`,
       * `unconfirmed`): a stale lock whose process is gone or whose file was unreadable is taken over silently.
       */
      tookOver: string | undefined;
    }
  | { ok: false; problem: string };

/**
 * Everything the mock must know before it may open the database for real, in an order that
 * changes nothing until the last step can no longer fail for a reason we can name: the path is
 * a writable SQLite file or can become one; no running mock holds it; the port is free (held from
 * here on); then the lock file is taken; then the file is read (newer schema, integrity); then
 * `--reset` deletes it. Each refusal is one line naming the problem and its remedy.
 */
export async function preflight(options: PreflightOptions): Promise<Preflight> {
  const { db, shown } = options;
  const memory = db === ':memory:';
  const held = () => databaseHeld(db);
  if (!memory) {
    const pathProblem = checkDatabasePath(db, shown, options.reset);
    if (pathProblem) return { ok: false, problem: pathProblem };
    const owner = liveOwner(db, options.pid, held);
    if (owner) return { ok: false, problem: alreadyRunning(shown, owner) };
  }
  const port = await reservePort(options.host, options.port);
  if (!port.ok) return port;
  if (memory) return { ok: true, lock: undefined, port, note: undefined, tookOver: undefined };

  let lock: InstanceLock | undefined;
  const refuse = async (problem: string): Promise<Preflight> => {
    lock?.release();
    await port.release();
    return { ok: false, problem };
  };
  try {
    mkdirSync(dirname(db), { recursive: true });
    const taken = acquireInstanceLock(db, options.pid, held);
    if (!taken.ok) return await refuse(alreadyRunning(shown, taken.owner));
    lock = taken.lock;
    const tookOver =
      taken.tookOver &&
      takeOverLine(lockPathOf(shown), taken.tookOver, {
        writer: 'mock',
        unconfirmed: `that pid does not hold ${shown}`,
      });
    let note: string | undefined;
    const size = statSync(db, { throwIfNoEntry: false })?.size ?? 0;
    if (!options.reset && size > 0) {
      const inspection = inspectDatabase(db, shown, {
        schema: knownSchema(MIGRATIONS_FOLDER),
        budgetMs: options.budgetMs ?? CHECK_BUDGET_MS,
      });
      if (!inspection.ok) return await refuse(inspection.problem);
      if (inspection.skipped.length > 0) {
        note = `checked ${inspection.tablesChecked} of ${inspection.tables} tables of ${shown} in ${inspection.ms} ms; too large to check at start: ${inspection.skipped.join(', ')} (a corrupt page there answers 503 when read)`;
      }
    }
    if (options.reset) for (const suffix of ['', '-wal', '-shm']) rmSync(`${db}${suffix}`, { force: true });
    return { ok: true, lock, port, note, tookOver };
  } catch (error) {
    return await refuse(`cannot prepare --db ${shown} (${(error as Error).message}): give another --db`);
  }
}

function alreadyRunning(shown: string, owner: LockOwner): string {
  const port = owner.port === undefined ? 'still starting' : `port ${owner.port}`;
  return `a mock is already using ${shown} (pid ${owner.pid}, ${port}): stop it (kill ${owner.pid}) or give another --db`;
}
