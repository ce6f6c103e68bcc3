import type Database from 'better-sqlite3';

/**
 * When the WAL is copied back into the database file. SQLite's own policy checkpoints inside the
 * COMMIT that takes the WAL past `wal_autocheckpoint` pages: a commit that copies everything
 * written since the last one, with the event loop blocked meanwhile. Under the soak's load (200
 * connections, some 2,000 WAL pages a second) a 10,000-page WAL made one COMMIT in a few seconds
 * take 40-290 ms, growing with the WAL and the disk's fsync time.
 *
 * Here the automatic checkpoint is off and a PASSIVE checkpoint runs right after a turn's COMMIT
 * once `intervalMs` have passed since the last: each copies at most what the interval wrote (a
 * few hundred pages, a few ms), the WAL file stays that small, and no checkpoint ever runs inside
 * a transaction or before the turn's answers are released. An idle mock writes nothing more; its
 * last pages are checkpointed by the next commit or when the database closes.
 */
export interface CheckpointPolicy {
  /** A turn's transaction has just committed (no transaction is open). */
  committed(): void;
  /** Figures since the last call, for the load statistics (`--stats`). */
  take(): { checkpoints: number; checkpoint_max_ms: number; checkpoint_pages_max: number };
}

export interface CheckpointPolicyOptions {
  /** At most one checkpoint per interval (default 250 ms). */
  intervalMs?: number;
  /** Monotonic ms (default `performance.now`), injected for tests. */
  now?: () => number;
}

interface CheckpointResult {
  busy: number;
  log: number;
  checkpointed: number;
}

export function createCheckpointPolicy(
  sqlite: Database.Database,
  options: CheckpointPolicyOptions = {},
): CheckpointPolicy {
  const intervalMs = options.intervalMs ?? 250;
  const now = options.now ?? (() => performance.now());
  sqlite.pragma('wal_autocheckpoint = 0');
  const checkpoint = sqlite.prepare('PRAGMA wal_checkpoint(PASSIVE)');
  let last = now();
  let count = 0;
  let longest = 0;
  let mostPages = 0;
  return {
    committed() {
      const t0 = now();
      if (t0 - last < intervalMs || sqlite.inTransaction) return;
      const result = checkpoint.get() as CheckpointResult | undefined;
      last = now();
      count++;
      longest = Math.max(longest, last - t0);
      mostPages = Math.max(mostPages, result?.log ?? 0);
    },
    take() {
      const figures = {
        checkpoints: count,
        checkpoint_max_ms: Math.round(longest * 10) / 10,
        checkpoint_pages_max: mostPages,
      };
      count = 0;
      longest = 0;
      mostPages = 0;
      return figures;
    },
  };
}
