/**
 * A failure of the database file under a running mock (not a bug in the mock, not bad input): SQLite's result code
 * says which. Such a request answers 503 `SERVICE_UNAVAILABLE` with a `detail` that says what to do, and the mock logs
 * each kind once, not once per request (a corrupt page keeps failing every request that reads it).
 *
 * @module
 */

import type { Logger } from '../mock-services.js';
import type { ErrorDetails } from './error-table.js';

interface StorageKind {
  kind: string;
  what: string;
  remedy: string;
}

const CORRUPT: StorageKind = {
  kind: 'corrupt',
  what: "the mock's database file is corrupt",
  remedy: 'stop the mock and restore a copy of its --db, or restart it with --reset (fresh demo data)',
};
const FULL: StorageKind = {
  kind: 'full',
  what: "the disk of the mock's database file is full",
  remedy: 'free some space; the mock serves again once it can write',
};
const IO: StorageKind = {
  kind: 'io',
  what: "the disk of the mock's database file failed (I/O error)",
  remedy: 'check the disk, then restart the mock',
};
const READ_ONLY: StorageKind = {
  kind: 'readonly',
  what: "the mock's database file became read-only",
  remedy: 'make it writable again, or restart the mock with another --db',
};

export function storageKindOf(error: unknown): StorageKind | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string' || !code.startsWith('SQLITE_')) return undefined;
  if (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB') return CORRUPT;
  if (code === 'SQLITE_FULL') return FULL;
  if (code.startsWith('SQLITE_IOERR')) return IO;
  if (code.startsWith('SQLITE_READONLY')) return READ_ONLY;
  return undefined;
}

/** Kinds already logged, per logger (one logger per mock). */
const logged = new WeakMap<Logger, Set<string>>();

/** The 503 for a storage failure (logged the first time its kind is seen), or undefined for any other error. */
export function storageFailure(error: unknown, logger: Logger): ErrorDetails | undefined {
  const found = storageKindOf(error);
  if (!found) return undefined;
  const code = String((error as { code: string }).code);
  const message = error instanceof Error ? error.message : code;
  let kinds = logged.get(logger);
  if (!kinds) {
    kinds = new Set();
    logged.set(logger, kinds);
  }
  if (!kinds.has(found.kind)) {
    kinds.add(found.kind);
    logger.error(
      `omni-mock: ${found.what} (${code}: ${message}); requests that need it answer 503 SERVICE_UNAVAILABLE: ${found.remedy}`,
    );
  }
  return {
    code: 'SERVICE_UNAVAILABLE',
    detail: `${found.what} (${message}); this request was not served: ${found.remedy}`,
  };
}
