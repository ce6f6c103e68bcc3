import type Database from 'better-sqlite3';

/**
 * An in-memory cache of rows a repository reads often, per system and key, that never holds a
 * row a rollback could undo. The repository drops an entry before every write that may change it
 * (`drop`), and a whole system when its data is wiped (`forget`). Writes run inside the group
 * commit's transaction, which may still roll back (a command's savepoint, or a failed COMMIT), so
 * after a write to a system the cache takes no new entry of that system until that transaction is
 * over (`settled`, from the group commit, or a read that finds no transaction open) — until then,
 * what a read sees may be uncommitted. Reads before the first write see committed rows only, and
 * are cached.
 */
export class CommittedCache<K, V> {
  private readonly bySystem = new Map<number, Map<K, V>>();
  /** Systems written to since a read last saw no transaction open. */
  private readonly dirty = new Set<number>();

  constructor(
    private readonly sqlite: Database.Database,
    /** Entries per system at most; beyond, the system's entries start again. */
    private readonly limit = 10_000,
  ) {}

  get(systemId: number, key: K): V | undefined {
    return this.bySystem.get(systemId)?.get(key);
  }

  /** Caches `value`, read just now from the database, unless it may be uncommitted. */
  set(systemId: number, key: K, value: V): void {
    if (this.dirty.size > 0) {
      if (this.sqlite.inTransaction) {
        if (this.dirty.has(systemId)) return;
      } else {
        this.dirty.clear();
      }
    }
    let entries = this.bySystem.get(systemId);
    if (!entries) {
      entries = new Map();
      this.bySystem.set(systemId, entries);
    }
    if (entries.size >= this.limit) entries.clear();
    entries.set(key, value);
  }

  /** Before a write that may change `key` of the system (every key when none is given). */
  drop(systemId: number, key?: K): void {
    this.dirty.add(systemId);
    if (key === undefined) this.bySystem.delete(systemId);
    else this.bySystem.get(systemId)?.delete(key);
  }

  /** The transaction is over (committed or rolled back): what a read sees now is committed. */
  settled(): void {
    this.dirty.clear();
  }

  /** The system's data was wiped (reset, system deleted). */
  forget(systemId: number): void {
    this.drop(systemId);
  }
}
